// Bounds on the difference f₁(x) − f₂(x) of two networks on the same inputs over a box: what the discrepancy search
// (src/engine/match/) bounds each box by. Subtracting two separately bounded outputs loses the fact that both
// networks see the same x; here, for each output k and sign s, s·e_k is back-substituted through f₁'s CROWN
// relaxation and −s·e_k through f₂'s, the two linear functions of x are summed, and the sum is concretised over the
// box once (the product network f₁ − f₂, as the joint bound of VeryDiff and NeuroDiff starts from).
import { InvalidArgument } from '../errors';
import type { Network } from '../ir/network';
import { computeBounds } from './computeBounds';
import type { LinearInputBound } from './crown';
import { upperLinearBound } from './crown';
import { outputBox, widenedBy } from './interval';
import type { Box, NetworkBounds } from './types';

export interface DifferenceBounds {
  /** lower[k] ≤ f₁ₖ(x) − f₂ₖ(x) ≤ upper[k] for every x in the box (widened by the slack policy). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /**
   * Row-major 2m × n: row 2k is the input coefficient of the linear upper bound of f₁ₖ − f₂ₖ, row 2k + 1 that of
   * f₂ₖ − f₁ₖ. How strongly each input moves a bound: the search splits the input with the largest width × |slope|.
   */
  readonly slopes: Float64Array;
  /** Each network's CROWN bounds on the box: valid references for any sub-box (computeBounds' `reference`). */
  readonly f1Bounds: NetworkBounds;
  readonly f2Bounds: NetworkBounds;
}

export interface DifferenceOptions {
  /** Valid bounds of each network on a box containing this one (a parent box's): CROWN starts from them. */
  readonly f1Reference?: NetworkBounds;
  readonly f2Reference?: NetworkBounds;
}

/**
 * Sound bounds of every output of f₁ − f₂ over `box`: the joint back-substitution, intersected with "f₁'s bounds
 * minus f₂'s" so it is never looser than that. Throws InvalidArgument when the two networks differ in inputs or
 * outputs, InvalidDomain (from computeBounds) when the box does not fit them.
 */
export function differenceBounds(f1: Network, f2: Network, box: Box, opts: DifferenceOptions = {}): DifferenceBounds {
  if (f1.inputSize !== f2.inputSize || f1.outputSize !== f2.outputSize) {
    throw new InvalidArgument(`difference bounds need two networks of the same shape: ${f1.inputSize} → ${f1.outputSize} and ${f2.inputSize} → ${f2.outputSize}`);
  }
  const b1 = computeBounds(f1, box, { method: 'crown', reference: opts.f1Reference });
  const b2 = computeBounds(f2, box, { method: 'crown', reference: opts.f2Reference });
  const m = f1.outputSize;
  const objective = new Float64Array(2 * m * m);
  for (let k = 0; k < m; k++) { objective[2 * k * m + k] = 1; objective[(2 * k + 1) * m + k] = -1; }
  const up1 = upperLinearBound(f1, b1, objective, 2 * m);
  const up2 = upperLinearBound(f2, b2, objective.map((v) => -v), 2 * m);
  const joint = concretiseSum(up1, up2, box, 2 * m);
  const o1 = outputBox(f1, b1), o2 = outputBox(f2, b2);
  const lower = new Float64Array(m), upper = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    // Separate bounds subtracted (widened: the subtraction rounds), then the joint ones where they are tighter.
    const sepUpper = o1.upper[k] - o2.lower[k] + widenedBy(Math.abs(o1.upper[k]) + Math.abs(o2.lower[k]));
    const sepLower = o1.lower[k] - o2.upper[k] - widenedBy(Math.abs(o1.lower[k]) + Math.abs(o2.upper[k]));
    upper[k] = Math.min(sepUpper, joint.upper[2 * k]);
    lower[k] = Math.max(sepLower, -joint.upper[2 * k + 1]);
  }
  return { lower, upper, slopes: joint.coef, f1Bounds: b1, f2Bounds: b2 };
}

/**
 * max over the box of each row of a + b (two linear upper bounds), widened by the slack policy; the summed input
 * coefficients come back as `coef`. The slack counts both terms of each coefficient, since their sum rounds.
 */
function concretiseSum(a: LinearInputBound, b: LinearInputBound, box: Box, rows: number): { upper: Float64Array; coef: Float64Array } {
  const n = box.lower.length;
  const upper = new Float64Array(rows);
  const coef = new Float64Array(rows * n);
  for (let row = 0; row < rows; row++) {
    let u = a.constant[row] + b.constant[row];
    let mag = a.magnitude[row] + b.magnitude[row] + Math.abs(a.constant[row]) + Math.abs(b.constant[row]);
    for (let j = 0; j < n; j++) {
      const ca = a.coef[row * n + j], cb = b.coef[row * n + j];
      const c = ca + cb;
      coef[row * n + j] = c;
      u += c >= 0 ? c * box.upper[j] : c * box.lower[j];
      mag += (Math.abs(ca) + Math.abs(cb)) * Math.max(Math.abs(box.lower[j]), Math.abs(box.upper[j]));
    }
    upper[row] = u + widenedBy(mag);
  }
  return { upper, coef };
}
