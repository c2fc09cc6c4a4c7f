// `npm run bench [-- --quick] [-- --grid16] [-- --match] [-- --cap SECONDS] [-- --cap-ratio K] [-- --workers N] [-- --only SUBSTRING] [-- --skip SUBSTRING]`
// [-- --budget-overshoot [SECONDS]] (see overshoot.ts) [-- --cancel-latency [SECONDS,...]] (see cancelLatency.ts):
// every case with the default method
// (the split path for ≤ 3 free inputs, the MILP path above) and the paper's formulation (matching and pruning
// cases: also the MILP path, `direct`), side by side in the same process on the same HiGHS build. Prints a table
// and writes bench/results/bench-<time>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/engine/engine';
import { benchCases } from './cases';
import { matchCases, writeMatchModels } from './matchCases';
import { pruneLines } from './matchReport';
import { measure } from './measure';
import { parseAbortTimes, runCancelLatency } from './cancelLatency';
import { runOvershoot } from './overshoot';
import { writeRandomModels } from './randomModels';
import type { CaseReport } from './report';
import { checkExpected, checkTarget, compareAll, speedupLine, summarize, table } from './report';

interface Args {
  quick: boolean;
  /** Only the 16 Brusselator BL radii of the radius-map grid (GRID16_CENTRES). */
  grid16: boolean;
  /** Only the matching and pruning cases (matchCases.ts). */
  match: boolean; cap: number; fastCap: number; only: string | null; skip: string | null; noPaper: boolean;
  /** Solver worker threads (HiGHS instances) shared by both methods. */
  workers: number;
  /** When set, the baseline's cap on a case is K × the fast time (within [MIN_CAP, cap]): a capped baseline then proves ≥ K×. */
  capRatio: number | null;
  /** --budget-overshoot: only measure how far past this whole-query budget each case returns. */
  overshootBudget: number | null;
  /** --cancel-latency: only measure how long each case takes to return after a cancel at these times (s). */
  cancelAt: number[] | null;
}

/** The smallest baseline cap under --cap-ratio: start-up noise must not decide a case. */
const MIN_CAP_SECONDS = 6;
/** The warm-up query's cap: it only has to start onnxruntime-web, the workers and the JIT. */
const WARM_UP_CAP_SECONDS = 10;
/** The issue's speed-up target over the MILP, checked on the matching cases. */
const MATCH_SPEEDUP = 100;

function parseArgs(argv: readonly string[]): Args {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | null => { const i = argv.indexOf(flag); return i >= 0 && i + 1 < argv.length ? argv[i + 1] : null; };
  return {
    quick,
    grid16: argv.includes('--grid16'),
    match: argv.includes('--match'),
    cap: Number(value('--cap') ?? (quick ? 6 : 120)),
    fastCap: Number(value('--fast-cap') ?? (quick ? 20 : 120)),
    only: value('--only'),
    skip: value('--skip'),
    noPaper: argv.includes('--no-paper'),
    workers: Math.max(1, Number(value('--workers') ?? 2)),
    capRatio: value('--cap-ratio') === null ? null : Number(value('--cap-ratio')),
    cancelAt: argv.includes('--cancel-latency') ? parseAbortTimes(value('--cancel-latency')) : null,
    overshootBudget: !argv.includes('--budget-overshoot') ? null : Number(/^[\d.]+$/.test(value('--budget-overshoot') ?? '') ? value('--budget-overshoot') : 2),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const randomModels = writeRandomModels(join(resultsDir, 'models'));
  const all = [...benchCases(randomModels), ...matchCases(writeMatchModels(join(resultsDir, 'models')), join(resultsDir, 'pruned'))];
  const cases = all.filter((c) => (!args.quick || c.quick) && (!args.grid16 || c.grid16 === true) && (!args.match || c.match === true) && (!args.only || c.name.includes(args.only)) && (!args.skip || !c.name.includes(args.skip)));
  const engine = createEngine({ solver: { size: args.workers } });
  await engine.ready();
  // Warm-up, not recorded: one query with a witness loads onnxruntime-web, the split workers and the JIT, so
  // one-off start-up costs do not land on whichever case happens to run first.
  const warmUpCap = Math.min(args.fastCap, WARM_UP_CAP_SECONDS);
  if (cases.length > 0) await measure(cases[0].spec, undefined, warmUpCap, engine, warmUpCap, true);
  if (args.overshootBudget !== null || args.cancelAt !== null) {
    try {
      if (args.overshootBudget !== null) await runOvershoot(cases, args.overshootBudget, engine);
      if (args.cancelAt !== null) await runCancelLatency(cases, args.cancelAt, engine);
    } finally { await engine.dispose(); }
    return;
  }
  const rows: CaseReport[] = [];
  const started = performance.now();
  const capText = args.capRatio === null ? `${args.cap} s` : `${args.capRatio}× the fast time, within [${MIN_CAP_SECONDS}, ${args.cap}] s`;
  // The machine is shared: every timing is read beside the load it was taken at (start and end of the run).
  const loadText = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');
  const loadAtStart = loadText();
  console.log(`bench: ${cases.length} cases, baseline cap ${capText}, fast cap ${args.fastCap} s, ${cpus().length} cores, HiGHS WASM (${args.workers} solver worker${args.workers === 1 ? '' : 's'}), load average ${loadAtStart}`);
  try {
    for (const c of cases) {
      const fastCap = Math.min(args.fastCap, c.fastCapSeconds ?? Infinity);
      const fast = await measure(c.spec, undefined, fastCap, engine, fastCap, true);
      const capped = args.capRatio === null ? args.cap : Math.min(args.cap, Math.max(MIN_CAP_SECONDS, args.capRatio * fast.seconds));
      const cap = Math.min(capped, c.baselineCapSeconds ?? Infinity);
      const baselines = [];
      for (const method of (c.baselines ?? ['paper']).filter((m) => !(args.noPaper && m === 'paper'))) baselines.push(await measure(c.spec, method, cap, engine, cap, false));
      const row: CaseReport = { name: c.name, fast, baselines, agreement: compareAll(c, fast, baselines), expected: checkExpected(c, fast), target: checkTarget(c, fast) };
      rows.push(row);
      const others = baselines.map((b) => `${b.method}: ${b.outcome === 'done' ? `${summarize(b.result)} in ${b.seconds.toFixed(2)} s` : b.outcome}`);
      console.log(`  ${c.name}: ${summarize(fast.result)} in ${fast.seconds.toFixed(2)} s; ${others.length > 0 ? others.join('; ') : 'no baseline'}`);
      if (row.agreement.includes('DISAGREEMENT')) console.log(`  !!! DISAGREEMENT on ${c.name}: ${row.agreement}`);
    }
  } finally {
    await engine.dispose();
  }
  console.log('');
  console.log(table(rows));
  const sweeps = rows.flatMap((r) => pruneLines(r.name, [r.fast, ...r.baselines].map((m) => [m.method, m.result] as const)));
  if (sweeps.length > 0) console.log(['', 'sweeps, level by level (discrepancy, radius):', ...sweeps].join('\n'));
  const fastDone = rows.filter((r) => r.fast.outcome === 'done');
  const grid = rows.filter((r) => cases.find((c) => c.name === r.name)?.grid16);
  const brusselator = rows.filter((r) => r.name.startsWith('brusselator') && r.name.includes('radius') && !grid.includes(r));
  const total = (rs: readonly CaseReport[]): number => rs.reduce((s, r) => s + r.fast.seconds, 0);
  console.log('');
  if (brusselator.length > 0) console.log(`Brusselator radii (fast, total): ${total(brusselator).toFixed(2)} s over ${brusselator.length} radii`);
  if (grid.length > 0) {
    const slowest = grid.reduce((a, b) => (b.fast.seconds > a.fast.seconds ? b : a));
    console.log(`grid16 BL radii (fast): slowest ${slowest.name} ${slowest.fast.seconds.toFixed(2)} s; total ${total(grid).toFixed(2)} s over ${grid.length} centres (targets: each ≤ 2 s, all ≤ 15 s)`);
  }
  const matchRows = rows.filter((r) => cases.find((c) => c.name === r.name)?.match);
  if (matchRows.length > 0) {
    const targets = matchRows.filter((r) => r.target);
    if (targets.length > 0) console.log(`matching targets: ${targets.filter((r) => r.target.endsWith(': met')).length}/${targets.length} met${targets.map((r) => `\n  ${r.name}: ${r.target}`).join('')}`);
    console.log(speedupLine(matchRows, MATCH_SPEEDUP));
  }
  const otherTargets = rows.filter((r) => r.target && !matchRows.includes(r));
  if (otherTargets.length > 0) console.log(`targets: ${otherTargets.filter((r) => r.target.endsWith(': met')).length}/${otherTargets.length} met${otherTargets.map((r) => `\n  ${r.name}: ${r.target}`).join('')}`);
  const disagreements = rows.filter((r) => r.agreement.includes('DISAGREEMENT'));
  console.log(`all fast answers: ${fastDone.length}/${rows.length} finished; disagreements with a baseline: ${disagreements.length}${disagreements.map((r) => `\n  !!! DISAGREEMENT on ${r.name}: ${r.agreement}`).join('')}`);
  const loadAtEnd = loadText();
  console.log(`wall time: ${((performance.now() - started) / 1000).toFixed(1)} s; load average (1, 5, 15 min) ${loadAtStart} at the start, ${loadAtEnd} at the end`);
  const file = join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ args, cores: cpus().length, loadAverage: { start: loadAtStart, end: loadAtEnd }, rows }, null, 2));
  console.log(`results: ${file}`);
}

void main();
