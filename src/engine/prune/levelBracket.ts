// A level's discrepancy bracket made whole when its search stopped before it had both ends (the budget or the MILP
// time limit cut it short), so the row reads "in [lower, upper]", never "?":
//  - upper: the difference bounds of the two networks over the box (differenceBounds: the joint back-substitution,
//    never looser than each network's CROWN output bounds subtracted);
//  - lower: ‖f(x) − f_pruned(x)‖∞ at the box's centre and at the sweep's centre, the larger, with that input
//    re-checked in onnxruntime-web against both files like any match witness (verifyMatchWitness).
import type { Box } from '../bounds';
import { differenceBounds } from '../bounds';
import { forward } from '../ir/forward';
import type { Network } from '../ir/network';
import { maxAbs } from '../norms/norm';
import type { CheckedModel } from '../queries/checkedModel';
import type { PruneRow, Witness } from '../../shared/results';
import { verifyMatchWitness } from '../witness/check';

export type DiscrepancyBracket = Pick<PruneRow, 'discrepancy' | 'discrepancyLower' | 'discrepancyBound' | 'discrepancyWitness'>;

/** `found` with whichever end it lacks filled in as above (a proved discrepancy has both already). */
export async function completeBracket(found: DiscrepancyBracket, original: CheckedModel, copy: CheckedModel, box: Box, center: ArrayLike<number>): Promise<DiscrepancyBracket> {
  let bracket = found;
  if (bracket.discrepancyLower === null) {
    const boxCentre = box.lower.map((lo, i) => (lo + box.upper[i]) / 2);
    const attained = await attainedAt([boxCentre, Float64Array.from(center)], original, copy);
    if (attained) bracket = { ...bracket, discrepancyLower: attained.outputGap, discrepancyWitness: attained };
  }
  if (bracket.discrepancyBound === null) {
    bracket = { ...bracket, discrepancyBound: Math.max(bracket.discrepancyLower ?? 0, differenceCeiling(original.state.net, copy.state.net, box)) };
  }
  return bracket;
}

/** The input among `points` where the two networks differ most, as a re-checked match witness (null if the check fails). */
async function attainedAt(points: readonly Float64Array[], original: CheckedModel, copy: CheckedModel): Promise<Witness | null> {
  let best: Witness | null = null;
  for (const x of points) {
    const Fx = forward(original.state.net, x), Fy = forward(copy.state.net, x);
    const gap = maxAbs(Fx.map((v, k) => v - Fy[k]));
    if (!best || gap > best.outputGap) best = { x: Array.from(x), y: Array.from(x), Fx: Array.from(Fx), Fy: Array.from(Fy), separation: 0, outputGap: gap, checkedBy: ['float64'] };
  }
  if (!best) return null;
  const checked = await verifyMatchWitness(best, [original, copy]);
  return checked.ok ? checked.witness : null;
}

/** An upper bound on max over the box of ‖f(x) − g(x)‖∞ (f and g with the same outputs). */
function differenceCeiling(f: Network, g: Network, box: Box): number {
  const d = differenceBounds(f, g, box);
  let ceiling = 0;
  for (let k = 0; k < d.upper.length; k++) ceiling = Math.max(ceiling, d.upper[k], -d.lower[k]);
  return ceiling;
}
