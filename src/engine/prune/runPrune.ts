// The prune query: per level, prune by magnitude, write the copy as ONNX, read it back (so the analysed
// network is exactly the file), then the certified discrepancy against the original over the box and the
// BL safety radius at the centre. Each copy is analysed through its own CheckedModel, so its witnesses are
// re-checked in onnxruntime-web against the written file. Returns a table (QueryResult.prune).
// Cancelled or out of budget, the sweep keeps what it found: the finished rows, the running level's bracket so
// far, and the levels it never reached marked as not run (through ctx.onPartial, see dispatchQuery).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Box } from '../bounds/types';
import { EngineError, InvalidArgument, SolverFailed } from '../errors';
import { fixInputs } from '../ir/fixInputs';
import { parseOnnx, writeOnnx } from '../onnx';
import type { MatchMethod } from '../../shared/querySpec';
import type { MatchResult, NormName, PruneResult, PruneRow, PruneUnresolved, RadiusResult } from '../../shared/results';
import { certified, unresolved } from '../results/build';
import type { CheckedModel, QuerySettings } from '../queries/checkedModel';
import { queryContextFor, withCheckedModel } from '../queries/checkedModel';
import { BoundsMemo } from '../queries/boundsMemo';
import { boxPairs } from '../queries/certifyPair';
import { runCheckedMatch } from '../queries/matchRecheck';
import { runRadius } from '../queries/radius';
import { budgetLeftSeconds } from '../queries/solveMilp';
import { completeBracket } from './levelBracket';
import { LevelProgress } from './levelProgress';
import { pruneByMagnitude } from './magnitude';
import { levelWords, rowNumber } from './rowWords';

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
    const found = current.discrepancyBound !== null || current.discrepancyLower !== null || current.radiusLower !== null ? [current] : [];
    return sweepResult(q, center, [...rows, ...found], why, started, false);
  };
  // The original network's bounds on the box are the same at every level: computed once.
  const shared: QuerySettings = { ...settings, boundsMemo: settings.boundsMemo ?? new BoundsMemo() };
  for (const [i, level] of q.levels.entries()) {
    if (budgetLeftSeconds(settings) <= 0) break;
    const t0 = Date.now();
    const progress = new LevelProgress(settings.onProgress, level, i, q.levels.length);
    const bytes = writeOnnx(pruneByMagnitude(original.state.original, level));
    const file = join(q.outDir, `${stem}_pruned${level}.onnx`);
    writeFileSync(file, bytes);
    const state = fixInputs(parseOnnx(bytes, file), original.state.fixed);
    let row: PruneRow = { ...notRun(level), file, radiusMessage: 'not finished', notRun: false };
    const keep = (columns: Partial<PruneRow>, why: string): void => {
      row = { ...row, ...columns, seconds: (Date.now() - t0) / 1000 };
      settings.onPartial?.(partialTable(row, why));
    };
    // What the sweep reports if it stops inside this level: the rows so far and this level's bounds so far.
    const levelSettings: QuerySettings = {
      ...shared,
      onProgress: progress.inner,
      onPartial: (partial) => {
        if (partial.query === 'discrepancy') keep(discrepancyColumns(partial), partial.message);
        if (partial.query === 'radius-bl' || partial.query === 'radius-pi') {
          const columns = radiusColumns(partial);
          progress.radiusBracket(columns);
          keep(columns, partial.message);
        }
      },
    };
    keep({}, `pruning ${level}%`);
    progress.inner({ phase: 'prune', message: `pruning ${level}%` });
    row = await withCheckedModel(state, bytes, async (copy) => {
      // A search that broke inside leaves the bracket to completeBracket; the row's message says so.
      const disc = await runCheckedMatch(levelSettings, { kind: 'discrepancy', box: q.box, ...(q.method ? { method: q.method } : {}) }, original, copy)
        .catch((e: unknown) => `the discrepancy search failed: ${brokeInside(e)}`);
      const found = typeof disc === 'string' ? discrepancyColumns(null) : discrepancyColumns(disc);
      const discrepancy = typeof disc !== 'string' && disc.status === 'error' ? found : await completeBracket(found, original, copy, q.box, center);
      progress.discrepancyFinished(discrepancy);
      keep(discrepancy, typeof disc === 'string' ? disc : disc.message);
      const radius = await runRadius(queryContextFor(levelSettings, copy), { query: 'bl', center, norm: q.norm === '2' ? 'inf' : q.norm, domain: q.box })
        .then(radiusColumns, (e: unknown): ReturnType<typeof radiusColumns> => ({
          radius: null, radiusLower: null, radiusUpper: null, radiusStatus: 'error', radiusMessage: `the radius search failed: ${brokeInside(e)}`, notRun: false,
        }));
      return { ...row, ...radius, seconds: (Date.now() - t0) / 1000 };
    });
    rows.push(row);
  }
  return sweepResult(q, center, rows, rows.length < q.levels.length ? 'the time budget was spent' : '', started, true);
}

/** A level the sweep did not reach (or has only started): no discrepancy, no radius. */
function notRun(level: number): PruneRow {
  return {
    level, file: '', discrepancy: null, discrepancyLower: null, discrepancyBound: null,
    radius: null, radiusLower: null, radiusUpper: null, radiusStatus: 'unresolved', radiusMessage: 'not run', notRun: true, seconds: 0,
  };
}

/**
 * The discrepancy columns of a row from a match result: the discrepancy only when it is proved; else the bracket,
 * its lower end the value at the re-checked input the query found (its witness), its upper end the proved bound.
 */
export function discrepancyColumns(disc: MatchResult | null): Pick<PruneRow, 'discrepancy' | 'discrepancyLower' | 'discrepancyBound' | 'discrepancyWitness'> {
  if (disc === null || disc.status === 'error') return { discrepancy: null, discrepancyLower: null, discrepancyBound: null };
  // Only an input re-checked against both files stands as the lower end (a search's partial may carry one it has not
  // re-checked yet).
  const witness = disc.query === 'discrepancy' && disc.witness?.checkedBy.includes('onnxruntime-web') ? disc.witness : undefined;
  const proved = disc.status === 'certified' ? disc.objective : null;
  const lower = proved ?? witness?.outputGap ?? null;
  return { discrepancy: proved, discrepancyLower: lower, discrepancyBound: disc.bound, ...(witness ? { discrepancyWitness: witness } : {}) };
}

/**
 * Why a level's search broke inside (a solver failure): the sweep keeps its other rows and this row's other column.
 * A cancel or a mistake in the query (any other EngineError) is rethrown: it ends the sweep.
 */
function brokeInside(e: unknown): string {
  if (e instanceof EngineError && !(e instanceof SolverFailed)) throw e;
  return e instanceof Error ? e.message : String(e);
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
  return sweepTable({ levels: q.levels, norm: q.norm, center: Array.from(center), domain: boxPairs(q.box) }, rows, why, (Date.now() - started) / 1000, final);
}

interface SweepFrame {
  readonly levels: readonly number[];
  readonly norm: NormName;
  readonly center: number[];
  readonly domain: Array<[number, number]>;
}

/** The one place a sweep's table is built: certified only when final and every row's discrepancy and radius is. */
function sweepTable(frame: SweepFrame, rows: readonly PruneRow[], why: string, seconds: number, final: boolean): PruneResult {
  const allCertified = final && rows.every((r) => r.discrepancy !== null && r.radiusStatus === 'certified');
  const prune: PruneRow[] = [...rows];
  const table = {
    query: 'prune', norm: frame.norm, objective: null, bound: null, gap: null, tolerance: 1e-6,
    center: frame.center, domain: frame.domain, prune,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds, method: 'prune' },
    message: `${allCertified ? '' : 'unresolved: '}pruned at ${frame.levels.join(', ')}%: ${rows.map((r) => levelWords(r, rowNumber)).join('; ')}${why ? ` (${why})` : ''}`,
  } as const;
  return allCertified ? certified(table) : unresolved(table);
}

/**
 * One sweep's table from its levels run apart, `parts[i]` the one-level sweep of `levels[i]` (a batch runs each
 * level as its own instance, so the shards of a study share a sweep's levels). A level whose run failed, or found
 * nothing, is kept as not run, its reason in the message; the table is certified only when every level is.
 */
export function joinLevelTables(levels: readonly number[], parts: readonly PruneResult[]): PruneResult {
  if (parts.length !== levels.length || levels.length === 0) throw new InvalidArgument(`joining a sweep: ${parts.length} results for ${levels.length} levels`);
  const framed = parts.find((p): p is Exclude<PruneResult, { status: 'error' }> => p.status !== 'error' && p.center !== undefined && p.domain !== undefined);
  const reasons: string[] = [];
  const rows = levels.map((level, i) => {
    const part = parts[i];
    const row = part.status === 'error' ? undefined : part.prune?.find((r) => r.level === level && !r.notRun);
    if (!row) reasons.push(`${level}%: ${part.status === 'error' ? part.error.message : part.message}`);
    return row ?? notRun(level);
  });
  const frame: SweepFrame = {
    levels, norm: framed?.norm ?? parts[0].norm,
    center: framed?.center ? [...framed.center] : [], domain: framed?.domain ? framed.domain.map(([lo, hi]) => [lo, hi]) : [],
  };
  const seconds = parts.reduce((t, p) => t + p.stats.seconds, 0);
  return sweepTable(frame, rows, reasons.join('; '), seconds, true);
}
