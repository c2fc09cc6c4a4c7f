// Candidate collisions from the leaf MILPs are only approximately colliding (solver tolerances).
// Newton steps on the local linear piece make F(x) = F(y) hold to rounding, and every candidate is pre-screened
// by the float64 part of the one acceptance rule (witness/check.ts); lowDimQuery applies the full rule
// (float64 + onnxruntime-web) before anything is reported.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import { jacobianAt } from '../ir/jacobian';
import { maxAbs } from '../norms/norm';
import { float64PairVerdict } from '../witness/check';
import { containsPoint } from './box';
import { leftInverse } from './linalg';

export interface Collision {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly fx: Float64Array;
  readonly fy: Float64Array;
  /** ‖x − y‖∞ */
  readonly separation: number;
  /** ‖F(x) − F(y)‖∞ in float64 */
  readonly outputGap: number;
}

export function infDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** Newton on the piecewise-linear F: finds x in `box` with F(x) ≈ target, starting at x0. */
export function polishPreimage(net: Network, target: Float64Array, x0: Float64Array, box: Box, iterations = 25): Float64Array {
  const n = net.inputSize, m = net.outputSize;
  let best = Float64Array.from(x0);
  let bestGap = infDistance(forward(net, best), target);
  let x = best;
  for (let it = 0; it < iterations && bestGap > 1e-14 * (1 + maxAbs(target)); it++) {
    // At a kink (z = 0 exactly, typical of MILP vertices) either side's piece may be the invertible one.
    const p = leftInverse(jacobianAt(net, x), m, n) ?? leftInverse(jacobianAt(net, x, true), m, n);
    if (!p) break;
    const r = forward(net, x);
    const next = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += p[i * m + j] * (r[j] - target[j]);
      next[i] -= s;
    }
    if (!containsPoint(box, next)) break;
    const gap = infDistance(forward(net, next), target);
    x = next;
    if (gap < bestGap) { best = next; bestGap = gap; }
  }
  return best;
}

/** Improves an approximate colliding pair, keeping both points in `box` and ‖x − y‖∞ ≥ epsilon. */
export function polishPair(net: Network, x: Float64Array, y: Float64Array, box: Box, epsilon: number): Collision {
  const candidates: Collision[] = [measure(net, x, y)];
  const yy = polishPreimage(net, forward(net, x), y, box);
  candidates.push(measure(net, x, yy));
  const xx = polishPreimage(net, forward(net, y), x, box);
  candidates.push(measure(net, xx, y));
  const ok = candidates.filter((c) => c.separation >= epsilon);
  const pool = ok.length > 0 ? ok : candidates;
  return pool.reduce((a, b) => (b.outputGap < a.outputGap ? b : a));
}

export function measure(net: Network, x: Float64Array, y: Float64Array): Collision {
  const fx = forward(net, x), fy = forward(net, y);
  return { x, y, fx, fy, separation: infDistance(x, y), outputGap: infDistance(fx, fy) };
}

/** The separation floor of the split searches' pairs: ε/2 (a MILP point at the ε floor may lose a hair in polishing). */
export function splitMinSeparation(epsilon: number): number {
  return 0.5 * epsilon;
}

/**
 * The split searches' pre-screen: the float64 part of the acceptance rule (float64PairVerdict) for a pair in
 * `box` at separation ≥ splitMinSeparation(ε). `piMode`: y is the query's centre.
 */
export function passesFloat64Rule(net: Network, c: Collision, box: Box, epsilon: number, piMode = false): boolean {
  return typeof float64PairVerdict(net, { box, minSeparation: splitMinSeparation(epsilon) }, c.x, c.y, piMode) === 'number';
}
