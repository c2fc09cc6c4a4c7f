// The one polish of a colliding pair (or of another preimage of a centre), for every path: MILP witnesses, the
// split path's leaf MILPs and fold pairs, the radius drivers. A solver point satisfies F(x) = F(y) only to its
// feasibility tolerance (1e-7) and may sit that far outside the box; polishing snaps it into the box and takes
// Newton steps on the linear piece of F at each point (ir/jacobian.ts). A step computed on one piece may land in
// another, so every candidate is judged by F itself (a forward pass), never by the piece it was computed on: Newton
// keeps its best point and stops at the box's edge, and the caller's rule picks among the candidates. What comes out
// is still re-checked by the acceptance rule (check.ts); polishing only makes a true pair pass it at float64
// rounding instead of 1e-7.
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import { jacobianAt } from '../ir/jacobian';
import type { Network } from '../ir/network';
import { distance, maxAbs } from '../norms/norm';
import { leftInverse } from '../split/linalg';
import { minNormCorrection } from './localAffine';

/** A candidate pair with its float64 images: the forward passes every later check reuses instead of redoing. */
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

export function measure(net: Network, x: Float64Array, y: Float64Array): Collision {
  const fx = forward(net, x), fy = forward(net, y);
  return { x, y, fx, fy, separation: distance(x, y, 'inf'), outputGap: distance(fx, fy, 'inf') };
}

/** How far outside the box a solver point may be snapped back in: HiGHS's feasibility tolerance is 1e-7. */
export const SNAP_REACH = 1e-6;

/**
 * `p` (a copy) with each coordinate that lies outside `box` by at most SNAP_REACH (relative to the box scale) moved
 * onto the box; coordinates further out are left alone, so the rule still refuses them as outside the domain.
 */
export function snapIntoBox(box: Box, p: ArrayLike<number>): Float64Array {
  return Float64Array.from(p, (v, i) => {
    const lo = box.lower[i], hi = box.upper[i];
    const reach = SNAP_REACH * (1 + Math.abs(lo) + Math.abs(hi));
    return v < lo && v >= lo - reach ? lo : v > hi && v <= hi + reach ? hi : v;
  });
}

function insideBox(box: Box, p: ArrayLike<number>): boolean {
  for (let i = 0; i < box.lower.length; i++) if (!(p[i] >= box.lower[i] && p[i] <= box.upper[i])) return false;
  return true;
}

/**
 * Newton on the piecewise-linear F: a point of `box` near x0 with F(x) ≈ target (the best one seen; x0 itself when
 * no step helps). Square or tall maps step by the least-squares inverse of the piece's Jacobian, wide ones by the
 * least-norm correction.
 */
export function polishPreimage(net: Network, target: Float64Array, x0: Float64Array, box: Box, iterations = 25): Float64Array {
  let x = Float64Array.from(x0);
  let fx = forward(net, x); // the image of x, carried from one step to the next: one forward pass per step
  let best = x;
  let bestGap = distance(fx, target, 'inf');
  for (let it = 0; it < iterations && bestGap > 1e-14 * (1 + maxAbs(target)); it++) {
    const step = newtonStep(net, x, fx.map((v, j) => v - target[j]));
    if (!step) break;
    const next = Float64Array.from(x, (v, i) => v - step[i]);
    if (!insideBox(box, next)) break;
    const fNext = forward(net, next);
    const gap = distance(fNext, target, 'inf');
    x = next;
    fx = fNext;
    if (gap < bestGap) { best = next; bestGap = gap; }
  }
  return best;
}

/** The step s with J s ≈ r on the piece at x, or null when the piece's Jacobian has no (left) inverse. */
function newtonStep(net: Network, x: Float64Array, r: Float64Array): Float64Array | null {
  const n = net.inputSize, m = net.outputSize;
  if (m < n) {
    const d = minNormCorrection(jacobianAt(net, x), m, n, r);
    return d ? d.map((v) => -v) : null;
  }
  // At a kink (z = 0 exactly, typical of MILP vertices) either side's piece may be the invertible one.
  const p = leftInverse(jacobianAt(net, x), m, n) ?? leftInverse(jacobianAt(net, x, true), m, n);
  if (!p) return null;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < m; j++) v += p[i * m + j] * r[j];
    s[i] = v;
  }
  return s;
}

/**
 * One least-norm step on the pieces at x and y (A δx − B δy = −(F(x) − F(y))), or on x's alone when y is fixed;
 * null when it cannot be formed. Reads F(x), F(y) from the measured pair.
 */
function jointStep(net: Network, pair: Collision, fixedY: boolean): [Float64Array, Float64Array] | null {
  const n = net.inputSize, m = net.outputSize;
  const { x, y, fy } = pair;
  const r = pair.fx.map((v, i) => v - fy[i]);
  const A = jacobianAt(net, x);
  if (fixedY) {
    const d = minNormCorrection(A, m, n, r);
    return d ? [x.map((v, i) => v + d[i]), y] : null;
  }
  const B = jacobianAt(net, y);
  const q = 2 * n;
  const M = new Float64Array(m * q);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < n; c++) {
      M[i * q + c] = A[i * n + c];
      M[i * q + n + c] = -B[i * n + c];
    }
  }
  const d = minNormCorrection(M, m, q, r);
  return d ? [x.map((v, i) => v + d[i]), y.map((v, i) => v + d[n + i])] : null;
}

/**
 * The polished pair: x and y snapped into `box`, then the candidates — as given, Newton moving y onto F(x),
 * Newton moving x onto F(y), one least-norm step on both pieces — and the one with the smallest float64 output gap
 * among those `admit` accepts (the callers pass the float64 rule), or among all when it accepts none. `fixedY`: y is
 * a query's centre (PI), which stays where it is (it need not lie in the box) while x moves onto F(y).
 */
export function polishPair(net: Network, box: Box, x: Float64Array, y: Float64Array, admit: (c: Collision) => boolean,
  fixedY = false): Collision {
  const px = snapIntoBox(box, x), py = fixedY ? y : snapIntoBox(box, y);
  const given = measure(net, px, py);
  const candidates: Collision[] = [given];
  if (!fixedY) candidates.push(measure(net, px, polishPreimage(net, given.fx, py, box)));
  candidates.push(measure(net, polishPreimage(net, given.fy, px, box), py));
  const joint = jointStep(net, given, fixedY);
  // Not held to the box here: a pair on the box's edge may step a rounding hair past it, which the rule's slack admits.
  if (joint) candidates.push(measure(net, joint[0], joint[1]));
  const admitted = candidates.filter(admit);
  return (admitted.length > 0 ? admitted : candidates).reduce((a, b) => (b.outputGap < a.outputGap ? b : a));
}
