// Matching two networks on the same inputs over a box.
//  - transform:   max ‖f₂(x) − f₂(y)‖ s.t. f₁(x) = f₁(y). 0 certifies a map T with f₂ = T ∘ f₁ on the box.
//    L∞: one MILP per output coordinate maximising f₂ₖ(x) − f₂ₖ(y) (the swap covers the sign). Under 'auto' with at
//    most 3 free inputs: the input-space branch and bound over f₁'s BL cell pairs instead (match/transformQuery.ts).
//  - discrepancy: max ‖f₁(x) − f₂(x)‖ over the box with the attaining input (both signs per output): a number,
//    certified when proved, never a counterexample.
// Outputs are compared in L∞ (norm 1 sums per-output maxima only as an upper bound, so only 'inf' is exact here).
// Under method 'auto' (the default) a discrepancy is answered by the input-space branch and bound of
// src/engine/match/discrepancySearch.ts (stats.method 'auto:split'); 'direct' and 'paper' run the MILPs below.
import type { Box, NetworkBounds } from '../bounds/types';
import { Cancelled, InvalidArgument } from '../errors';
import { forward } from '../ir/forward';
import type { Network, RestrictedNetwork } from '../ir/network';
import { searchDiscrepancy } from '../match/discrepancySearch';
import { maxAbs } from '../norms/norm';
import type { MatchMethod } from '../../shared/querySpec';
import type { DiscrepancyResult, MatchKind, MatchResult, QueryStats, TransformResult, Witness } from '../../shared/results';
import { certified, counterexample, unresolved } from '../results/build';
import { MipBuilder } from '../solver/mipBuilder';
import { assertNetworkMipFits } from '../solver/sizeGuard';
import type { WitnessCheck } from '../witness/check';
import { snapIntoBox } from '../witness/polish';
import { boxPairs, fmt } from './certifyPair';
import type { QueryContext } from './context';
import type { AffineExpr, EncodedCopy } from './encodeNetwork';
import { addDifferenceRow, colExpr, encodeNetwork, setDifferenceObjective } from './encodeNetwork';
import { ranUnderAuto } from './lowDimensional';
import { boundsFor, budgetLeftSeconds, proved, solveMilp } from './solveMilp';
import { AUTO_TRANSFORM_TOLERANCE, transformBySplit, transformSplitApplies } from '../match/transformQuery';

export interface MatchQuery {
  readonly kind: 'transform' | 'discrepancy';
  readonly a: RestrictedNetwork;
  readonly b: RestrictedNetwork;
  readonly box: Box;
  /** Default: 1e-6 relative for the MILPs; AUTO_DISCREPANCY_TOLERANCE (absolute) for the input-space search. */
  readonly tolerance?: number;
  /** Default 'auto'. 'paper' bounds the big-M encodings by interval arithmetic instead of LP (OBBT). */
  readonly method?: MatchMethod;
  /** The runtime half of the acceptance rule for the witness (verifyMatchWitness against both models' files). */
  readonly recheck: (w: Witness) => Promise<WitnessCheck>;
}

export async function runMatch(ctx: QueryContext, q: MatchQuery): Promise<MatchResult> {
  const started = Date.now();
  const f1 = q.a.net, f2 = q.b.net;
  if (f1.inputSize !== f2.inputSize) throw new InvalidArgument(`the two models have ${f1.inputSize} and ${f2.inputSize} free inputs: they must match`);
  if (q.box.lower.length !== f1.inputSize) throw new InvalidArgument(`--box has ${q.box.lower.length} entries, the models have ${f1.inputSize} free inputs`);
  if (q.kind === 'discrepancy' && f1.outputSize !== f2.outputSize) throw new InvalidArgument(`discrepancy needs equal output sizes (${f1.outputSize} vs ${f2.outputSize})`);
  const auto = (q.method ?? 'auto') === 'auto';
  if (q.kind === 'discrepancy' && auto && f1.inputSize <= DISCREPANCY_SEARCH_MAX_INPUTS) return discrepancyBySearch(ctx, q, started);
  if (q.kind === 'transform' && (q.method ?? 'auto') === 'auto' && transformSplitApplies(f1, f2)) return transformAuto(ctx, q);
  const tol = q.tolerance ?? 1e-6;
  const copies = q.kind === 'transform' ? 2 : 1;
  assertNetworkMipFits([{ net: f1, copies }, { net: f2, copies }]);
  // Under 'auto' a wide discrepancy skips OBBT: on mnist_256x2's 784 inputs its LPs cost more than the MILPs they
  // tighten (bench --match: interval bounds 0.87 s, LP bounds 3.9 s, same certified value), and CROWN is as cheap.
  const boundMethod = q.method === 'paper' ? 'interval' : auto && q.kind === 'discrepancy' ? 'crown' : 'lp';
  const b1 = await boundsFor(ctx, f1, q.box, boundMethod);
  const b2 = await boundsFor(ctx, f2, q.box, boundMethod);
  const m = f2.outputSize;
  const signs = q.kind === 'transform' ? [1] : [1, -1];
  let best: { value: number; x: Float64Array; y: Float64Array } | null = null;
  let bound = 0, solves = 0, nodes = 0, binaries = 0, unstable = 0, allProved = true;
  // The networks are encoded once: the MILPs differ only in the objective (one output, one sign).
  let built: Encoded | null = null;
  let budgetSpent = false;
  for (let k = 0; k < m && !budgetSpent; k++) {
    for (const s of signs) {
      // Past the budget nothing more is encoded or solved: the answer is unresolved with what is known.
      if (budgetLeftSeconds(ctx) <= 0) { allProved = false; budgetSpent = true; bound = Infinity; break; }
      built ??= q.kind === 'transform' ? encodeTransform(f1, f2, q.box, b1, b2) : encodeDiscrepancy(f1, f2, q.box, b1, b2);
      binaries = built.binaries;
      unstable = built.unstable;
      setDifferenceObjective(built.b, built.p[k], built.q[k], s);
      const r = await solveMilp(ctx, built.b.build(), `${q.kind} output ${k}${s < 0 ? '−' : ''}`);
      solves++; nodes += r.nodes;
      if (!proved(r)) allProved = false;
      if (r.status === 'infeasible') continue;
      bound = Math.max(bound, r.bound ?? Infinity);
      if (!r.colValue) continue;
      // HiGHS may return a column a feasibility tolerance past its bound: the reported inputs lie in the box.
      const x = snapIntoBox(q.box, Float64Array.from(built.x, (c) => r.colValue?.[c] ?? NaN));
      const y = built.y ? snapIntoBox(q.box, Float64Array.from(built.y, (c) => r.colValue?.[c] ?? NaN)) : x;
      const value = q.kind === 'transform' ? transformValue(f1, f2, x, y) : maxAbs(difference(forward(f1, x), forward(f2, x)));
      if (value !== null && (!best || value > best.value)) best = { value, x, y };
    }
  }
  const base = { norm: 'inf', tolerance: tol, domain: boxPairs(q.box),
    stats: { binaries, unstable, nodes, seconds: (Date.now() - started) / 1000, method: q.method === 'paper' ? 'paper' : 'direct', solves } } as const;
  // What the budget cut short is said after the verdict (a witness the runtime contradicts says only that).
  const note = budgetSpent ? `; the query's time budget was spent after ${solves} of ${m * signs.length} MILPs` : '';
  const found = { f1, f2, best, bound, allProved, tol, note, recheck: q.recheck, how: `proved maximal by HiGHS to within ${tol}` };
  // Under 'auto' stats.method says which path answered ('auto:direct'), as for the radius queries.
  return ranUnderAuto(await (q.kind === 'transform' ? transformResult({ ...base, query: 'transform' }, found) : discrepancyResult({ ...base, query: 'discrepancy' }, found)), auto);
}

/** The transform query by input splitting: a bracket [lower, upper] of the maximum, closed to the tolerance. */
async function transformAuto(ctx: QueryContext, q: MatchQuery): Promise<TransformResult> {
  const f1 = q.a.net, f2 = q.b.net;
  const tol = q.tolerance ?? AUTO_TRANSFORM_TOLERANCE;
  const out = await transformBySplit(ctx, f1, f2, q.box, tol);
  const best = out.best ? { value: out.best.value, x: out.best.collision.x, y: out.best.collision.y } : null;
  const base = { query: 'transform', norm: 'inf', tolerance: tol, domain: boxPairs(q.box), stats: out.queryStats } as const;
  const found = { f1, f2, best, bound: out.upper, allProved: out.proved, tol, note: out.reason ? `; ${out.reason}` : '', recheck: q.recheck,
    how: `proved to within ${tol} by input branch and bound over f₁'s cell pairs`,
    maximum: `the maximum to within ${tol}: every pair f₁ cannot tell apart proved ≤ ${fmt(out.upper)}` };
  return ranUnderAuto(await transformResult(base, found), true);
}

interface MatchBase<Q extends MatchKind> {
  readonly query: Q;
  readonly norm: 'inf';
  readonly tolerance: number;
  readonly domain: Array<[number, number]>;
  readonly stats: QueryStats;
}
interface Findings {
  readonly f1: Network;
  readonly f2: Network;
  readonly best: { value: number; x: Float64Array; y: Float64Array } | null;
  readonly bound: number;
  readonly allProved: boolean;
  readonly tol: number;
  readonly note: string;
  readonly recheck: MatchQuery['recheck'];
  /** How a certified maximum was proved, for the message. */
  readonly how: string;
  /** What a proved value is (default 'the maximum'). */
  readonly maximum?: string;
}

/**
 * Above this many free inputs 'auto' answers a discrepancy by the MILPs (CROWN big-M bounds) instead of the input
 * search: halving boxes cannot narrow a 784-input ball (bench --match, mnist_256x2 against its 50% copy: the search
 * was unresolved at [0.108217, 0.112300] after 58 s, the MILPs certified 0.111976 in under 4 s). Robot and ACAS Xu (5)
 * stay with the search; the crossover between 5 and 784 inputs is not yet measured.
 */
export const DISCREPANCY_SEARCH_MAX_INPUTS = 16;

/** The stopping tolerance of the input-space search, absolute: certified when upper − lower ≤ it. */
export const AUTO_DISCREPANCY_TOLERANCE = 1e-4;

/**
 * The discrepancy by input branch and bound: certified when the bracket closed to within the tolerance; at the
 * budget 'unresolved' with the bracket; cancelled, the same unresolved result is kept (onPartial) and Cancelled thrown.
 */
async function discrepancyBySearch(ctx: QueryContext, q: MatchQuery, started: number): Promise<DiscrepancyResult> {
  const tol = q.tolerance ?? AUTO_DISCREPANCY_TOLERANCE;
  const f1 = q.a.net, f2 = q.b.net;
  const r = await searchDiscrepancy(ctx, { f1, f2, box: q.box, tolerance: tol });
  const boxes = `${r.boxes.toLocaleString('en-US')} boxes`;
  const note = r.stopped === 'budget' ? `; the query's time budget was spent after ${boxes}`
    : r.stopped === 'resolution' ? `; a box became too small to split after ${boxes}` : '';
  const base = { query: 'discrepancy', norm: 'inf', tolerance: tol, domain: boxPairs(q.box),
    stats: { binaries: 0, unstable: 0, nodes: r.boxes, seconds: (Date.now() - started) / 1000, method: 'split', solves: 0 } } as const;
  const result = ranUnderAuto(await discrepancyResult(base, { f1, f2, best: { value: r.lower, x: r.x, y: r.x }, bound: r.upper,
    allProved: r.proved, tol, note, recheck: q.recheck, how: `proved to within ${tol} by input branch and bound, ${boxes}` }), true);
  if (r.stopped === 'cancelled') {
    if (result.status === 'unresolved') ctx.onPartial?.(result);
    throw new Cancelled();
  }
  return result;
}

/**
 * A discrepancy is a number with the input that attains it, never a counterexample: 'certified' when the maximum
 * was proved to within the tolerance (by HiGHS, or by the input-space search) (objective = the float64 value at the attaining input), otherwise
 * 'unresolved' with the bracket [best found, solver bound].
 */
async function discrepancyResult(base: MatchBase<'discrepancy'>, { f1, f2, best, bound, allProved, tol, note, recheck, how }: Findings): Promise<DiscrepancyResult> {
  const text = 'max ‖f₁(x) − f₂(x)‖∞';
  if (!best) {
    return unresolved({ ...base, objective: null, bound: Number.isFinite(bound) ? bound : null, gap: null,
      message: `unresolved: ${text} not found (the solver stopped before any input was evaluated)${note}` });
  }
  const upper = Math.max(bound, best.value);
  const f1x = forward(f1, best.x), f2x = forward(f2, best.x);
  const found: Witness = { x: Array.from(best.x), y: Array.from(best.x), Fx: Array.from(f1x), Fy: Array.from(f2x), separation: 0, outputGap: best.value, checkedBy: ['float64'] };
  const proven = allProved && upper - best.value <= tol * (1 + best.value);
  const at = `at x = (${found.x.map(fmt).join(', ')})`;
  const checked = await recheck(found);
  // A witness the runtime contradicts: the same bounds, no witness, and why.
  if (!checked.ok) return unresolved({ ...base, objective: proven ? best.value : null, bound: proven || Number.isFinite(upper) ? upper : null, gap: null, message: `unresolved: ${checked.reason}` });
  const witness = checked.witness;
  return proven
    ? certified({ ...base, objective: best.value, bound: upper, gap: null, witness,
      message: `certified: ${text} = ${fmt(best.value)} on the box, ${at} (${how})${note}` })
    : unresolved({ ...base, objective: null, bound: Number.isFinite(upper) ? upper : null, gap: null, witness,
      message: `unresolved: ${text} in [${fmt(best.value)}, ${Number.isFinite(upper) ? fmt(upper) : '?'}] (${fmt(best.value)} ${at}; the maximum was not proved)${note}` });
}

/**
 * Transform refutation: x, y that f₁ cannot tell apart while f₂ can, so no map T with f₂ = T ∘ f₁ exists on the
 * box. A pair verified in float64 (and, by recheck, in onnxruntime-web) refutes it whether or not every MILP
 * finished; objective is the maximum only when all of them were proved.
 */
async function transformResult(base: MatchBase<'transform'>, { f1, f2, best, bound, allProved, tol, note, recheck, maximum }: Findings): Promise<TransformResult> {
  const text = 'max ‖f₂(x) − f₂(y)‖∞ s.t. f₁(x) = f₁(y)';
  if (best && best.value > tol) {
    const f1x = forward(f1, best.x), f1y = forward(f1, best.y);
    const found: Witness = {
      x: Array.from(best.x), y: Array.from(best.y), Fx: Array.from(f1x), Fy: Array.from(f1y),
      Gx: Array.from(forward(f2, best.x)), Gy: Array.from(forward(f2, best.y)),
      separation: maxAbs(difference(best.x, best.y)), outputGap: maxAbs(difference(f1x, f1y)), checkedBy: ['float64'],
    };
    const objective = allProved ? best.value : null;
    const upper = allProved ? Math.max(bound, best.value) : (Number.isFinite(bound) ? bound : null);
    const checked = await recheck(found);
    if (!checked.ok) return unresolved({ ...base, objective, bound: upper, gap: null, message: `unresolved: ${checked.reason}` });
    return counterexample({ ...base, objective, bound: upper, gap: null, witness: checked.witness,
      message: `counterexample: f₁(x) = f₁(y) but ‖f₂(x) − f₂(y)‖∞ = ${fmt(best.value)}${allProved ? ` (${maximum ?? 'the maximum'})` : ''}: no map T with f₂ = T ∘ f₁ on the box${note}` });
  }
  if (allProved && bound <= tol) {
    return certified({ ...base, objective: best?.value ?? 0, bound, gap: null,
      message: `certified: f₂ = T ∘ f₁ on the box (${text} ≤ ${tol})${note}` });
  }
  const found = best && best.value > 0 ? `in [${fmt(best.value)}, ${Number.isFinite(bound) ? fmt(bound) : '?'}]` : `≤ ${Number.isFinite(bound) ? fmt(bound) : '?'}`;
  return unresolved({ ...base, objective: null, bound: Number.isFinite(bound) ? bound : null, gap: null,
    message: `unresolved: ${text} ${found}, not proved ≤ ${tol}${note}` });
}

function difference(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
}

/** Transform value of a solver pair, accepted only if f₁(x) = f₁(y) holds in float64 within tolerance. */
function transformValue(f1: Network, f2: Network, x: Float64Array, y: Float64Array): number | null {
  const a = forward(f1, x), b = forward(f1, y);
  if (maxAbs(difference(a, b)) > 1e-6 * (1 + maxAbs(a))) return null;
  return maxAbs(difference(forward(f2, x), forward(f2, y)));
}

/** Both networks encoded over the box; a MILP maximises sign · (p[k] − q[k]). */
interface Encoded { b: MipBuilder; x: Int32Array; y: Int32Array | null; p: readonly AffineExpr[]; q: readonly AffineExpr[]; binaries: number; unstable: number }

function inputCols(b: MipBuilder, box: Box, tag: string): Int32Array {
  return Int32Array.from(box.lower, (lo, i) => b.addContinuous(`${tag}${i}`, lo, box.upper[i]));
}

function encodeTransform(f1: Network, f2: Network, box: Box, b1: NetworkBounds, b2: NetworkBounds): Encoded {
  const b = new MipBuilder();
  const x = inputCols(b, box, 'x'), y = inputCols(b, box, 'y');
  const xs = Array.from(x, colExpr), ys = Array.from(y, colExpr);
  const a1 = encodeNetwork(b, f1, xs, b1, 'AX'), a2 = encodeNetwork(b, f1, ys, b1, 'AY');
  a1.outputs.forEach((o, i) => addDifferenceRow(b, `eq${i}`, o, a2.outputs[i], 0, 0));
  const c1 = encodeNetwork(b, f2, xs, b2, 'BX'), c2 = encodeNetwork(b, f2, ys, b2, 'BY');
  return { b, x, y, p: c1.outputs, q: c2.outputs, ...countBinaries([a1, a2, c1, c2]) };
}

function encodeDiscrepancy(f1: Network, f2: Network, box: Box, b1: NetworkBounds, b2: NetworkBounds): Encoded {
  const b = new MipBuilder();
  const x = inputCols(b, box, 'x');
  const xs = Array.from(x, colExpr);
  const a = encodeNetwork(b, f1, xs, b1, 'A'), c = encodeNetwork(b, f2, xs, b2, 'B');
  return { b, x, y: null, p: a.outputs, q: c.outputs, ...countBinaries([a, c]) };
}

function countBinaries(copies: readonly EncodedCopy[]): { binaries: number; unstable: number } {
  return { binaries: copies.reduce((n, c) => n + c.binaries.length, 0), unstable: copies.reduce((n, c) => n + c.unstable, 0) };
}
