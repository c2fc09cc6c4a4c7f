// A level's discrepancy bracket made whole when its search stopped before it had both ends (the budget or the MILP
// time limit cut it short), so the row reads "in [lower, upper]", never "?":
//  - upper: each network's output bounds over the box (CROWN), subtracted. Sound but loose, since it ignores that
//    the two networks read the same input;
//  - lower: ‖f(x) − f_pruned(x)‖∞ at the box's centre and at the sweep's centre, the larger, with that input
//    re-checked in onnxruntime-web against both files like any match witness (verifyMatchWitness).
import type { Box } from '../bounds';
import { computeBounds } from '../bounds';
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
    bracket = { ...bracket, discrepancyBound: Math.max(bracket.discrepancyLower ?? 0, separateBoundsCeiling(original.state.net, copy.state.net, box)) };
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
function separateBoundsCeiling(f: Network, g: Network, box: Box): number {
  const [fl, fu] = outputBounds(f, box), [gl, gu] = outputBounds(g, box);
  let ceiling = 0;
  for (let k = 0; k < fl.length; k++) ceiling = Math.max(ceiling, fu[k] - gl[k], gu[k] - fl[k]);
  return ceiling;
}

function outputBounds(net: Network, box: Box): [Float64Array, Float64Array] {
  const bounds = computeBounds(net, box, { method: 'crown' });
  const last = bounds[bounds.length - 1];
  if (!net.layers[net.layers.length - 1].relu) return [last.lower, last.upper];
  return [last.lower.map((v) => Math.max(0, v)), last.upper.map((v) => Math.max(0, v))];
}
