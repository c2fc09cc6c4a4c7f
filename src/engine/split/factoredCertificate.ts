// A Jacobian certificate that needs no vertex enumeration, for maps whose unstable ReLUs all sit in ONE layer j (every
// one-hidden-layer map on any box, e.g. the residual time-steppers x + W₂relu(W₁x + b₁) + b₂ of the paper's SI). There
// every piece Jacobian, and every convex combination of them, is
//   J(D) = A + Post · D · Pre,   D = diag(s) with s ∈ [0, 1]^k the unstable slopes,
// with A = J(0) (stable neurons and pass-through neurons at their fixed slopes), Pre the unstable rows of layer j's
// Jacobian and Post the columns of the layers after j that read them. J is affine in D, so this set is convex and holds
// the generalized Jacobian of every segment in the box. For any fixed P and centre C ∈ {0, ½}:
//   I − P·J(D) = (I − P·J(C·I)) + P·Post·(C·I − D)·Pre,   ‖C·I − D‖ ≤ max(C, 1 − C),
// so  ‖I − P·J(D)‖ ≤ ‖I − P·J(C·I)‖ + max(C, 1 − C)·‖P·Post‖·‖Pre‖  in any induced norm. Below 1, P·J(D) is
// nonsingular for every D, so F(x) − F(y) = J(D)(x − y) ≠ 0 for x ≠ y: F is injective on the box.
// C = 0 with P = A⁻¹ is the Lipschitz test of a residual map x + g(x) (A = I: Lip(g) < 1, g's norm counted only over
// the neurons not stably off); C = ½ with P = J(½I)⁻¹ is the interval-contraction test with P pushed inside the
// absolute values. Both are tried in the ∞-norm (with |P·Post|·|Pre| entrywise, tighter than the norm product) and
// the 2-norm (spectral norms bounded soundly from above); O(n²·k) work and no 2^k.
import type { Network } from '../ir/network';
import { leftInverse, matMul, symmetricPartPositiveDefinite, transpose } from './linalg';

/** Margin over float64 rounding (the matrices are O(1) after preconditioning; their sums have ≤ 10⁴ terms). */
const MARGIN = 1e-8;

/** The one layer holding every unstable neuron, or -1 when there are none or they span several layers. */
export function soleUnstableLayer(ph: readonly Int8Array[]): number {
  let layer = -1;
  for (let j = 0; j < ph.length; j++) {
    if (!ph[j].some((v) => v < 0)) continue;
    if (layer >= 0) return -1;
    layer = j;
  }
  return layer;
}

/** Slope of neuron i of layer k under the phases (unstable ones are not asked for). */
function slope(ph: readonly Int8Array[], k: number, i: number): number {
  return ph[k][i] === 0 ? 0 : 1;
}

/** The rows `rows` of the Jacobian of z_j (layer j's pre-activation) with respect to the input; stable slopes before j. */
function preRows(net: Network, ph: readonly Int8Array[], j: number, rows: readonly number[]): Float64Array {
  const n = net.inputSize;
  let x: Float64Array = Float64Array.from(net.layers[0].weights);
  let width = net.layers[0].outSize;
  for (let k = 0; k < j; k++) {
    for (let i = 0; i < width; i++) { const s = slope(ph, k, i); if (s !== 1) for (let c = 0; c < n; c++) x[i * n + c] *= s; }
    const next = net.layers[k + 1];
    x = matMul(next.weights, x, next.outSize, width, n);
    width = next.outSize;
  }
  const out = new Float64Array(rows.length * n);
  rows.forEach((r, q) => out.set(x.subarray(r * n, (r + 1) * n), q * n));
  return out;
}

/** The columns `cols` of the Jacobian of the output with respect to h_j (layer j's post-activation); stable slopes after j. */
function postColumns(net: Network, ph: readonly Int8Array[], j: number, cols: readonly number[]): Float64Array {
  const k = cols.length;
  const first = net.layers[j + 1];
  let x: Float64Array = new Float64Array(first.outSize * k);
  for (let r = 0; r < first.outSize; r++) cols.forEach((c, q) => { x[r * k + q] = first.weights[r * first.inSize + c]; });
  let width = first.outSize;
  for (let l = j + 1; l + 1 < net.layers.length; l++) {
    for (let i = 0; i < width; i++) { const s = slope(ph, l, i); if (s !== 1) for (let q = 0; q < k; q++) x[i * k + q] *= s; }
    const next = net.layers[l + 1];
    x = matMul(next.weights, x, next.outSize, width, k);
    width = next.outSize;
  }
  return x;
}

/** ‖I − B‖∞ and ‖I − B‖_F (the Frobenius norm bounds the spectral one) of a square n×n matrix. */
function identityGaps(b: Float64Array, n: number): { inf: number; two: number } {
  let inf = 0, fro = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let c = 0; c < n; c++) { const d = (i === c ? 1 : 0) - b[i * n + c]; row += Math.abs(d); fro += d * d; }
    inf = Math.max(inf, row);
  }
  return { inf, two: Math.sqrt(fro) };
}

/** ‖ |A|·|B| ‖∞ for A r×k, B k×c: bounds ‖A·E·B‖∞ for every diagonal E with |E| ≤ I. */
function absProductInfNorm(a: Float64Array, b: Float64Array, r: number, k: number, c: number): number {
  const p = matMul(a.map(Math.abs), b.map(Math.abs), r, k, c);
  let worst = 0;
  for (let i = 0; i < r; i++) { let s = 0; for (let q = 0; q < c; q++) s += p[i * c + q]; worst = Math.max(worst, s); }
  return worst;
}

/**
 * A sound upper bound of the spectral norm of the r×c matrix B: a power-iteration estimate s, accepted only when
 * s²·I − BᵀB (the smaller Gram matrix) is proved positive definite by a Cholesky factorisation with a margin far above
 * its rounding error; otherwise the Frobenius norm, which is always an upper bound.
 */
export function spectralNormUpperBound(b: Float64Array, r: number, c: number): number {
  const [m, d] = r <= c ? [b, c] : [transpose(b, r, c), r];
  const size = Math.min(r, c);
  const gram = matMul(m, transpose(m, size, d), size, d, size); // m·mᵀ, size × size
  let fro = 0;
  for (let i = 0; i < size; i++) fro += gram[i * size + i];
  if (!(fro > 0)) return 0;
  let v = new Float64Array(size).fill(1 / Math.sqrt(size));
  let lambda = 0;
  for (let it = 0; it < 60; it++) {
    const w = matMul(gram, v, size, size, 1);
    const norm = Math.hypot(...w);
    if (!(norm > 0)) break;
    lambda = norm;
    v = w.map((x) => x / norm);
  }
  for (const grow of [1e-6, 1e-3, 3e-2]) {
    const s2 = lambda * (1 + grow);
    const shifted = gram.map((g) => -g);
    for (let i = 0; i < size; i++) shifted[i * size + i] += s2;
    // Rounding in the Gram entries and the factorisation stays far below 1e-10 of the trace (≥ every eigenvalue).
    if (s2 < fro && symmetricPartPositiveDefinite(shifted, size, 1e-10 * fro)) return Math.sqrt(s2);
  }
  return Math.sqrt(fro);
}

export interface FactoredOutcome {
  readonly certified: boolean;
  /** The smallest bound on ‖I − P·J‖ found over the enclosure (< 1 proves injectivity), for messages and tests. */
  readonly contraction: number;
}

/**
 * The factored test above for phases `ph` whose unstable neurons all sit in one layer (soleUnstableLayer ≥ 0).
 * Square or tall maps without an output ReLU (the caller checks).
 */
export function factoredCertificate(net: Network, ph: readonly Int8Array[]): FactoredOutcome {
  const j = soleUnstableLayer(ph);
  const n = net.inputSize, m = net.outputSize;
  if (j < 0 || j === net.layers.length - 1) return { certified: false, contraction: Infinity };
  const unstable: number[] = [];
  ph[j].forEach((v, i) => { if (v < 0) unstable.push(i); });
  const k = unstable.length;
  const pre = preRows(net, ph, j, unstable); // k × n
  const post = postColumns(net, ph, j, unstable); // m × k
  const preTwo = spectralNormUpperBound(pre, k, n);
  const active: number[] = [];
  ph[j].forEach((v, i) => { if (v === 1) active.push(i); });
  const a = active.length > 0 ? matMul(postColumns(net, ph, j, active), preRows(net, ph, j, active), m, active.length, n) : new Float64Array(m * n);
  const postPre = matMul(post, pre, m, k, n);
  let best = Infinity;
  for (const centre of [0.5, 0]) {
    const jc = a.map((v, e) => v + centre * postPre[e]);
    const p = leftInverse(jc, m, n);
    if (!p) continue;
    const gap = identityGaps(matMul(p, jc, n, m, n), n);
    const pPost = matMul(p, post, n, m, k);
    const reach = Math.max(centre, 1 - centre);
    const inf = gap.inf + reach * absProductInfNorm(pPost, pre, n, k, n);
    const two = gap.two + reach * spectralNormUpperBound(pPost, n, k) * preTwo;
    best = Math.min(best, inf, two);
  }
  return { certified: best < 1 - MARGIN, contraction: best };
}
