// The prune query: per level, prune by magnitude, write the copy as ONNX, read it back (so the analysed
// network is exactly the file), then the certified discrepancy against the original over the box and the
// BL safety radius at the centre. Each copy is analysed through its own CheckedModel, so its witnesses are
// re-checked in onnxruntime-web against the written file. Returns a table (QueryResult.prune).
// Cancelled or out of budget, the sweep keeps what it found: the finished rows, the running level's bracket so
// far, and the levels it never reached marked as not run (through ctx.onPartial, see dispatchQuery).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Box } from '../bounds/types';
import { InvalidArgument } from '../errors';
import { fixInputs } from '../ir/fixInputs';
import { parseOnnx, writeOnnx } from '../onnx';
import type { MatchMethod } from '../../shared/querySpec';
import type { MatchResult, NormName, PruneResult, PruneRow, PruneUnresolved, RadiusResult } from '../../shared/results';
import { certified, unresolved } from '../results/build';
import type { CheckedModel, QuerySettings } from '../queries/checkedModel';
import { queryContextFor, withCheckedModel } from '../queries/checkedModel';
import { boxPairs, fmt } from '../queries/certifyPair';
import { runCheckedMatch } from '../queries/matchRecheck';
import { runRadius } from '../queries/radius';
import { budgetLeftSeconds } from '../queries/solveMilp';
import { pruneByMagnitude } from './magnitude';

export interface PruneQuery {
  readonly levels: readonly number[];
  readonly outDir: string;
  readonly box: Box;
  readonly norm: NormName;
  readonly center?: Float64Array;
  readonly method?: MatchMethod;
}

export async function runPrune(settings: QuerySettings, original: CheckedModel, q: PruneQuery): Promise<PruneResult> {
  const started = Date.now();
  const n = original.state.net.inputSize;
  if (q.box.lower.length !== n) throw new InvalidArgument(`--box has ${q.box.lower.length} entries, the model has ${n} free inputs`);
  if (q.levels.length === 0) throw new InvalidArgument('--levels needs at least one percentage');
  const center = q.center ?? q.box.lower.map((lo, i) => (lo + q.box.upper[i]) / 2);
  mkdirSync(q.outDir, { recursive: true });
  const stem = basename(original.state.original.source).replace(/\.onnx$/i, '');
  const rows: PruneRow[] = [];
  // A level stopped before it found anything counts as not run (its file is written, but says nothing yet).
  // A partial table (the sweep is still running) is unresolved whatever its rows say.
  const partialTable = (current: PruneRow, why: string): PruneUnresolved => {
    const found = current.discrepancyBound !== null || current.radiusLower !== null ? [current] : [];
    return sweepResult(q, center, [...rows, ...found], why, started, false);
  };
  for (const [i, level] of q.levels.entries()) {
    if (budgetLeftSeconds(settings) <= 0) break;
    const t0 = Date.now();
    settings.onProgress?.({ phase: 'prune', message: `pruning ${level}%`, fraction: i / q.levels.length });
    const bytes = writeOnnx(pruneByMagnitude(original.state.original, level));
    const file = join(q.outDir, `${stem}_pruned${level}.onnx`);
    writeFileSync(file, bytes);
    const state = fixInputs(parseOnnx(bytes, file), original.state.fixed);
    let row: PruneRow = { ...notRun(level), file, radiusMessage: 'not finished', notRun: false };
    // What the sweep reports if it stops inside this level: the rows so far and this level's bounds so far.
    const levelSettings: QuerySettings = {
      ...settings,
      // Inside a level only the radius search reports partial brackets.
      onPartial: (partial) => {
        if (partial.query === 'radius-bl' || partial.query === 'radius-pi') settings.onPartial?.(partialTable({ ...row, ...radiusColumns(partial), seconds: (Date.now() - t0) / 1000 }, partial.message));
      },
    };
    settings.onPartial?.(partialTable(row, `pruning ${level}%`));
    row = await withCheckedModel(state, bytes, async (copy) => {
      const disc = await runCheckedMatch(levelSettings, { kind: 'discrepancy', box: q.box, ...(q.method ? { method: q.method } : {}) }, original, copy);
      row = { ...row, ...discrepancyColumns(disc) };
      const rad = await runRadius(queryContextFor(levelSettings, copy), { query: 'bl', center, norm: q.norm === '2' ? 'inf' : q.norm, domain: q.box });
      return { ...row, ...radiusColumns(rad), seconds: (Date.now() - t0) / 1000 };
    });
    rows.push(row);
  }
  return sweepResult(q, center, rows, rows.length < q.levels.length ? 'the time budget was spent' : '', started, true);
}

/** A level the sweep did not reach (or has only started): no discrepancy, no radius. */
function notRun(level: number): PruneRow {
  return { level, file: '', discrepancy: null, discrepancyBound: null, radius: null, radiusLower: null, radiusUpper: null, radiusStatus: 'unresolved', radiusMessage: 'not run', notRun: true, seconds: 0 };
}

function discrepancyColumns(disc: MatchResult): Pick<PruneRow, 'discrepancy' | 'discrepancyBound'> {
  return { discrepancy: disc.status === 'error' || disc.status === 'unresolved' ? null : disc.objective, discrepancyBound: disc.bound };
}

/**
 * The radius columns of a row from a BL radius result: `radius` only when it is the radius (a certified bracket
 * within the tolerance with a re-checked pair at its upper end); otherwise only the bracket (radiusUpper null: no
 * pair found, e.g. none in the whole box).
 */
export function radiusColumns(rad: RadiusResult): Pick<PruneRow, 'radius' | 'radiusLower' | 'radiusUpper' | 'radiusWitness' | 'radiusStatus' | 'radiusMessage' | 'notRun'> {
  const common = { radiusStatus: rad.status, radiusMessage: rad.message, notRun: false };
  switch (rad.status) {
    case 'error':
      return { ...common, radius: null, radiusLower: null, radiusUpper: null };
    case 'certified':
      if (rad.radiusUpper === null) return { ...common, radius: null, radiusLower: rad.radiusLower, radiusUpper: null };
      return { ...common, radius: rad.radius ?? null, radiusLower: rad.radiusLower, radiusUpper: rad.radiusUpper, radiusWitness: rad.witness };
    case 'unresolved':
      return { ...common, radius: null, radiusLower: rad.radiusLower ?? null, radiusUpper: rad.radiusUpper ?? null, ...(rad.witness ? { radiusWitness: rad.witness } : {}) };
  }
}

function sweepResult(q: PruneQuery, center: ArrayLike<number>, done: readonly PruneRow[], why: string, started: number, final: false): PruneUnresolved;
function sweepResult(q: PruneQuery, center: ArrayLike<number>, done: readonly PruneRow[], why: string, started: number, final: boolean): PruneResult;
function sweepResult(q: PruneQuery, center: ArrayLike<number>, done: readonly PruneRow[], why: string, started: number, final: boolean): PruneResult {
  const rows = [...done, ...q.levels.slice(done.length).map(notRun)];
  const allCertified = final && rows.every((r) => r.discrepancy !== null && r.radiusStatus === 'certified');
  const cell = (r: PruneRow): string => r.notRun ? `${r.level}% → not run`
    : `${r.level}% → discrepancy ${r.discrepancy === null ? '?' : fmt(r.discrepancy)}, radius ${describeRadius(r)}`;
  const table = {
    query: 'prune', norm: q.norm, objective: null, bound: null, gap: null, tolerance: 1e-6,
    center: Array.from(center), domain: boxPairs(q.box), prune: rows,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method: 'prune', solves: done.length },
    message: `${allCertified ? '' : 'unresolved: '}pruned at ${q.levels.join(', ')}%: ${rows.map(cell).join('; ')}${why ? ` (${why})` : ''}`,
  } as const;
  return allCertified ? certified(table) : unresolved(table);
}

/** The row's radius in words: the number when it is the radius, else the bracket, or "≥ lower" without a pair. */
function describeRadius(r: PruneRow): string {
  if (r.radius !== null) return fmt(r.radius);
  if (r.radiusLower === null) return '?';
  return r.radiusUpper === null ? `≥ ${fmt(r.radiusLower)}` : `in [${fmt(r.radiusLower)}, ${fmt(r.radiusUpper)}]`;
}
