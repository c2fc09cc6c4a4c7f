// CROWN-style symbolic bounds: each layer's pre-activation bounded by linear functions of the input, obtained by
// back-substituting through earlier layers with a linear relaxation of every ReLU:
//   upper: the chord h ≤ u(z − l)/(u − l);  lower: h ≥ z or h ≥ 0, whichever leaves the smaller area.
// Concretised over the box and intersected with interval bounds, so never looser than interval arithmetic; every
// bound is widened by the slack policy of interval.ts. The one CROWN of the engine, reached through computeBounds
// (method 'crown'): input splitting calls it per cell (thousands of times), OBBT starts from it, and the fold scan's
// whole-box certificate uses it.
import { hasRelu } from '../ir/network';
import type { DenseLayer, Network } from '../ir/network';
import { activated, affineInterval, intersectInto, widenedBy } from './interval';
import type { Box, LayerBounds, NetworkBounds } from './types';

/** Linear bounds of each unit's output h in its input z: lowSlope·z (+ lowIntercept) ≤ h ≤ upSlope·z + upIntercept. */
export interface Relaxation {
  readonly lowSlope: Float64Array;
  readonly upSlope: Float64Array;
  readonly upIntercept: Float64Array;
  /** Absent for a ReLU (its lower lines pass through 0); the difference of two ReLUs needs one. */
  readonly lowIntercept?: Float64Array;
}

/**
 * Pre-activation bounds of every layer of `net` for inputs in `box`. `reference` (optional) holds valid bounds from
 * elsewhere (e.g. OBBT); each layer is intersected with them before its relaxation is formed, so later layers profit.
 */
export function crownBounds(net: Network, box: Box, reference?: NetworkBounds): NetworkBounds {
  const out: LayerBounds[] = [];
  const relax: Relaxation[] = [];
  net.layers.forEach((layer, k) => {
    const prevLo = k === 0 ? box.lower : activated(out[k - 1].lower, net.layers[k - 1]);
    const prevHi = k === 0 ? box.upper : activated(out[k - 1].upper, net.layers[k - 1]);
    const b = affineInterval(layer.weights, layer.bias, layer.inSize, layer.outSize, prevLo, prevHi);
    if (k > 0) tightenByBackSubstitution(net, k, box, relax, b);
    const extra = reference?.[k];
    if (extra) intersectInto(b, extra);
    out.push(b);
    relax.push(relaxationOf(b, layer));
  });
  return out;
}

export function relaxationOf(b: LayerBounds, layer: DenseLayer): Relaxation {
  const n = b.lower.length;
  const lowSlope = new Float64Array(n);
  const upSlope = new Float64Array(n);
  const upIntercept = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = b.lower[i], u = b.upper[i];
    if (!hasRelu(layer, i) || l >= 0) { lowSlope[i] = 1; upSlope[i] = 1; }
    else if (u <= 0) { /* stably inactive: h = 0 */ }
    else {
      upSlope[i] = u / (u - l);
      upIntercept[i] = -l * upSlope[i];
      lowSlope[i] = u > -l ? 1 : 0;
    }
  }
  return { lowSlope, upSlope, upIntercept };
}

/** W split into positive and negative parts (cached per layer): the first back-substitution step is branch-free. */
interface SignedWeights { readonly pos: Float64Array; readonly neg: Float64Array; readonly absBias: Float64Array }
const signedCache = new WeakMap<Float64Array, SignedWeights>();
function signed(w: Float64Array, bias: Float64Array): SignedWeights {
  let s = signedCache.get(w);
  if (!s) {
    s = { pos: w.map((v) => (v > 0 ? v : 0)), neg: w.map((v) => (v < 0 ? v : 0)), absBias: bias.map(Math.abs) };
    signedCache.set(w, s);
  }
  return s;
}

/** Bounds z_k by back-substituting linear relaxations down to the input; intersects into `b` in place. */
function tightenByBackSubstitution(net: Network, k: number, box: Box, relax: readonly Relaxation[],
  b: LayerBounds): void {
  const layer = net.layers[k];
  const rows = layer.outSize;
  const sw = signed(layer.weights, layer.bias);
  // First step: relax h_{k-1} with fixed-sign coefficients W⁺ / W⁻, substitute z_{k-1} = W h + b.
  const r0 = relax[k - 1];
  const prev = net.layers[k - 1];
  const mid = prev.outSize;
  const cL = Float64Array.from(layer.bias);
  const cU = Float64Array.from(layer.bias);
  const magL = Float64Array.from(sw.absBias);
  const magU = Float64Array.from(sw.absBias);
  // Per neuron i of layer k-1: lower-relaxed (slope, intercept) and upper-relaxed, with the bias folded in.
  const loS = r0.lowSlope, upS = r0.upSlope;
  const loC = new Float64Array(mid), upC = new Float64Array(mid);
  for (let i = 0; i < mid; i++) {
    loC[i] = loS[i] * prev.bias[i];
    upC[i] = upS[i] * prev.bias[i] + r0.upIntercept[i];
  }
  for (let row = 0; row < rows; row++) {
    let l = 0, u = 0, ml = 0, mu = 0;
    const base = row * mid;
    for (let i = 0; i < mid; i++) {
      const p = sw.pos[base + i], q = sw.neg[base + i];
      const tl = p * loC[i] + q * upC[i];
      const tu = p * upC[i] + q * loC[i];
      l += tl; u += tu; ml += Math.abs(tl); mu += Math.abs(tu);
    }
    cL[row] += l; cU[row] += u; magL[row] += ml; magU[row] += mu;
  }
  const lowW = scaleRows(prev.weights, loS, mid, prev.inSize);
  const upW = scaleRows(prev.weights, upS, mid, prev.inSize);
  let cols = prev.inSize;
  let lamL = addProducts(sw.pos, lowW, sw.neg, upW, rows, mid, cols);
  let lamU = addProducts(sw.pos, upW, sw.neg, lowW, rows, mid, cols);
  for (let j = k - 2; j >= 0; j--) {
    // Relax h_j in terms of z_j (coefficients stay in lamL/lamU, columns = neurons of layer j), then z_j = W_j h + b_j.
    relaxTowards(lamL, cL, magL, relax[j], rows, cols, 'lower');
    relaxTowards(lamU, cU, magU, relax[j], rows, cols, 'upper');
    const lj = net.layers[j];
    addBiasTerms(lamL, cL, magL, lj.bias, rows, cols);
    addBiasTerms(lamU, cU, magU, lj.bias, rows, cols);
    lamL = mulRight(lamL, lj.weights, rows, cols, lj.inSize);
    lamU = mulRight(lamU, lj.weights, rows, cols, lj.inSize);
    cols = lj.inSize;
  }
  for (let row = 0; row < rows; row++) {
    let l = cL[row], u = cU[row], ml = magL[row], mu = magU[row];
    for (let i = 0; i < cols; i++) {
      const a = lamL[row * cols + i], c = lamU[row * cols + i];
      const m = Math.max(Math.abs(box.lower[i]), Math.abs(box.upper[i]));
      l += a >= 0 ? a * box.lower[i] : a * box.upper[i];
      u += c >= 0 ? c * box.upper[i] : c * box.lower[i];
      ml += Math.abs(a) * m;
      mu += Math.abs(c) * m;
    }
    l -= widenedBy(ml);
    u += widenedBy(mu);
    if (l > b.lower[row]) b.lower[row] = l;
    if (u < b.upper[row]) b.upper[row] = u;
  }
}

/**
 * Replaces the coefficients `lam` (rows × cols) of post-activations h_j by coefficients of the pre-activations z_j,
 * relaxing each ReLU towards a lower or an upper bound of the row; intercepts go into `c`, their magnitudes into `mag`.
 */
export function relaxTowards(lam: Float64Array, c: Float64Array, mag: Float64Array, r: Relaxation,
  rows: number, cols: number, direction: 'lower' | 'upper'): void {
  for (let row = 0; row < rows; row++) {
    const base = row * cols;
    for (let i = 0; i < cols; i++) {
      const a = lam[base + i];
      // The chord (upSlope, upIntercept) bounds h from above: it serves a positive coefficient of an upper bound and
      // a negative one of a lower bound.
      if ((a >= 0) === (direction === 'upper')) {
        lam[base + i] = a * r.upSlope[i];
        const t = a * r.upIntercept[i];
        c[row] += t; mag[row] += Math.abs(t);
      } else {
        lam[base + i] = a * r.lowSlope[i];
        if (r.lowIntercept) { const t = a * r.lowIntercept[i]; c[row] += t; mag[row] += Math.abs(t); }
      }
    }
  }
}

/** The bias of z_j = W_j h + b_j under the coefficients `lam` (rows × cols), into `c` and `mag`. */
export function addBiasTerms(lam: Float64Array, c: Float64Array, mag: Float64Array, bias: Float64Array,
  rows: number, cols: number): void {
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < cols; i++) {
      const t = lam[row * cols + i] * bias[i];
      c[row] += t; mag[row] += Math.abs(t);
    }
  }
}

/**
 * A linear function of the input per row: Σ_j coef[row·n + j]·x_j + constant[row], with `magnitude` the sum of the
 * magnitudes of the terms folded into the constant (what the slack policy widens by when it is concretised).
 */
export interface LinearInputBound {
  readonly coef: Float64Array;
  readonly constant: Float64Array;
  readonly magnitude: Float64Array;
}

/**
 * Linear upper bounds, in the input, of C·y for every x in the box that `bounds` (crownBounds' of that box) hold on,
 * where y is the network's output (after its last ReLU, if it has one) and C the `rows` × outputSize matrix
 * `objective`: the same back-substitution through the same ReLU relaxations as crownBounds, from an arbitrary
 * objective. Not concretised: the difference bounds sum two of these (one per network) before concretising once.
 */
export function upperLinearBound(net: Network, bounds: NetworkBounds, objective: Float64Array, rows: number): LinearInputBound {
  let lam: Float64Array = Float64Array.from(objective);
  const constant = new Float64Array(rows);
  const magnitude = new Float64Array(rows);
  let cols = net.outputSize;
  for (let j = net.layers.length - 1; j >= 0; j--) {
    const lj = net.layers[j];
    relaxTowards(lam, constant, magnitude, relaxationOf(bounds[j], lj), rows, cols, 'upper');
    addBiasTerms(lam, constant, magnitude, lj.bias, rows, cols);
    lam = mulRight(lam, lj.weights, rows, cols, lj.inSize);
    cols = lj.inSize;
  }
  return { coef: lam, constant, magnitude };
}

function scaleRows(w: Float64Array, s: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = s[i] * w[i * cols + j];
  return out;
}

/** P·X + Q·Y with P, Q rows×mid and X, Y mid×cols. */
function addProducts(p: Float64Array, x: Float64Array, q: Float64Array, y: Float64Array,
  rows: number, mid: number, cols: number): Float64Array {
  const out = mulRight(p, x, rows, mid, cols);
  const second = mulRight(q, y, rows, mid, cols);
  for (let a = 0; a < out.length; a++) out[a] += second[a];
  return out;
}

/** (rows×cols) · (cols×inner) → rows×inner. */
export function mulRight(a: Float64Array, w: Float64Array, rows: number, cols: number, inner: number): Float64Array {
  const out = new Float64Array(rows * inner);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < cols; p++) {
      const v = a[r * cols + p];
      if (v === 0) continue;
      const wo = p * inner;
      const oo = r * inner;
      for (let j = 0; j < inner; j++) out[oo + j] += v * w[wo + j];
    }
  }
  return out;
}
