// Bounds on the difference f₁(x) − f₂(x) of two networks on the same inputs over a box: what the discrepancy search
// (src/engine/match/) bounds each box by. Subtracting two separately bounded outputs loses the fact that both
// networks see the same x; here, for each output k and sign s, s·e_k is back-substituted through f₁'s CROWN
// relaxation and −s·e_k through f₂'s, the two linear functions of x are summed, and the sum is concretised over the
// box once (the product network f₁ − f₂, as the joint bound of VeryDiff and NeuroDiff starts from). Where the two
// share their architecture (a pruned or fine-tuned copy), the per-neuron Δ bounds of neuronDifference.ts are
// intersected in. Measured on the discrepancy search (boxes to 1e-4): Brusselator 10% 461 → 99 with the Δ bounds,
// vdp 5% 98k (a numpy probe with the joint bound only) → ~240; without the joint bound 30-60% need 2-10× the boxes.
import { InvalidArgument } from '../errors';
import type { Network } from '../ir/network';
import { computeBounds } from './computeBounds';
import type { LinearInputBound } from './crown';
import { upperLinearBound } from './crown';
import { outputBox, widenedBy } from './interval';
import { differenceUpperLinearBound, neuronDifferenceBounds, sameArchitecture } from './neuronDifference';
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
 * Sound bounds of every output of f₁ − f₂ over `box`: the joint back-substitution and, for the same architecture,
 * the per-neuron Δ bounds, intersected with "f₁'s bounds minus f₂'s" so it is never looser than that. Throws InvalidArgument when the two networks differ in inputs or
 * outputs, InvalidDomain (from computeBounds) when the box does not fit them.
 */
export function differenceBounds(f1: Network, f2: Network, box: Box, opts: DifferenceOptions = {}): DifferenceBounds {
  if (f1.inputSize !== f2.inputSize || f1.outputSize !== f2.outputSize) {
    throw new InvalidArgument(`difference bounds need two networks of the same shape: ${f1.inputSize} → ${f1.outputSize} and ${f2.inputSize} → ${f2.outputSize}`);
  }
  const b1 = computeBounds(f1, box, { method: 'crown', reference: opts.f1Reference });
  const b2 = computeBounds(f2, box, { method: 'crown', reference: opts.f2Reference });
  const m = f1.outputSize, n = box.lower.length;
  // Row 2k bounds f₁ₖ − f₂ₖ from above, row 2k + 1 bounds f₂ₖ − f₁ₖ: each candidate below keeps a row only where it
  // is tighter, with its input coefficients (the slopes the search splits by).
  const rowUpper = new Float64Array(2 * m).fill(Infinity);
  const slopes = new Float64Array(2 * m * n);
  const keep = (row: number, value: number, coef?: Float64Array): void => {
    if (!(value < rowUpper[row])) return;
    rowUpper[row] = value;
    if (coef) slopes.set(coef.subarray(row * n, (row + 1) * n), row * n);
  };
  const objective = new Float64Array(2 * m * m);
  for (let k = 0; k < m; k++) { objective[2 * k * m + k] = 1; objective[(2 * k + 1) * m + k] = -1; }
  const o1 = outputBox(f1, b1), o2 = outputBox(f2, b2);
  for (let k = 0; k < m; k++) {
    // Separate bounds subtracted (widened: the subtraction rounds).
    keep(2 * k, o1.upper[k] - o2.lower[k] + widenedBy(Math.abs(o1.upper[k]) + Math.abs(o2.lower[k])));
    keep(2 * k + 1, o2.upper[k] - o1.lower[k] + widenedBy(Math.abs(o1.lower[k]) + Math.abs(o2.upper[k])));
  }
  // The joint bound: what keeps large differences tight (30-60% pruned copies; the Δ bounds alone need 2-10× the boxes).
  const joint = concretise(upperLinearBound(f1, b1, objective, 2 * m), upperLinearBound(f2, b2, objective.map((v) => -v), 2 * m), box, 2 * m);
  joint.upper.forEach((u, row) => keep(row, u, joint.coef));
  // Per-neuron Δ bounds, where the neurons correspond: what keeps small differences tight (5-10% pruned copies).
  if (sameArchitecture(f1, f2)) {
    const delta = neuronDifferenceBounds(f1, f2, box, b1, b2);
    for (let k = 0; k < m; k++) { keep(2 * k, delta.output.upper[k]); keep(2 * k + 1, -delta.output.lower[k]); }
    const symbolic = concretise(differenceUpperLinearBound(f1, f2, b1, b2, delta, objective, 2 * m), null, box, 2 * m);
    symbolic.upper.forEach((u, row) => keep(row, u, symbolic.coef));
  }
  const upper = Float64Array.from({ length: m }, (_, k) => rowUpper[2 * k]);
  const lower = Float64Array.from({ length: m }, (_, k) => -rowUpper[2 * k + 1]);
  return { lower, upper, slopes, f1Bounds: b1, f2Bounds: b2 };
}

/**
 * max over the box of each row of a (+ b: two linear upper bounds, one per network), widened by the slack policy;
 * the (summed) input coefficients come back as `coef`. The slack counts both terms of each coefficient, since their
 * sum rounds.
 */
function concretise(a: LinearInputBound, b: LinearInputBound | null, box: Box, rows: number): { upper: Float64Array; coef: Float64Array } {
  const n = box.lower.length;
  const upper = new Float64Array(rows);
  const coef = new Float64Array(rows * n);
  for (let row = 0; row < rows; row++) {
    const bc = b ? b.constant[row] : 0;
    let u = a.constant[row] + bc;
    let mag = a.magnitude[row] + (b ? b.magnitude[row] : 0) + Math.abs(a.constant[row]) + Math.abs(bc);
    for (let j = 0; j < n; j++) {
      const ca = a.coef[row * n + j], cb = b ? b.coef[row * n + j] : 0;
      const c = ca + cb;
      coef[row * n + j] = c;
      u += c >= 0 ? c * box.upper[j] : c * box.lower[j];
      mag += (Math.abs(ca) + Math.abs(cb)) * Math.max(Math.abs(box.lower[j]), Math.abs(box.upper[j]));
    }
    upper[row] = u + widenedBy(mag);
  }
  return { upper, coef };
}
