// The fold mark of an orbit state: the state lies within `tolerance` of the fold curve (det DF = 0) when its BL
// radius is below the tolerance, or when det DF takes both signs on samples of B∞(x, tolerance) (its centre and
// corners). A mark for the reader, not a certificate: a sign change between samples is a fold proved to cross
// the box (DF is piecewise constant, so det DF changes sign only across one), but no sign change proves nothing.
import { jacobianDeterminantAt } from '../ir/jacobian';
import type { Network } from '../ir/network';
import type { QueryResult } from '../../shared/results';

/** det DF at the centre and at the 2ⁿ corners of B∞(x, r) (n ≤ 10; past that, the 2n face centres). */
function detSamples(net: Network, x: readonly number[], r: number): number[] {
  const n = x.length;
  const points: number[][] = [[...x]];
  if (n <= 10) {
    for (let mask = 0; mask < 1 << n; mask++) points.push(x.map((v, i) => v + ((mask >> i) & 1 ? r : -r)));
  } else {
    for (let i = 0; i < n; i++) for (const s of [-r, r]) points.push(x.map((v, t) => (t === i ? v + s : v)));
  }
  return points.map((p) => jacobianDeterminantAt(net, p));
}

export function nearFold(net: Network, x: readonly number[], tolerance: number, bl: QueryResult | undefined): boolean {
  if (bl && bl.query === 'radius-bl' && bl.status !== 'error') {
    const upper = bl.radiusUpper;
    if (typeof upper === 'number' && upper < tolerance) return true;
  }
  const dets = detSamples(net, x, tolerance);
  return dets.some((d) => d > 0) && dets.some((d) => d < 0);
}
