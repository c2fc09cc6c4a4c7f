// The transform query by input splitting: max ‖f₂(x) − f₂(y)‖∞ s.t. f₁(x) = f₁(y), x, y in the box, by best-first
// branch and bound over the cell pairs of the BL pair search of f₁ (split/pairSearch.ts):
//  - a pair (A, C) whose f₁ output boxes are disjoint holds no x, y with f₁(x) = f₁(y): it is dropped;
//  - a pair on whose hull the Jacobian certificate proves f₁ injective holds only x = y: it contributes 0;
//  - any other pair is bounded above through the residual r = f₂ − M f₁ − c (residualNetwork.ts): where
//    f₁(x) = f₁(y), f₂(x) − f₂(y) = r(x) − r(y) ≤ max r on A − min r on C (CROWN output boxes); halved while that bound is above the best pair found, and closed by its pair MILP
//    (split/pairMilp.ts: f₁(x) = f₁(y) with f₂ on both points, maximising one output difference) once it is small;
//  - the lower end is the value of a real pair: each MILP point is polished onto f₁(x) = f₁(y) (witness/polish.ts),
//    pre-screened by the float64 rule and valued by ‖f₂(x) − f₂(y)‖∞ in float64.
// The search stops when the largest bound of an open pair is within `tolerance` (absolute) of the best pair's value.
import type { Box, NetworkBounds } from '../bounds/types';
import { forward } from '../ir/forward';
import type { Network } from '../ir/network';
import { maxAbs } from '../norms/norm';
import { disjoint, grid, halve, hull, maxWidth } from '../split/box';
import type { Collision } from '../split/collision';
import { passesFloat64Rule } from '../split/collision';
import { countUnstable, phases } from '../split/jacobian';
import { MinHeap } from '../split/minHeap';
import { buildPairDifferenceMilp } from '../split/pairMilp';
import { SearchContext } from '../split/searchContext';
import type { MipProblem } from '../solver/problem';
import type { SplitOptions, SplitStats } from '../split/types';
import { polishPair, snapIntoBox } from '../witness/polish';
import { ResidualCells } from './residualNetwork';

export interface TransformSearchRequest {
  readonly f1: Network;
  readonly f2: Network;
  readonly box: Box;
  /** Absolute: the search stops once upper − lower ≤ tolerance. */
  readonly tolerance: number;
}

/** A pair that f₁ maps to one point (float64 rule), with its value ‖f₂(x) − f₂(y)‖∞. */
export interface TransformPair {
  readonly collision: Collision;
  readonly value: number;
}

export interface TransformBracket {
  /** The value of `best` (0 without one): the maximum is at least this. */
  readonly lower: number;
  /** Proved: no x, y in the box with f₁(x) = f₁(y) have ‖f₂(x) − f₂(y)‖∞ above it. */
  readonly upper: number;
  readonly best: TransformPair | null;
  /** Pairs still open (bounded but neither split nor closed). */
  readonly pairsLeft: number;
  readonly seconds: number;
}

export interface TransformSearchOutcome extends TransformBracket {
  /** upper − lower ≤ tolerance. */
  readonly proved: boolean;
  /** Why the search stopped short (budget, a leaf MILP that did not close). */
  readonly reason?: string;
  readonly stats: SplitStats;
}

/**
 * A pair halved at least half the maximum depth whose MILP has at most this many binaries (four copies) is closed
 * by it rather than halved further; every pair at the maximum depth is. Measured on Brusselator vs its 30% copy:
 * halving is cheaper than MILPs until the cells are small (38 MILPs with MILPs at depth 8 only, 41 from depth 4 on,
 * 266 MILPs and no answer in 60 s with MILPs at any depth).
 */
export const TRANSFORM_LEAF_BINARIES = 24;

interface Pair {
  readonly a: Box;
  readonly c: Box;
  readonly depth: number;
  /** Upper bound of ‖f₂(x) − f₂(y)‖∞ over x ∈ a, y ∈ c with f₁(x) = f₁(y). */
  readonly ub: number;
}

/**
 * `opts` as for the split path (its solver, epsilon for the float64 rule's separation floor, maxDepth, gridPerDim,
 * budget, signal); `onBracket` hears the bracket each time it changes (for a cancel to keep it).
 */
export async function searchTransform(req: TransformSearchRequest, opts: SplitOptions,
  onBracket?: (b: TransformBracket) => void): Promise<TransformSearchOutcome> {
  const { f1, f2, box, tolerance } = req;
  // c1 runs f₁'s certificates and the leaf MILPs; `cells` bounds each cell once for everything else.
  const c1 = new SearchContext(f1, opts);
  const eps = opts.epsilon;
  const cells = new ResidualCells(f1, f2, box);
  const halves = new WeakMap<Box, [Box, Box]>();
  /** A cell's halves, the same objects for every pair it is in (so their bounds are computed once). */
  const halved = (b: Box): [Box, Box] => {
    let h = halves.get(b);
    if (!h) { h = halve(b); halves.set(b, h); }
    return h;
  };
  let best: TransformPair | null = null;
  /** The largest bound of a pair closed without being in the heap (small bound, or its MILP's bound). */
  let closedMax = 0;
  let reason: string | undefined;
  const lower = (): number => best?.value ?? 0;
  const heap = new MinHeap<Pair>((p) => -p.ub);
  const upper = (): number => Math.max(lower(), closedMax, heap.peek()?.ub ?? 0);
  const bracket = (): TransformBracket => ({ lower: lower(), upper: upper(), best, pairsLeft: heap.size, seconds: c1.elapsedSeconds() });

  /** Bound of sign · (f₂ₖ(x) − f₂ₖ(y)) over x ∈ a, y ∈ c with f₁(x) = f₁(y). */
  const directedBound = (a: Box, c: Box, k: number, sign: 1 | -1): number => {
    const A = cells.at(a).rOut, C = cells.at(c).rOut;
    return sign > 0 ? A.upper[k] - C.lower[k] : C.upper[k] - A.lower[k];
  };
  const boundOf = (a: Box, c: Box): number => {
    let ub = 0;
    for (let k = 0; k < f2.outputSize; k++) ub = Math.max(ub, directedBound(a, c, k, 1), directedBound(a, c, k, -1));
    return ub;
  };
  /** Queues a pair unless f₁ separates its cells or its bound is within the tolerance of the best pair. */
  const offer = (a: Box, c: Box, depth: number): void => {
    if (a !== c && disjoint(cells.at(a).f1Out, cells.at(c).f1Out)) return;
    const ub = boundOf(a, c);
    if (ub <= lower() + tolerance) { closedMax = Math.max(closedMax, ub); return; }
    heap.push({ a, c, depth, ub });
  };
  const consider = (x: Float64Array, y: Float64Array, a: Box, c: Box): void => {
    const col = polishPair(f1, box, snapIntoBox(a, x), snapIntoBox(c, y), (k) => passesFloat64Rule(f1, k, box, eps));
    if (!passesFloat64Rule(f1, col, box, eps)) return;
    const gx = forward(f2, col.x), gy = forward(f2, col.y);
    const value = maxAbs(gx.map((v, i) => v - gy[i]));
    if (!best || value > best.value) { best = { collision: col, value }; onBracket?.(bracket()); }
  };

  const initial = grid(box, opts.gridPerDim);
  c1.stats.cells = initial.length;
  for (let i = 0; i < initial.length; i++) for (let j = i; j < initial.length; j++) { c1.stats.pairsScreened++; offer(initial[i], initial[j], 0); }
  c1.stats.pairsSurvived = heap.size;
  let lastReport = 0;
  onBracket?.(bracket());
  for (;;) {
    const p = heap.peek();
    if (!p || p.ub <= lower() + tolerance) break;
    if (c1.overBudget()) { reason = `time budget of ${opts.deadlineSeconds} s spent with ${heap.size} pairs open`; break; }
    if (c1.elapsedSeconds() - lastReport > 0.25) {
      lastReport = c1.elapsedSeconds();
      opts.onProgress?.(`transform: max ‖f₂(x) − f₂(y)‖∞ in [${lower().toPrecision(4)}, ${upper().toPrecision(4)}], ${heap.size} pairs left, ${lastReport.toFixed(1)} s`,
        undefined, { bracket: [lower(), upper()], left: { count: heap.size, unit: 'pairs' } });
    }
    heap.pop();
    const same = p.a === p.c;
    // Only on cells that touch: on the hull of cells apart the certificate seldom holds (Brusselator vs its 30% copy:
    // 46 of 545 such attempts), and an attempt costs the hull's bounds and up to 2^9 pattern Jacobians.
    if (touches(p.a, p.c) && c1.certify(same ? p.a : hull(p.a, p.c))) continue;
    const binaries = unstable(f1, p, (b) => cells.at(b).f1) + unstable(f2, p, (b) => cells.at(b).f2);
    if (p.depth >= opts.maxDepth || (binaries <= TRANSFORM_LEAF_BINARIES && 2 * p.depth >= opts.maxDepth)) {
      const leaf = await closeByMilp(p, binaries);
      closedMax = Math.max(closedMax, leaf.bound);
      if (leaf.reason) reason = leaf.reason;
      onBracket?.(bracket());
      continue;
    }
    const d = p.depth + 1;
    if (same) {
      const [l, r] = halved(p.a);
      offer(l, l, d); offer(l, r, d); offer(r, r, d);
    } else if (maxWidth(p.a) >= maxWidth(p.c)) {
      const [l, r] = halved(p.a);
      offer(l, p.c, d); offer(r, p.c, d);
    } else {
      const [l, r] = halved(p.c);
      offer(p.a, l, d); offer(p.a, r, d);
    }
  }
  const b = bracket();
  c1.stats.boundsComputed += cells.computed;
  c1.stats.seconds = c1.elapsedSeconds();
  // The same comparison as the loop's stop, so a bracket closed at exactly the tolerance counts as proved.
  const proved = b.upper <= b.lower + tolerance;
  return { ...b, proved, ...(!proved ? { reason: reason ?? 'open pairs remain' } : {}), stats: c1.stats };

  /** The pair's MILPs, one per output and sign (one sign for a cell with itself: x and y swap); their largest bound. */
  async function closeByMilp(p: Pair, binaries: number): Promise<{ bound: number; reason?: string }> {
    const milp = buildPairDifferenceMilp(f1, f2, p.a, p.c, {
      fA: cells.at(p.a).f1, fC: cells.at(p.c).f1, gA: cells.at(p.a).f2, gC: cells.at(p.c).f2,
    });
    let bound = 0;
    let why: string | undefined;
    const cutoff = lower() + tolerance;
    const asked: Array<{ problem: MipProblem }> = [];
    for (let k = 0; k < f2.outputSize; k++) {
      for (const sign of p.a === p.c ? [1] as const : [1, -1] as const) {
        const own = directedBound(p.a, p.c, k, sign);
        // This output and sign cannot beat the best pair: no MILP needed.
        if (own <= cutoff) bound = Math.max(bound, own);
        else asked.push({ problem: milp.problemFor(k, sign) });
      }
    }
    // Side by side on the solver's workers (the engine's pool has 2).
    const results = await Promise.all(asked.map((q) => c1.runLeafMilp(q.problem, binaries, { objectiveBound: cutoff, mipAbsGap: tolerance / 4, presolve: false })));
    for (const r of results) {
      if (!r) return { bound: p.ub, reason: 'no MILP solver for the leaf pairs' };
      if (r.status === 'infeasible') continue;
      if (r.colValue) {
        consider(Float64Array.from(milp.xCols, (col) => r.colValue![col]), Float64Array.from(milp.yCols, (col) => r.colValue![col]), p.a, p.c);
      }
      if (r.status === 'objectiveBound') { bound = Math.max(bound, cutoff); continue; }
      if (r.status === 'optimal') { bound = Math.max(bound, r.bound ?? r.objective ?? p.ub); continue; }
      // Cut short (time limit, budget): the solver's dual bound when it has one, else the pair's own bound.
      bound = Math.max(bound, Math.min(p.ub, r.bound ?? Infinity));
      why = `a leaf MILP ended with status ${r.status}`;
    }
    return { bound, ...(why ? { reason: why } : {}) };
  }
}

/** Unstable neurons of `net` on the pair's cells (its two copies' binaries in the pair MILP). */
function unstable(net: Network, p: Pair, boundsOf: (b: Box) => NetworkBounds): number {
  const count = (b: Box): number => countUnstable(phases(net, boundsOf(b)));
  return count(p.a) + count(p.c);
}

/** True when the two cells share a point (the same cell, neighbours, or overlapping). */
function touches(a: Box, c: Box): boolean {
  for (let i = 0; i < a.lower.length; i++) if (a.upper[i] < c.lower[i] || c.upper[i] < a.lower[i]) return false;
  return true;
}
