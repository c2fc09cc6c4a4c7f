// Times certifyInjectiveOnBox on 1 thread against 2 split workers (shared queue and strided schedules), side by
// side in one run, on the Brusselator and vdp boxes of issue #4. Answers must agree across modes (exit 1 if not).
//   node --import tsx scripts/measure-parallel-split.ts [--reps 3] [--radius] [--from-source]
// --radius adds the Brusselator BL radii (blRadius: fold scan + bisection by certifications), 1 vs 2 workers.
// By default it bundles itself and the workers with esbuild into a temp dir and re-runs from there, so the
// workers start as they do in the extension (dist/splitWorker.js), not through tsx.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadOnnxModel } from '../src/engine/onnx';
import { fixInputs } from '../src/engine/ir/fixInputs';
import type { Network } from '../src/engine/ir/network';
import { certifyInjectiveOnBox, defaultGrid } from '../src/engine/split/pairSearch';
import { SplitWorkerPool } from '../src/engine/split/parallelPool';
import type { ParallelOutcome } from '../src/engine/split/parallelSearch';
import type { ParallelSchedule } from '../src/engine/split/parallelProtocol';
import { ballBox } from '../src/engine/queries/box';
import { blRadius } from '../src/engine/split/blRadius';
import { splitPairAcceptor } from '../src/engine/split/lowDimQuery';
import { allFree } from '../src/engine/queries/state';
import type { SplitOptions } from '../src/engine/split/types';
import { DEFAULT_SPLIT_OPTIONS } from '../src/engine/split/types';
import { SolverPool } from '../src/engine/solver';

const models = process.env.INVCERT_MODELS ?? '/work/shared/models';
const P1 = [1.96433, 1.24951];
const P2 = [0.666201, 1.99221];

/** The split workers of every run here (kept warm between runs, as an engine keeps them). */
const splitWorkers = new SplitWorkerPool();

interface Case { readonly name: string; readonly net: Network; readonly center: number[]; readonly r: number }
interface Mode { readonly name: string; readonly workers: number; readonly schedule?: ParallelSchedule }
const MODES: Mode[] = [{ name: '1 thread', workers: 1 }, { name: '2 queue', workers: 2, schedule: 'queue' }, { name: '2 strided', workers: 2, schedule: 'strided' }];

function rebundleAndRun(): never {
  const root = resolve(__dirname, '..');
  const out = join(tmpdir(), 'invcert-measure-parallel-split');
  mkdirSync(out, { recursive: true });
  const esbuild = join(root, 'node_modules/.bin/esbuild');
  const bundle = (entry: string, file: string): void => {
    const r = spawnSync(esbuild, [join(root, entry), '--bundle', '--platform=node', '--format=cjs', '--target=node20',
      '--external:tsx/cjs/api', `--outfile=${join(out, file)}`, '--log-level=warning'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  };
  bundle('scripts/measure-parallel-split.ts', 'measure.js');
  bundle('src/engine/split/parallelWorker.ts', 'splitWorker.js');
  bundle('src/engine/solver/worker.ts', 'solverWorker.js');
  copyFileSync(join(root, 'node_modules/highs/build/highs.wasm'), join(out, 'highs.wasm'));
  const r = spawnSync(process.execPath, [join(out, 'measure.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

async function cases(): Promise<Case[]> {
  const brusselator = fixInputs(await loadOnnxModel(join(models, 'brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  const vdp = await loadOnnxModel(join(models, 'vnncomp2022_vdp.onnx'));
  return [
    { name: 'brusselator P2 r=1.18', net: brusselator, center: P2, r: 1.18 },
    { name: 'brusselator P2 r=1.195', net: brusselator, center: P2, r: 1.195 },
    { name: 'brusselator P1 r=0.65', net: brusselator, center: P1, r: 0.65 },
    { name: 'brusselator P1 r=0.66', net: brusselator, center: P1, r: 0.66 },
    { name: 'vdp c=0 r=0.05', net: vdp, center: [0, 0, 0], r: 0.05 },
    { name: 'vdp c=0 r=0.1', net: vdp, center: [0, 0, 0], r: 0.1 },
  ];
}

/** The options lowDimQuery uses for a certify query (ε = the default certify tolerance 1e-4). */
function optionsFor(net: Network, pool: SolverPool, workers: number): SplitOptions {
  const n = net.inputSize;
  return { ...DEFAULT_SPLIT_OPTIONS, gridPerDim: defaultGrid(n), maxDepth: 3 * n, epsilon: 1e-4, solver: pool, workers };
}

interface Sample {
  readonly wall: number;
  /** CPU seconds of the whole process (main, solver worker, split workers). */
  readonly cpu: number;
  /** Critical path: process CPU with the split workers' CPU replaced by the busiest one's (1 thread: = cpu). */
  readonly critical: number;
  readonly out: ParallelOutcome;
}

async function timeOne(c: Case, mode: Mode, pool: SolverPool): Promise<Sample> {
  const box = ballBox(c.center, c.r);
  const opts = { ...optionsFor(c.net, pool, mode.workers), ...(mode.schedule ? { workerSchedule: mode.schedule } : {}) };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage(); // all threads of this process
  const out: ParallelOutcome = await certifyInjectiveOnBox(c.net, box, opts, { pool: splitWorkers });
  const u = process.cpuUsage(cpu0);
  const cpu = (u.user + u.system) / 1e6;
  const busiest = Math.max(0, ...(out.parallel?.reports ?? []).map((r) => r.cpuSeconds ?? 0));
  // Conservative: everything but the worker threads (main, GC and compiler threads) counts as serial work.
  const workers = (out.parallel?.reports ?? []).reduce((t, r) => t + (r.cpuSeconds ?? 0), 0);
  return { wall: (performance.now() - t0) / 1000, cpu, critical: mode.workers > 1 ? cpu - workers + busiest : cpu, out };
}

const median = (v: number[]): number => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const f2 = (v: number): string => v.toFixed(2);

async function main(): Promise<void> {
  if (__filename.endsWith('.ts') && !process.argv.includes('--from-source')) rebundleAndRun();
  const i = process.argv.indexOf('--reps');
  const reps = i >= 0 ? Math.max(1, Number(process.argv[i + 1])) : 3;
  const pool = new SolverPool({ size: 1 });
  await pool.ready();
  let mismatches = 0;
  const rows: string[] = [];
  const all = await cases();
  // Cold start: the first search of a process (main thread not yet JIT-warm, split workers started for it).
  const cold: string[] = [];
  for (const m of MODES) cold.push(`${m.name} ${f2((await timeOne(all[2], m, pool)).wall)} s`);
  console.log(`cold start on ${all[2].name} (each mode's first run; the workers start in the '2 queue' run): ${cold.join(', ')}`);
  console.log(`load average at start: ${loadavg().map(f2).join(' ')}`);
  for (const c of all) {
    const samples = new Map<string, Sample[]>(MODES.map((m) => [m.name, []]));
    // Modes interleaved per repetition, so load from other processes hits them alike.
    for (let k = 0; k < reps; k++) for (const m of MODES) samples.get(m.name)!.push(await timeOne(c, m, pool));
    const statuses = new Set([...samples.values()].flat().map((s) => s.out.status));
    if (statuses.size !== 1) mismatches++;
    const serial = samples.get(MODES[0].name)!;
    const w1 = median(serial.map((s) => s.wall)), c1 = median(serial.map((s) => s.critical));
    const cols = MODES.map((m) => {
      const s = samples.get(m.name)!;
      const wall = median(s.map((x) => x.wall)), cpu = median(s.map((x) => x.cpu)), crit = median(s.map((x) => x.critical));
      const milps = median(s.map((x) => x.out.stats.leafMilps));
      if (m.workers === 1) return `${f2(wall)} / ${f2(cpu)} / ${milps}`;
      const split = s[s.length - 1].out.parallel?.reports.map((r) => `${r.claimed}p ${f2(r.cpuSeconds ?? NaN)}s`).join(' + ') ?? 'no workers';
      return `${f2(wall)} (×${f2(w1 / wall)}) / ${f2(cpu)} / ${milps} / crit ${f2(crit)} (×${f2(c1 / crit)}) [${split}]`;
    });
    const line = `| ${c.name} | ${[...statuses].join(' ≠ ')} | ${cols.join(' | ')} |`;
    rows.push(line);
    console.log(line, ` walls: ${MODES.map((m) => samples.get(m.name)!.map((x) => f2(x.wall)).join(',')).join(' ; ')}`);
  }
  if (process.argv.includes('--radius')) {
    // The BL radius runs several certifications back to back (fold scan first, on the main thread).
    for (const [name, center] of [['brusselator P2 BL radius', P2], ['brusselator P1 BL radius', P1]] as const) {
      const cells: string[] = [];
      for (const workers of [1, 2]) {
        const opts = optionsFor(all[0].net, pool, workers);
        const t0 = performance.now();
        const u0 = process.cpuUsage();
        const out = await blRadius(all[0].net, Float64Array.from(center), ballBox(center, 10), 1e-3, opts, { accept: splitPairAcceptor(allFree(all[0].net), ballBox(center, 10), opts.epsilon, null), pool: splitWorkers });
        const u = process.cpuUsage(u0);
        cells.push(`${workers} thread(s): [${out.lower.toFixed(6)}, ${out.upper.toFixed(6)}] in ${out.certifications} certifications, ${f2((performance.now() - t0) / 1000)} s wall / ${f2((u.user + u.system) / 1e6)} s CPU`);
      }
      console.log(`${name}: ${cells.join('; ')}`);
    }
  }
  await pool.dispose();
  await splitWorkers.dispose();
  console.log(`\nload average at end: ${loadavg().map(f2).join(' ')}; median of ${reps} runs.`);
  console.log('1 thread: wall s / CPU s (all threads) / leaf MILPs. 2 workers: wall (speed-up) / CPU / MILPs / critical path =');
  console.log('process CPU with the workers\' CPU replaced by the busiest worker\'s (≈ wall on an idle 2-core machine; speed-up');
  console.log('against the 1-thread CPU) [initial pairs claimed and thread CPU per worker, last run]\n');
  console.log(`| case | answer | ${MODES.map((m) => m.name).join(' | ')} |`);
  console.log(`|---|---|${MODES.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(r);
  if (mismatches > 0) { console.error(`${mismatches} case(s) answered differently across modes`); process.exitCode = 1; }
}

void main();
