// The lower half of the discrepancy search: inputs that are actually evaluated. A discrepancy found here is
// ‖f₁(x) − f₂(x)‖∞ at a real x of the box (float64); the query re-checks the best one in onnxruntime-web before it is
// shown. Candidates: each box's centre, its corners when there are few, and projected gradient-ascent steps from the
// best point so far (the gradient of the attaining output difference, from the Jacobians of src/engine/ir).
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import { jacobianAt } from '../ir/jacobian';
import type { Network } from '../ir/network';

/** An evaluated input: value = ‖f₁(x) − f₂(x)‖∞, attained at output `output` with sign `sign` (f₁ − f₂ or f₂ − f₁). */
export interface EvaluatedPoint {
  readonly x: Float64Array;
  readonly value: number;
  readonly output: number;
  readonly sign: 1 | -1;
}

/** Corners are tried on boxes of at most this many inputs (2ⁿ forward passes per box). */
export const MAX_CORNER_DIMS = 4;
/** Projected gradient-ascent steps from a new best point (each halves its step on failure). */
const ASCENT_STEPS = 8;

export function evaluate(f1: Network, f2: Network, x: Float64Array): EvaluatedPoint {
  const a = forward(f1, x), b = forward(f2, x);
  let value = -Infinity, output = 0, sign: 1 | -1 = 1;
  for (let k = 0; k < a.length; k++) {
    const d = a[k] - b[k];
    if (Math.abs(d) > value) { value = Math.abs(d); output = k; sign = d >= 0 ? 1 : -1; }
  }
  return { x, value, output, sign };
}

/** The centre of the box, and its corners when it has at most MAX_CORNER_DIMS inputs. */
export function samplePoints(box: Box): Float64Array[] {
  const n = box.lower.length;
  const points = [box.lower.map((l, i) => 0.5 * (l + box.upper[i]))];
  if (n <= MAX_CORNER_DIMS) {
    for (let mask = 0; mask < 1 << n; mask++) {
      points.push(box.lower.map((l, i) => ((mask >> i) & 1 ? box.upper[i] : l)));
    }
  }
  return points;
}

/**
 * Projected sign-gradient ascent of sign·(f₁ₖ − f₂ₖ) from `start`, inside `within` (the whole search box), with
 * first step a quarter of `scale`'s widths (the box the point came from); the best point met (at least `start`).
 */
export function ascend(f1: Network, f2: Network, start: EvaluatedPoint, within: Box, scale: Box): EvaluatedPoint {
  let best = start;
  let step = 0.25;
  for (let it = 0; it < ASCENT_STEPS; it++) {
    const g1 = jacobianAt(f1, best.x), g2 = jacobianAt(f2, best.x);
    const n = best.x.length, row = best.output * n;
    const x = best.x.map((v, j) => {
      const g = best.sign * (g1[row + j] - g2[row + j]);
      const moved = v + Math.sign(g) * step * (scale.upper[j] - scale.lower[j]);
      return Math.min(within.upper[j], Math.max(within.lower[j], moved));
    });
    const p = evaluate(f1, f2, x);
    if (p.value > best.value) best = p;
    else step *= 0.5;
  }
  return best;
}
