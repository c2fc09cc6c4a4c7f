// The Jacobian of the piecewise-linear F at a point (the linear map of the activation region that
// holds x) and determinants, for the det DF sign in hovers and the fast path's fold scan.
import { InvalidArgument } from '../errors';
import { affine } from './forward';
import type { Network } from './network';

/**
 * Row-major outputSize × inputSize Jacobian of F at x. A ReLU counts as active when its
 * pre-activation is > 0; at exactly 0 (a kink) the inactive side's derivative 0 is used.
 */
export function jacobianAt(net: Network, x: ArrayLike<number>): Float64Array {
  const n = net.inputSize;
  if (x.length !== n) throw new InvalidArgument(`jacobianAt: expected ${n} inputs, got ${x.length}`, { file: net.source });
  let h: Float64Array = Float64Array.from(x);
  let jac = new Float64Array(n * n);
  for (let i = 0; i < n; i++) jac[i * n + i] = 1;
  let rows = n;
  for (const layer of net.layers) {
    const z = affine(layer, h);
    const next = new Float64Array(layer.outSize * n);
    for (let r = 0; r < layer.outSize; r++) {
      if (layer.relu && !(z[r] > 0)) continue; // inactive: zero row
      const out = r * n;
      const wRow = r * layer.inSize;
      for (let q = 0; q < rows; q++) {
        const w = layer.weights[wRow + q];
        if (w === 0) continue;
        const src = q * n;
        for (let c = 0; c < n; c++) next[out + c] += w * jac[src + c];
      }
    }
    if (layer.relu) for (let r = 0; r < z.length; r++) if (z[r] < 0) z[r] = 0;
    h = z;
    jac = next;
    rows = layer.outSize;
  }
  return jac;
}

/** Determinant of a row-major n×n matrix by LU decomposition with partial pivoting. */
export function determinant(m: ArrayLike<number>, n: number): number {
  if (m.length !== n * n) throw new InvalidArgument(`determinant: expected ${n * n} entries, got ${m.length}`);
  const a = Float64Array.from(m);
  let det = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    const p = a[pivot * n + col];
    if (p === 0) return 0;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = a[col * n + c];
        a[col * n + c] = a[pivot * n + c];
        a[pivot * n + c] = t;
      }
      det = -det;
    }
    det *= p;
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col] / p;
      if (f === 0) continue;
      for (let c = col + 1; c < n; c++) a[r * n + c] -= f * a[col * n + c];
    }
  }
  return det;
}

/** det DF(x) for a square network (inputs = outputs). */
export function jacobianDeterminantAt(net: Network, x: ArrayLike<number>): number {
  if (net.inputSize !== net.outputSize) {
    throw new InvalidArgument(`det DF needs a square map; this one is ${net.inputSize} → ${net.outputSize}`, { file: net.source });
  }
  return determinant(jacobianAt(net, x), net.inputSize);
}
