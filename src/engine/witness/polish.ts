// Polishing a MILP witness: hold each point's activation pattern and move it (least-norm) so that
// F(x) = F(y) holds to float64 precision instead of the solver's 1e-7 feasibility tolerance.
import { forward } from '../ir/forward';
import type { Network } from '../ir/network';
import { jacobianAt } from '../ir/jacobian';
import { minNormCorrection } from './localAffine';

export interface PolishedPair {
  readonly x: Float64Array;
  /** null for PI (the second point is the fixed centre). */
  readonly y: Float64Array | null;
}

/** One Newton-like step on the local affine pieces; returns null when the step cannot be formed. */
export function polishPair(net: Network, x: Float64Array, y: Float64Array | null, target: Float64Array | null): PolishedPair | null {
  const n = net.inputSize, m = net.outputSize;
  const Fx = forward(net, x);
  const Fy = y ? forward(net, y) : target;
  if (!Fy) return null;
  const r = Fx.map((v, i) => v - Fy[i]);
  const A = jacobianAt(net, x);
  if (!y) {
    const d = minNormCorrection(A, m, n, r);
    return d ? { x: x.map((v, i) => v + d[i]), y: null } : null;
  }
  const B = jacobianAt(net, y);
  const q = 2 * n;
  const M = new Float64Array(m * q);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < n; c++) {
      M[i * q + c] = A[i * n + c];
      M[i * q + n + c] = -B[i * n + c];
    }
  }
  const d = minNormCorrection(M, m, q, r);
  if (!d) return null;
  return { x: x.map((v, i) => v + d[i]), y: y.map((v, i) => v + d[n + i]) };
}
