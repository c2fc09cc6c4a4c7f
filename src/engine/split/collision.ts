// Candidate collisions from the leaf MILPs are only approximately colliding (solver tolerances).
// Newton steps on the local linear piece make F(x) = F(y) hold to rounding, and every candidate is
// re-checked by a float64 forward pass before anyone sees it.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
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

/** The Jacobian of the linear piece containing x (ties at z = 0 count as inactive), by forward-mode tangents. */
export function pointJacobian(net: Network, x: ArrayLike<number>, tiesActive = false): Float64Array {
  const n = net.inputSize;
  let h = Float64Array.from(x);
  let t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) t[i * n + i] = 1;
  for (const layer of net.layers) {
    const { inSize, outSize, weights, bias } = layer;
    const z = new Float64Array(outSize);
    const tz = new Float64Array(outSize * n);
    for (let i = 0; i < outSize; i++) {
      let s = bias[i];
      const row = i * inSize;
      const o = i * n;
      for (let j = 0; j < inSize; j++) {
        const w = weights[row + j];
        if (w === 0) continue;
        s += w * h[j];
        const tj = j * n;
        for (let c = 0; c < n; c++) tz[o + c] += w * t[tj + c];
      }
      z[i] = s;
      if (layer.relu && (s < 0 || (s === 0 && !tiesActive) || Number.isNaN(s))) { z[i] = 0; for (let c = 0; c < n; c++) tz[o + c] = 0; }
    }
    h = z;
    t = tz;
  }
  return t;
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
    const p = leftInverse(pointJacobian(net, x), m, n) ?? leftInverse(pointJacobian(net, x, true), m, n);
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

/** The acceptance rule of runQuery's re-check: ‖F(x) − F(y)‖∞ ≤ 1e-6·(1 + ‖F(x)‖∞), separation ≥ ε/2 (a MILP point at the ε floor may lose a hair in polishing). */
export function isVerifiedCollision(c: Collision, epsilon: number): boolean {
  return c.separation >= 0.5 * epsilon && c.outputGap <= 1e-6 * (1 + maxAbs(c.fx));
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}
