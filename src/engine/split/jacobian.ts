// The Jacobian certificate of perf-notes: F is injective on a convex box H if every generalized Jacobian
// M of F on H (a convex combination of the piece Jacobians J_v met along a segment) is nonsingular.
// For x ≠ y in H, F(x) − F(y) = M (x − y) with M ∈ conv{J_v}; both tests below survive convex combination:
//   (a) every P·J_v has a positive-definite symmetric part  ⇒  xᵀ(P·M)x > 0 for x ≠ 0;
//   (b) every ‖I − P·J_v‖∞ < 1                             ⇒  ‖I − P·M‖∞ < 1, so P·M is invertible.
// Either way P·M is nonsingular, so M(x − y) ≠ 0. P is any fixed matrix (we use the inverse of the mean).
// With many unstable neurons we use an interval Jacobian instead (every M lies in it).
import { hasRelu } from '../ir/network';
import type { Network } from '../ir/network';
import type { NetworkBounds } from '../bounds/types';
import { determinant } from '../ir/jacobian';
import { factoredCertificate } from './factoredCertificate';
import { identityGapInfNorm, leftInverse, matMul, symmetricPartPositiveDefinite } from './linalg';

export type CertificateTest = 'positive-definite' | 'contraction' | 'vertex-determinant' | 'interval-determinant' | 'interval-contraction'
  | 'factored-contraction' | 'none';

export interface CertificateResult {
  readonly certified: boolean;
  readonly test: CertificateTest;
  readonly unstable: number;
}

/** Margin over float64 rounding in the matrix tests (relative to O(1) preconditioned matrices). */
const MARGIN = 1e-8;

/** Neuron phase under the bounds: 1 active, 0 inactive, -1 unstable; neurons without a ReLU count as active. */
export function phases(net: Network, bounds: NetworkBounds): Int8Array[] {
  return net.layers.map((layer, k) => {
    const p = new Int8Array(layer.outSize);
    for (let i = 0; i < layer.outSize; i++) {
      if (!hasRelu(layer, i) || bounds[k].lower[i] >= 0) p[i] = 1;
      else if (bounds[k].upper[i] <= 0) p[i] = 0;
      else p[i] = -1;
    }
    return p;
  });
}

export function countUnstable(ph: readonly Int8Array[]): number {
  let k = 0;
  for (const p of ph) for (const v of p) if (v < 0) k++;
  return k;
}

export function jacobianCertificate(net: Network, bounds: NetworkBounds, maxEnumerate = 9): CertificateResult {
  const ph = phases(net, bounds);
  const k = countUnstable(ph);
  const n = net.inputSize, m = net.outputSize;
  // A ReLU on the outputs would need its own pattern factor; such maps are not certified here.
  if (m < n || net.layers[net.layers.length - 1].relu) return { certified: false, test: 'none', unstable: k };
  // O(n²·k), no enumeration: decides every one-hidden-layer map (the residual SI maps in any dimension) at once.
  if (k > 0 && factoredCertificate(net, ph).certified) return { certified: true, test: 'factored-contraction', unstable: k };
  if (k <= maxEnumerate) {
    const mean = patternJacobian(net, ph, 0.5);
    const p = leftInverse(mean, m, n);
    if (!p) return { certified: false, test: 'none', unstable: k };
    let pd = true, contraction = true;
    forEachPatternJacobian(net, ph, (j) => {
      const a = matMul(p, j, n, m, n);
      if (pd && !symmetricPartPositiveDefinite(a, n, MARGIN)) pd = false;
      if (contraction && !(identityGapInfNorm(a, n) < 1 - MARGIN)) contraction = false;
      return pd || contraction;
    });
    if (pd) return { certified: true, test: 'positive-definite', unstable: k };
    if (contraction) return { certified: true, test: 'contraction', unstable: k };
    if (vertexDeterminantsShareSign(net, ph)) return { certified: true, test: 'vertex-determinant', unstable: k };
    return { certified: false, test: 'none', unstable: k };
  }
  return intervalCertificate(net, ph, k);
}

/** The Jacobian with every unstable neuron's slope set to `unstableSlope` (0.5 = the mean over patterns). */
export function patternJacobian(net: Network, ph: readonly Int8Array[], unstableSlope: number): Float64Array {
  let x: Float64Array = Float64Array.from(net.layers[0].weights);
  let rows = net.layers[0].outSize;
  const n = net.inputSize;
  for (let j = 0; j + 1 < net.layers.length; j++) {
    const d = ph[j];
    for (let i = 0; i < rows; i++) {
      const s = d[i] === 1 ? 1 : d[i] === 0 ? 0 : unstableSlope;
      for (let c = 0; c < n; c++) x[i * n + c] *= s;
    }
    const next = net.layers[j + 1];
    x = matMul(next.weights, x, next.outSize, rows, n);
    rows = next.outSize;
  }
  return x;
}

/**
 * Calls `visit` with the Jacobian of every activation pattern of the unstable neurons (2^k of them),
 * layer by layer with Gray-code rank-1 updates. `visit` returns false to stop early.
 */
export function forEachPatternJacobian(net: Network, ph: readonly Int8Array[], visit: (j: Float64Array) => boolean,
  skipMirrors = true): void {
  const n = net.inputSize;
  const recurse = (layerIdx: number, x: Float64Array): boolean => {
    if (layerIdx === net.layers.length - 1) return visit(x);
    const rows = net.layers[layerIdx].outSize;
    const next = net.layers[layerIdx + 1];
    const d = ph[layerIdx];
    const stable = Float64Array.from(x);
    const unstable: number[] = [];
    for (let i = 0; i < rows; i++) {
      if (d[i] !== 1) for (let c = 0; c < n; c++) stable[i * n + c] = 0;
      if (d[i] === -1) unstable.push(i);
    }
    const y = matMul(next.weights, stable, next.outSize, rows, n);
    const mirrors = layerIdx === 0 && skipMirrors ? mirrorPairs(net, unstable) : [];
    const on = new Uint8Array(unstable.length);
    const total = 1 << unstable.length;
    for (let g = 0; g < total; g++) {
      if (g > 0) {
        const bit = 31 - Math.clz32(g & -g); // Gray code: flip the lowest set bit of g
        const i = unstable[bit];
        const sign = on[bit] ? -1 : 1;
        on[bit] ^= 1;
        for (let r = 0; r < next.outSize; r++) {
          const w = sign * next.weights[r * rows + i];
          if (w === 0) continue;
          for (let c = 0; c < n; c++) y[r * n + c] += w * x[i * n + c];
        }
      }
      if (mirrors.some(([a, b]) => on[a] === on[b])) continue;
      if (!recurse(layerIdx + 1, Float64Array.from(y))) return false;
    }
    return true;
  };
  recurse(0, Float64Array.from(net.layers[0].weights));
}

/**
 * First-layer neurons z and −αz (α > 0), e.g. the relu(x) − relu(−x) that carries an identity: exactly one
 * is active off the hyperplane z = 0, and on it both slopes multiply w·d = 0 for a segment direction d in
 * it, so patterns with both on or both off add no Jacobian the segment can realise. Returns index pairs
 * into `unstable`.
 */
function mirrorPairs(net: Network, unstable: readonly number[]): Array<[number, number]> {
  const l = net.layers[0];
  const n = l.inSize;
  const pairs: Array<[number, number]> = [];
  const used = new Set<number>();
  for (let a = 0; a < unstable.length; a++) {
    for (let b = a + 1; b < unstable.length; b++) {
      if (used.has(a) || used.has(b)) continue;
      const i = unstable[a], j = unstable[b];
      let alpha = Number.NaN;
      let ok = true;
      for (let c = 0; c <= n && ok; c++) {
        const vi = c < n ? l.weights[i * n + c] : l.bias[i];
        const vj = c < n ? l.weights[j * n + c] : l.bias[j];
        if (vi === 0 && vj === 0) continue;
        if (vi === 0 || vj === 0) { ok = false; break; }
        const r = -vj / vi;
        if (Number.isNaN(alpha)) alpha = r;
        ok = r > 0 && r === alpha && vj === -alpha * vi; // exact: any gap would open a sliver
      }
      if (ok && !Number.isNaN(alpha)) { pairs.push([a, b]); used.add(a); used.add(b); }
    }
  }
  return pairs;
}

/**
 * When every unstable neuron sits in ONE layer (the others stable on the box), the Jacobian is affine in
 * the unstable slopes s ∈ [0, 1]^k with a rank-1 term per neuron: J(s) = J₀ + Σ sᵢ aᵢbᵢᵀ. So
 * conv{J_v} = J([0, 1]^k), and det J(s) is affine in each sᵢ (matrix determinant lemma), hence takes its
 * extremes at the 2^k vertices. If all vertex determinants have one strict sign, every M in the hull is
 * nonsingular. This holds where the preconditioned tests fail, e.g. two same-orientation pieces whose
 * Jacobians no single P makes positive definite. Square maps only; mirror patterns are NOT skipped here.
 */
export function vertexDeterminantsShareSign(net: Network, ph: readonly Int8Array[]): boolean {
  const n = net.inputSize;
  if (net.outputSize !== n) return false;
  let layersWithUnstable = 0;
  for (const p of ph) if (p.some((v) => v < 0)) layersWithUnstable++;
  if (layersWithUnstable > 1) return false;
  // Float error in the entries is far below 1e-12 of |W_L|·…·|W_1|; the determinant's error is then below
  // that fraction of the permanent of the absolute Jacobian, so a margin of 1e-8 of it is safe.
  const margin = 1e-8 * permanentBound(absoluteJacobian(net, ph), n);
  let sign = 0;
  forEachPatternJacobian(net, ph, (j) => {
    const d = determinant(j, n);
    const s = d > margin ? 1 : d < -margin ? -1 : 0;
    if (s === 0 || (sign !== 0 && s !== sign)) { sign = 2; return false; }
    sign = s;
    return true;
  }, false);
  return sign === 1 || sign === -1;
}

/** |W_L|·D·…·D·|W_1| with every non-inactive slope at 1: bounds every entry of every pattern Jacobian. */
function absoluteJacobian(net: Network, ph: readonly Int8Array[]): Float64Array {
  const n = net.inputSize;
  let x: Float64Array = net.layers[0].weights.map(Math.abs);
  let rows = net.layers[0].outSize;
  for (let j = 0; j + 1 < net.layers.length; j++) {
    for (let i = 0; i < rows; i++) if (ph[j][i] === 0) for (let c = 0; c < n; c++) x[i * n + c] = 0;
    const next = net.layers[j + 1];
    x = matMul(next.weights.map(Math.abs), x, next.outSize, rows, n);
    rows = next.outSize;
  }
  return x;
}

/** Π of row sums of a nonnegative n×n matrix: at least its permanent, which bounds the determinant's error. */
function permanentBound(a: Float64Array, n: number): number {
  let p = 1;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += a[i * n + c];
    p *= s;
  }
  return p;
}

/**
 * Interval Jacobian in midpoint-radius form, preconditioned, then corner-determinant / contraction tests. The
 * enclosure is propagated up to the last hidden layer; the preconditioner P is multiplied into the last weight matrix
 * before absolute values are taken (|P·W_L|·rad ≤ |P|·|W_L|·rad entrywise), so the radius of P·J is as tight as the
 * enclosure allows. O(n²·width) per layer, no vertex enumeration.
 */
function intervalCertificate(net: Network, ph: readonly Int8Array[], k: number): CertificateResult {
  const n = net.inputSize, m = net.outputSize;
  let mid: Float64Array = Float64Array.from(net.layers[0].weights);
  let rad: Float64Array = new Float64Array(mid.length);
  let rows = net.layers[0].outSize;
  const lastHidden = net.layers.length - 2;
  for (let j = 0; j <= lastHidden; j++) {
    for (let i = 0; i < rows; i++) {
      const s = ph[j][i];
      for (let c = 0; c < n; c++) {
        const a = i * n + c;
        if (s === 0) { mid[a] = 0; rad[a] = 0; }
        // s·[mid ± rad] for s ∈ [0, 1] lies in ½mid ± (½|mid| + rad).
        else if (s === -1) { rad[a] = 0.5 * Math.abs(mid[a]) + rad[a]; mid[a] *= 0.5; }
      }
    }
    if (j === lastHidden) break;
    const next = net.layers[j + 1];
    mid = matMul(next.weights, mid, next.outSize, rows, n);
    rad = matMul(next.weights.map(Math.abs), rad, next.outSize, rows, n);
    rows = next.outSize;
  }
  const last = net.layers[net.layers.length - 1];
  const midJ = lastHidden < 0 ? mid : matMul(last.weights, mid, m, rows, n);
  const p = leftInverse(midJ, m, n);
  if (!p) return { certified: false, test: 'none', unstable: k };
  const pm = matMul(p, midJ, n, m, n);
  const pr = lastHidden < 0 ? new Float64Array(n * n) : matMul(matMul(p, last.weights, n, m, rows).map(Math.abs), rad, n, rows, n);
  for (let a = 0; a < pr.length; a++) pr[a] += 1e-8 * (Math.abs(pm[a]) + pr[a]) + 1e-12;
  let worstRow = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += Math.abs((i === c ? 1 : 0) - pm[i * n + c]) + pr[i * n + c];
    worstRow = Math.max(worstRow, s);
  }
  if (worstRow < 1 - MARGIN) return { certified: true, test: 'interval-contraction', unstable: k };
  if (n <= 3 && cornerDeterminantsShareSign(pm, pr, n)) return { certified: true, test: 'interval-determinant', unstable: k };
  return { certified: false, test: 'none', unstable: k };
}

/** det is affine in each entry, so its range over an interval matrix is attained at the 2^(n²) corners. */
function cornerDeterminantsShareSign(mid: Float64Array, rad: Float64Array, n: number): boolean {
  const entries = n * n;
  const corner = new Float64Array(entries);
  let sign = 0;
  for (let mask = 0; mask < 1 << entries; mask++) {
    for (let a = 0; a < entries; a++) corner[a] = mid[a] + ((mask >> a) & 1 ? rad[a] : -rad[a]);
    const d = determinant(corner, n);
    const s = d > MARGIN ? 1 : d < -MARGIN ? -1 : 0;
    if (s === 0 || (sign !== 0 && s !== sign)) return false;
    sign = s;
  }
  return true;
}
