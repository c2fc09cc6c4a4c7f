// A lower bound of one linear function of the outputs, w·F(x), over a box: crown.ts's back-substitution from an
// objective (upperLinearBound, of −w·F), concretised over the box. The split search uses it to separate two cells'
// images along a slanted direction, where their axis-aligned output boxes overlap (split/imageSeparation.ts).
// Widened by the one slack policy (interval.ts), so it holds for the real-valued network.
import type { Network } from '../ir/network';
import { upperLinearBound } from './crown';
import { outputBox, widenedBy } from './interval';
import type { Box, NetworkBounds } from './types';

/**
 * min over x ∈ `box` of w·F(x), from below; `bounds` are crownBounds' of `box`. Never looser than what the output
 * box alone gives (Σ w_i · its lower or upper end), which it also takes.
 */
export function lowerBoundAlong(net: Network, box: Box, bounds: NetworkBounds, w: ArrayLike<number>): number {
  const up = upperLinearBound(net, bounds, Float64Array.from(w, (v) => -v), 1);
  // max over the box of (−w)·F, negated.
  let u = up.constant[0];
  let mag = up.magnitude[0] + Math.abs(up.constant[0]);
  for (let j = 0; j < box.lower.length; j++) {
    const a = up.coef[j];
    u += a >= 0 ? a * box.upper[j] : a * box.lower[j];
    mag += Math.abs(a) * Math.max(Math.abs(box.lower[j]), Math.abs(box.upper[j]));
  }
  return Math.max(-(u + widenedBy(mag)), alongOutputBox(net, bounds, w));
}

function alongOutputBox(net: Network, bounds: NetworkBounds, w: ArrayLike<number>): number {
  const out = outputBox(net, bounds);
  let s = 0, mag = 0;
  for (let i = 0; i < w.length; i++) {
    const t = w[i] >= 0 ? w[i] * out.lower[i] : w[i] * out.upper[i];
    s += t; mag += Math.abs(t);
  }
  return s - widenedBy(mag);
}
