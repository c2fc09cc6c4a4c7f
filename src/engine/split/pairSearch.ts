// "Is F ε-injective on the box Q?" by input splitting (perf-notes): grid cells → pair screen on output
// boxes (or a slanted direction, imageSeparation.ts) → per surviving pair, depth first: drop / Jacobian certificate on
// the hull / halve / leaf (its linear pieces in 2-D, pieceLeaf.ts; else small MILPs).
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { center, grid, halve, hull, maxSeparation, maxWidth } from './box';
import { detAt } from './foldScan';
import type { Collision } from './collision';
import { passesFloat64Rule } from './collision';
import { polishPair, snapIntoBox } from '../witness/polish';
import { buildPairMilp, feasibleDirections } from './pairMilp';
import { countUnstable, phases } from './jacobian';
import { settleByPieces } from './pieceLeaf';
import { SearchContext } from './searchContext';
import type { CellFrame, SplitOptions, SplitOutcome } from './types';
import type { PairPartition } from './parallelPartition';
import type { SplitWorkerPool } from './parallelPool';
import { certifyInParallel } from './parallelSearch';

interface Pair {
  readonly a: Box;
  readonly c: Box;
  readonly depth: number;
}

/** An initial pair: two cells of the grid (or frame), `code` = i · cells + j. */
interface CellPair extends Pair {
  readonly code: number;
}

/** Cells per dimension giving about 256 initial cells (16×16 in 2-D, 8³ in 3-D). */
export function defaultGrid(dims: number): number {
  return Math.max(2, Math.round(Math.pow(256, 1 / Math.max(1, dims))));
}

/** Where a search runs besides the calling thread. With a `frame` (a radius search's cells, radiusFrame.ts) its
 * cells replace the grid and its settled pairs are skipped. */
export interface SearchThreads {
  /** With `opts.workers` > 1, the grid's pairs are shared among this pool's worker threads (parallelSearch.ts); absent = serial. */
  readonly pool?: SplitWorkerPool;
  /** The worker side of that path: this call then processes only the initial pairs it claims. */
  readonly partition?: PairPartition;
}

export async function certifyInjectiveOnBox(net: Network, box: Box, opts: SplitOptions,
  threads: SearchThreads = {}, frame?: CellFrame): Promise<SplitOutcome> {
  const { pool, partition } = threads;
  const ctx = new SearchContext(net, opts);
  const eps = opts.epsilon;
  // One certificate on the whole box settles small boxes (few unstable neurons) before any gridding.
  if (maxWidth(box) < eps || ctx.certify(box)) {
    ctx.stats.seconds = ctx.elapsedSeconds();
    return { status: 'injective', stats: ctx.stats };
  }
  const small = partition ? null : await settleSmallBox(ctx, box);
  if (small) return small;
  if ((opts.workers ?? 1) > 1 && pool && !partition) return certifyInParallel(net, box, ctx, pool, (o) => certifyInjectiveOnBox(net, box, o, {}, frame), frame);
  const cells = frame ? frame.cells : grid(box, opts.gridPerDim);
  const m = cells.length;
  ctx.stats.cells = cells.filter((c) => c).length;
  const pairs: CellPair[] = [];
  /** Initial pairs proved clear by this run (reported with a frame, so a later radius skips them). */
  const settled: number[] = [];
  for (let i = 0; i < m; i++) {
    const a = cells[i];
    if (!a) continue;
    for (let j = i; j < m; j++) {
      const c = cells[j];
      if (!c) continue;
      const code = i * m + j;
      if (frame?.settled[code]) { ctx.stats.pairsReused++; continue; }
      ctx.stats.pairsScreened++;
      if (maxSeparation(a, c) < eps || ctx.imagesApart(a, c)) { settled.push(code); continue; }
      pairs.push({ a, c, depth: 0, code });
    }
  }
  const ended = (o: Omit<SplitOutcome, 'stats' | 'settled'>): SplitOutcome => {
    ctx.stats.seconds = ctx.elapsedSeconds();
    return { ...o, stats: ctx.stats, ...(frame && o.status !== 'injective' ? { settled } : {}) };
  };
  ctx.stats.pairsSurvived = pairs.length;
  partition?.begin(pairs.length);
  opts.onProgress?.(`split: ${pairs.length} of ${ctx.stats.pairsScreened} cell pairs survive the screen`, 0, { left: { count: pairs.length, unit: 'cell pairs' } });
  let unresolvedReason: string | undefined;
  // Depth-first: each initial pair (in screen order, or as claimed from the partition) is settled before the next.
  const total = pairs.length;
  const stack: Pair[] = [];
  let next = 0;
  /** The initial pair being settled, and whether any of its leaves ended unresolved. */
  let current: CellPair | null = null;
  let currentOpen = false;
  for (;;) {
    if (stack.length === 0) {
      if (current && !currentOpen) settled.push(current.code);
      current = null;
      const k = partition ? partition.claim() : next++;
      if (k < 0 || k >= total) break;
      current = pairs[k];
      currentOpen = false;
      stack.push(current);
      if (((k + 1) & 255) === 0) opts.onProgress?.(`split: ${k + 1}/${total} pairs`, (k + 1) / total, { left: { count: total - k - 1, unit: 'cell pairs' } });
    }
    if (partition?.stopped()) return ended({ status: 'unresolved', reason: 'stopped: the search was settled elsewhere' });
    if (ctx.overBudget()) {
      const open = stack.length + (partition ? 0 : total - next);
      ctx.stats.unresolvedLeaves += open;
      unresolvedReason = `time budget of ${opts.deadlineSeconds} s spent with ${open} pairs open`;
      break;
    }
    const p = stack.pop()!;
    const same = p.a === p.c;
    // An initial pair (depth 0) passed this screen already: only its sub-pairs are screened here.
    if (!same && p.depth > 0 && (maxSeparation(p.a, p.c) < eps || ctx.imagesApart(p.a, p.c))) continue;
    if (same && maxWidth(p.a) < eps) continue;
    if (ctx.certify(same ? p.a : hull(p.a, p.c))) continue;
    if (p.depth >= opts.maxDepth || (p.depth >= 1 && leafBinaries(ctx, p) <= EARLY_MILP_BINARIES && (p.depth >= EARLY_MILP_MIN_DEPTH || mayFold(ctx.net, p)))) {
      const leaf = await solvePairLeaf(ctx, p, box);
      if (leaf.kind === 'collision') return ended({ status: 'collision', collision: leaf.collision });
      if (leaf.kind === 'unknown') { ctx.stats.unresolvedLeaves++; unresolvedReason = leaf.reason; currentOpen = true; }
      continue;
    }
    const d = p.depth + 1;
    if (same) {
      const [l, r] = halve(p.a);
      stack.push({ a: r, c: r, depth: d }, { a: l, c: r, depth: d }, { a: l, c: l, depth: d });
    } else if (maxWidth(p.a) >= maxWidth(p.c)) {
      const [l, r] = halve(p.a);
      stack.push({ a: r, c: p.c, depth: d }, { a: l, c: p.c, depth: d });
    } else {
      const [l, r] = halve(p.c);
      stack.push({ a: p.a, c: r, depth: d }, { a: p.a, c: l, depth: d });
    }
  }
  if (ctx.stats.unresolvedLeaves > 0) return ended({ status: 'unresolved', reason: unresolvedReason ?? 'unresolved leaves' });
  return ended({ status: 'injective' });
}

/**
 * A box of ≤ 3 free inputs with few unstable neurons (its pair MILP has at most EARLY_MILP_BINARIES
 * binaries) is settled by its own n pair MILPs, far sooner than by gridding it into hundreds of pairs. Null when it has more, or
 * when a MILP ended unresolved (the grid search then takes over).
 */
export async function settleSmallBox(ctx: SearchContext, box: Box): Promise<SplitOutcome | null> {
  const whole: Pair = { a: box, c: box, depth: 0 };
  if (ctx.net.inputSize > SETTLE_MAX_INPUTS || 2 * leafBinaries(ctx, whole) > EARLY_MILP_BINARIES) return null;
  const leaf = await solvePairLeaf(ctx, whole, box);
  if (leaf.kind === 'unknown') return null;
  ctx.stats.seconds = ctx.elapsedSeconds();
  return leaf.kind === 'collision' ? { status: 'collision', collision: leaf.collision, stats: ctx.stats }
    : { status: 'injective', stats: ctx.stats };
}

/** Above this many free inputs the whole-box MILP is the MILP path's job (with LP bounds), not the pre-pass's. */
export const SETTLE_MAX_INPUTS = 3;

/** A pair whose MILP has at most this many binaries is solved at once instead of split further… */
export const EARLY_MILP_BINARIES = 10;
/**
 * …once it is this many halvings deep, or sooner where det DF changes sign over its cells (a fold, where the pairs
 * that collide are: the MILP finds one at once). Elsewhere halving and Jacobian certificates settle most such pairs
 * for far less than a MILP (Brusselator BL proofs near the radius, serial: MILPs from depth 1 on took 127 leaf MILPs
 * and 13.9 s CPU at (0.375, 0.5), 8 MILPs and 3.0 s at P2 r = 1.18; from depth 4 on, 4.1 s, and 0.8 s with no MILP).
 */
export const EARLY_MILP_MIN_DEPTH = 4;

/** True when det DF takes both signs (or 0) at the centres and corners of the pair's cells; always for non-square maps. */
function mayFold(net: Network, p: Pair): boolean {
  let sign = 0;
  for (const b of p.a === p.c ? [p.a] : [p.a, p.c]) {
    for (const x of [center(b), ...corners(b)]) {
      const s = Math.sign(detAt(net, x));
      if (!(s === sign || sign === 0) || s === 0 || Number.isNaN(s)) return true;
      sign = s;
    }
  }
  return false;
}

function corners(b: Box): Float64Array[] {
  const n = b.lower.length;
  return Array.from({ length: 1 << n }, (_, k) => b.lower.map((l, i) => ((k >> i) & 1 ? b.upper[i] : l)));
}

function leafBinaries(ctx: SearchContext, p: Pair): number {
  const count = (box: Box): number => countUnstable(phases(ctx.net, ctx.info(box).bounds));
  return p.a === p.c ? count(p.a) : count(p.a) + count(p.c);
}

type LeafResult =
  | { readonly kind: 'clear' }
  | { readonly kind: 'collision'; readonly collision: Collision }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One feasibility MILP per admissible (dimension, sign) of x − y; any feasible point is re-checked. */
async function solvePairLeaf(ctx: SearchContext, p: Pair, box: Box): Promise<LeafResult> {
  const eps = ctx.opts.epsilon;
  const ia = ctx.info(p.a), ic = ctx.info(p.c);
  const pieces = settleByPieces(ctx.net, p.a, ia.bounds, p.c, ic.bounds, eps, p.a === p.c);
  if (pieces.kind === 'clear') { ctx.stats.pieceLeaves++; return { kind: 'clear' }; }
  if (pieces.kind === 'candidate') {
    const c = checkedLeafPair(ctx, p, box, pieces.x, pieces.y);
    if (c) return { kind: 'collision', collision: c };
  }
  let unknown: string | undefined;
  for (const dir of feasibleDirections(p.a, p.c, eps, p.a === p.c)) {
    const verdict = await ctx.solveLeaf(buildPairMilp(ctx.net, p.a, ia.bounds, p.c, ic.bounds, dir, eps));
    if (verdict.kind === 'infeasible') continue;
    if (verdict.kind === 'unknown') { unknown = verdict.reason; continue; }
    const c = checkedLeafPair(ctx, p, box, verdict.x, verdict.y);
    if (c) return { kind: 'collision', collision: c };
    unknown = 'leaf MILP point failed the float64 re-check';
  }
  return unknown ? { kind: 'unknown', reason: unknown } : { kind: 'clear' };
}

/** A leaf's candidate point, polished into a pair that passes the float64 rule, or null (also the input branch's leaves, inputBranch.ts). */
export function checkedLeafPair(ctx: SearchContext, p: Pair, box: Box, x: Float64Array, y: Float64Array): Collision | null {
  const eps = ctx.opts.epsilon;
  // HiGHS may leave the cells by its feasibility tolerance (1e-7), the piece polygons by their slack: snap into
  // the cells before polishing.
  const c = polishPair(ctx.net, box, snapIntoBox(p.a, x), snapIntoBox(p.c, y), (k) => k.separation >= eps && passesFloat64Rule(ctx.net, k, box, eps));
  return passesFloat64Rule(ctx.net, c, box, eps) ? c : null;
}
