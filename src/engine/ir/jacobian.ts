// The Jacobian of the piecewise-linear F at a point (the linear map of the activation region that
// holds x) and determinants, for the det DF sign in hovers and the fast path's fold scan.
import { InvalidArgument } from '../errors';
import { affine } from './forward';
import { activateInPlace, hasRelu } from './network';
import type { Network } from './network';

/**
 * Row-major outputSize × inputSize Jacobian of F at x: the linear map of the activation region that holds x. A ReLU
 * counts as active when its pre-activation is > 0; at exactly 0 (a kink) the inactive side's derivative 0 is used,
 * unless `tiesActive` (the other one-sided derivative, which polishing tries when the first is singular).
 */
export function jacobianAt(net: Network, x: ArrayLike<number>, tiesActive = false): Float64Array {
  const n = net.inputSize;
  if (x.length !== n) throw new InvalidArgument(`jacobianAt: expected ${n} inputs, got ${x.length}`, { file: net.source });
  return net.outputSize < n ? reverseJacobian(net, x, tiesActive) : Float64Array.from(jacobianEvaluator(net, tiesActive)(x));
}

/**
 * A reusable forward-mode Jacobian evaluator (n tangents pushed through the layers; cheap when the map is square or
 * tall), in buffers allocated once: the det-sign scans and the fold-curve tracer call it thousands of times. The
 * returned array is overwritten by the next call. Same activation rule as jacobianAt; NaN counts as inactive.
 */
export function jacobianEvaluator(net: Network, tiesActive = false): (x: ArrayLike<number>) => Float64Array {
  const n = net.inputSize;
  const width = Math.max(n, ...net.layers.map((l) => l.outSize));
  let h = new Float64Array(width), t = new Float64Array(width * n);
  let h2 = new Float64Array(width), t2 = new Float64Array(width * n);
  // The previous layer's units that are not switched-off ReLUs: an inactive one has value and tangent row 0, so it
  // adds only ±0 to every sum and is skipped (the fold scan's cost; the results do not change).
  let live = new Int32Array(width), live2 = new Int32Array(width);
  return (x) => {
    t.fill(0, 0, n * n);
    for (let i = 0; i < n; i++) { h[i] = x[i]; t[i * n + i] = 1; live[i] = i; }
    let count = n;
    for (const layer of net.layers) {
      const { inSize, outSize, weights, bias } = layer;
      let count2 = 0;
      for (let i = 0; i < outSize; i++) {
        let z = bias[i];
        const o = i * n;
        const row = i * inSize;
        if (n === 2) {
          // Two free inputs (the maps the fold scan runs on): the tangent pair in locals, same sums in the same order.
          let a0 = 0, a1 = 0;
          for (let k = 0; k < count; k++) {
            const j = live[k];
            const w = weights[row + j];
            if (w === 0) continue;
            z += w * h[j];
            a0 += w * t[2 * j];
            a1 += w * t[2 * j + 1];
          }
          t2[o] = a0;
          t2[o + 1] = a1;
        } else {
          for (let c = 0; c < n; c++) t2[o + c] = 0;
          for (let k = 0; k < count; k++) {
            const j = live[k];
            const w = weights[row + j];
            if (w === 0) continue;
            z += w * h[j];
            const tj = j * n;
            for (let c = 0; c < n; c++) t2[o + c] += w * t[tj + c];
          }
        }
        if (hasRelu(layer, i) && !(z > 0 || (z === 0 && tiesActive))) { z = 0; for (let c = 0; c < n; c++) t2[o + c] = 0; } else live2[count2++] = i;
        h2[i] = z;
      }
      [h, h2] = [h2, h];
      [t, t2] = [t2, t];
      [live, live2] = [live2, live];
      count = count2;
    }
    return t.subarray(0, net.outputSize * n);
  };
}

/**
 * Reverse mode: the m output rows pulled back through the layers, m/n of the forward cost (784-input MNIST with
 * 10 outputs: 2.7 M instead of 210 M multiply-adds). Same activation rule as the forward mode.
 */
function reverseJacobian(net: Network, x: ArrayLike<number>, tiesActive: boolean): Float64Array {
  const masks: Array<Uint8Array | null> = [];
  let h: Float64Array = Float64Array.from(x);
  for (const layer of net.layers) {
    const z = affine(layer, h);
    masks.push(layer.relu ? Uint8Array.from(z, (v, r) => (v > 0 || (v === 0 && tiesActive) || !hasRelu(layer, r) ? 1 : 0)) : null);
    h = activateInPlace(layer, z);
  }
  const m = net.outputSize;
  let cols = m;
  let g = new Float64Array(m * m);
  for (let i = 0; i < m; i++) g[i * m + i] = 1;
  for (let k = net.layers.length - 1; k >= 0; k--) {
    const layer = net.layers[k];
    const mask = masks[k];
    const next = new Float64Array(m * layer.inSize);
    for (let i = 0; i < m; i++) {
      for (let r = 0; r < cols; r++) {
        const gr = g[i * cols + r];
        if (gr === 0 || (mask && mask[r] === 0)) continue;
        const wRow = r * layer.inSize, out = i * layer.inSize;
        for (let q = 0; q < layer.inSize; q++) next[out + q] += gr * layer.weights[wRow + q];
      }
    }
    g = next;
    cols = layer.inSize;
  }
  return g;
}

/**
 * Determinant of a row-major n×n matrix: closed forms for n ≤ 3 (the split certificate's hot path), LU decomposition
 * with partial pivoting above.
 */
export function determinant(m: ArrayLike<number>, n: number): number {
  if (m.length !== n * n) throw new InvalidArgument(`determinant: expected ${n * n} entries, got ${m.length}`);
  if (n === 1) return m[0];
  if (n === 2) return m[0] * m[3] - m[1] * m[2];
  if (n === 3) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  }
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

/**
 * A unit (‖v‖∞ = 1) vector of the null space of a row-major rows × cols matrix, or null when its rank is cols.
 * Gaussian elimination with complete pivoting; a pivot below `relTol` · max|entry| counts as zero. The caller
 * re-checks whatever it builds from v, so the tolerance only decides whether a null vector is tried.
 */
export function nullVector(m: ArrayLike<number>, rows: number, cols: number, relTol = 1e-10): Float64Array | null {
  const a = Float64Array.from(m);
  const perm = Int32Array.from({ length: cols }, (_, i) => i);
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  let rank = 0;
  for (; rank < Math.min(rows, cols); rank++) {
    let pr = rank, pc = rank, best = 0;
    for (let r = rank; r < rows; r++) for (let c = rank; c < cols; c++) {
      const v = Math.abs(a[r * cols + c]);
      if (v > best) { best = v; pr = r; pc = c; }
    }
    if (!(best > relTol * scale)) break;
    for (let c = 0; c < cols; c++) { const t = a[rank * cols + c]; a[rank * cols + c] = a[pr * cols + c]; a[pr * cols + c] = t; }
    for (let r = 0; r < rows; r++) { const t = a[r * cols + rank]; a[r * cols + rank] = a[r * cols + pc]; a[r * cols + pc] = t; }
    const tp = perm[rank]; perm[rank] = perm[pc]; perm[pc] = tp;
    for (let r = rank + 1; r < rows; r++) {
      const f = a[r * cols + rank] / a[rank * cols + rank];
      if (f === 0) continue;
      for (let c = rank; c < cols; c++) a[r * cols + c] -= f * a[rank * cols + c];
    }
  }
  if (rank === cols) return null;
  // Free variable: the first non-pivot column = 1, the other free ones 0; back-substitute the pivot ones.
  const w = new Float64Array(cols);
  w[rank] = 1;
  for (let r = rank - 1; r >= 0; r--) {
    let s = a[r * cols + rank];
    for (let c = r + 1; c < rank; c++) s += a[r * cols + c] * w[c];
    w[r] = -s / a[r * cols + r];
  }
  const v = new Float64Array(cols);
  let norm = 0;
  for (let c = 0; c < cols; c++) { v[perm[c]] = w[c]; norm = Math.max(norm, Math.abs(w[c])); }
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  for (let c = 0; c < cols; c++) v[c] /= norm;
  return v;
}
