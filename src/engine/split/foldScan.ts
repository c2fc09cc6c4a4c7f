// Finds the fold nearest to a centre: the closest grid point (L∞ shells around c) where det DF has the other
// sign, refined by bisection on the segment, then turned into an explicit colliding pair straddling it.
// This is only a cheap upper-bound guess for the BL radius: every pair it returns is verified by a forward
// pass, and the lower end of the radius is always proved separately by the split certificate.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { containsPoint } from './box';
import type { Collision } from './collision';
import { infDistance, isVerifiedCollision, measure, pointJacobian, polishPreimage } from './collision';
import { determinant } from './linalg';
import { forward } from '../ir/forward';

export interface FoldGuess {
  /** A point on the fold (to bisection precision) and its L∞ distance from the centre. */
  readonly point: Float64Array;
  readonly distance: number;
  /** A verified colliding pair near the fold, when one could be built. */
  readonly collision: Collision | null;
}

export function detAt(net: Network, x: ArrayLike<number>): number {
  if (net.outputSize !== net.inputSize) return Number.NaN;
  return determinant(pointJacobian(net, x), net.inputSize);
}

/**
 * Scans L∞ shells of spacing h around c up to `cap` (inside `domain`) for the first point whose det sign
 * differs from det(c)'s. Returns null when none is found (or the map is not square).
 */
export function nearestFold(net: Network, c: Float64Array, domain: Box, cap: number, h: number, epsilon: number): FoldGuess | null {
  const n = net.inputSize;
  if (net.outputSize !== n) return null;
  const s0 = Math.sign(detAt(net, c));
  if (s0 === 0) return { point: Float64Array.from(c), distance: 0, collision: null };
  const shells = Math.floor(cap / h);
  const idx = new Int32Array(n);
  const p = new Float64Array(n);
  for (let k = 1; k <= shells; k++) {
    // Enumerate the lattice points with max |i| = k.
    idx.fill(-k);
    let best: Float64Array | null = null;
    for (;;) {
      let onShell = false;
      for (let d = 0; d < n; d++) if (Math.abs(idx[d]) === k) onShell = true;
      if (onShell) {
        for (let d = 0; d < n; d++) p[d] = c[d] + idx[d] * h;
        if (containsPoint(domain, p) && Math.sign(detAt(net, p)) !== s0) { best = Float64Array.from(p); break; }
      }
      let d = n - 1;
      while (d >= 0 && ++idx[d] > k) { idx[d] = -k; d--; }
      if (d < 0) break;
    }
    if (best) return refine(net, c, best, s0, domain, epsilon);
  }
  return null;
}

/** Bisects the segment c → far on the det sign, then builds a collision across the fold. */
function refine(net: Network, c: Float64Array, far: Float64Array, s0: number, domain: Box, epsilon: number): FoldGuess {
  const n = c.length;
  let a = 0, b = 1; // sign s0 at a, other sign at b (fractions along the segment)
  const at = (t: number): Float64Array => Float64Array.from({ length: n }, (_, i) => c[i] + t * (far[i] - c[i]));
  for (let it = 0; it < 50; it++) {
    const m = 0.5 * (a + b);
    if (Math.sign(detAt(net, at(m))) === s0) a = m; else b = m;
  }
  const point = at(0.5 * (a + b));
  const len = infDistance(far, c);
  let collision: Collision | null = null;
  for (const mult of [1, 2, 4, 8, 16, 64]) {
    const delta = (mult * epsilon) / len;
    const x = at(a - delta);
    const y0 = at(b + delta);
    if (!containsPoint(domain, x) || !containsPoint(domain, y0)) break;
    const y = polishPreimage(net, forward(net, x), y0, domain);
    const cand = measure(net, x, y);
    if (isVerifiedCollision(cand, epsilon)) { collision = cand; break; }
  }
  return { point, distance: infDistance(point, c), collision };
}
