// The split searches' candidate pairs. Leaf MILP points are only approximately colliding (solver tolerances): they
// are polished by the engine's one pair polish (witness/polish.ts) and pre-screened by the float64 part of the one
// acceptance rule (witness/check.ts); lowDimQuery applies the full rule (float64 + onnxruntime-web) before anything
// is reported.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { float64PairVerdict } from '../witness/check';
import type { Collision } from '../witness/polish';

export type { Collision } from '../witness/polish';
export { measure } from '../witness/polish';

export function infDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The separation floor of the split searches' pairs: ε/2 (a MILP point at the ε floor may lose a hair in polishing). */
export function splitMinSeparation(epsilon: number): number {
  return 0.5 * epsilon;
}

/**
 * The split searches' pre-screen: the float64 part of the acceptance rule (float64PairVerdict) for a pair in
 * `box` at separation ≥ splitMinSeparation(ε), on the images the Collision already holds. `piMode`: y is the
 * query's centre.
 */
export function passesFloat64Rule(net: Network, c: Collision, box: Box, epsilon: number, piMode = false): boolean {
  return typeof float64PairVerdict(net, { box, minSeparation: splitMinSeparation(epsilon) }, c.x, c.y, piMode, c) === 'number';
}
