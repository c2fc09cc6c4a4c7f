// Two boxes whose images are disjoint hold no colliding pair, whatever ε. Near a fold F squeezes cells into thin
// slanted strips: their axis-aligned output boxes overlap although the strips do not, and the search then halves
// such pairs down to leaf MILPs (Brusselator BL at (1.125, 0.5), r = 1.076: 115 of 117 deep leaf pairs, every one
// clear). A CROWN bound of w·F along a slanted w (bounds/objective.ts) separates most of them at once.
// Directions, tried in turn: F(a₀) − F(c₀) (the centres' images), then the rows of J⁻¹ at the midpoint of the centres.
// In the preconditioned outputs J⁻¹F the images are near copies of the boxes themselves, so the axis along which the
// boxes lie apart separates their images. (The rows of J⁻¹ at each centre as well closed 4 more of those 115 pairs,
// for two more Jacobians on every pair that stays open; the leaf pieces settle those cheaply.)
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import { lowerBoundAlong } from '../bounds';
import { forward } from '../ir/forward';
import { jacobianAt } from '../ir/jacobian';
import { center, disjoint } from './box';
import { leftInverse } from './linalg';

/**
 * True when some direction w proves w·F(x) > w·F(y) for all x ∈ a, y ∈ c, or the reverse: F(a) and F(c) share no
 * point. False for boxes that touch (their images meet), and whenever no direction tried separates them.
 */
export function imagesSeparated(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds): boolean {
  if (!disjoint(a, c)) return false;
  const ca = center(a), cc = center(c);
  const fa = forward(net, ca), fc = forward(net, cc);
  const m = net.outputSize, n = net.inputSize;
  const apart = (w: ArrayLike<number>): boolean => {
    let s = 0;
    for (let i = 0; i < m; i++) s += w[i] * (fa[i] - fc[i]);
    // Orient w so that the centres' images lie in the order tested: a's above c's.
    const up = s >= 0 ? Float64Array.from(w) : Float64Array.from(w, (v) => -v);
    const down = Float64Array.from(up, (v) => -v);
    return lowerBoundAlong(net, a, boundsA, up) + lowerBoundAlong(net, c, boundsC, down) > 0;
  };
  if (apart(Float64Array.from(fa, (v, i) => v - fc[i]))) return true;
  const mid = Float64Array.from(ca, (v, i) => 0.5 * (v + cc[i]));
  const p = leftInverse(jacobianAt(net, mid), m, n);
  if (!p) return false;
  for (let k = 0; k < n; k++) if (apart(p.subarray(k * m, (k + 1) * m))) return true;
  return false;
}
