// CROWN-style symbolic bounds: each layer's pre-activation bounded by linear functions of the input,
// obtained by back-substituting through earlier layers with a linear relaxation of every ReLU:
//   upper: the chord h ≤ u(z − l)/(u − l);  lower: h ≥ z or h ≥ 0, whichever leaves the smaller area.
// Concretised over the box and intersected with interval bounds, so never looser than interval arithmetic.
// Called per cell thousands of times by input splitting: scratch buffers are reused per network.
import type { Network } from '../ir/network';
import type { Box, LayerBounds, NetworkBounds } from './types';

interface Workspace {
  /** Coefficients on the current layer's output (rows × width), for the upper and the lower bound. */
  upA: Float64Array; loA: Float64Array;
  /** The same after stepping through one affine map. */
  upB: Float64Array; loB: Float64Array;
  upConst: Float64Array; loConst: Float64Array;
  /** Per layer, per neuron: upper slope and intercept, lower slope of the ReLU relaxation. */
  slopeUp: Float64Array[]; interceptUp: Float64Array[]; slopeLo: Float64Array[];
}

const workspaces = new WeakMap<Network, Workspace>();

function workspaceFor(net: Network): Workspace {
  let ws = workspaces.get(net);
  if (ws) return ws;
  const width = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
  const rows = Math.max(...net.layers.map((l) => l.outSize));
  const mat = (): Float64Array => new Float64Array(rows * width);
  ws = {
    upA: mat(), loA: mat(), upB: mat(), loB: mat(),
    upConst: new Float64Array(rows), loConst: new Float64Array(rows),
    slopeUp: net.layers.map((l) => new Float64Array(l.outSize)),
    interceptUp: net.layers.map((l) => new Float64Array(l.outSize)),
    slopeLo: net.layers.map((l) => new Float64Array(l.outSize)),
  };
  workspaces.set(net, ws);
  return ws;
}

/** Sets the relaxation of layer m's activation from its final pre-activation bounds. */
function relax(net: Network, m: number, b: LayerBounds, ws: Workspace): void {
  const layer = net.layers[m];
  const su = ws.slopeUp[m], cu = ws.interceptUp[m], sl = ws.slopeLo[m];
  for (let i = 0; i < layer.outSize; i++) {
    const l = b.lower[i], u = b.upper[i];
    if (!layer.relu || l >= 0) { su[i] = 1; cu[i] = 0; sl[i] = 1; }
    else if (u <= 0) { su[i] = 0; cu[i] = 0; sl[i] = 0; }
    else {
      su[i] = u / (u - l);
      cu[i] = -su[i] * l;
      sl[i] = u >= -l ? 1 : 0;
    }
  }
}

/**
 * Bounds of every layer's pre-activation over the box (layer 0 exact, later layers by back-substitution).
 * `known` (optional) holds valid bounds from elsewhere (e.g. OBBT); each layer is intersected with them
 * before its relaxation is formed, so later layers profit.
 */
export function crownBounds(net: Network, box: Box, known?: NetworkBounds): NetworkBounds {
  if (net.layers.length === 0) return [];
  const ws = workspaceFor(net);
  const out: LayerBounds[] = [];
  for (let k = 0; k < net.layers.length; k++) {
    const b = intervalStep(net, k, k === 0 ? null : out[k - 1], box);
    if (k > 0) backSubstitute(net, k, box, ws, b);
    const extra = known?.[k];
    if (extra) {
      for (let i = 0; i < b.lower.length; i++) {
        if (extra.lower[i] > b.lower[i]) b.lower[i] = extra.lower[i];
        if (extra.upper[i] < b.upper[i]) b.upper[i] = extra.upper[i];
      }
    }
    out.push(b);
    relax(net, k, b, ws);
  }
  return out;
}

/** Interval bounds of layer k from the (ReLU'd) bounds of layer k − 1, or from the box. */
function intervalStep(net: Network, k: number, prev: LayerBounds | null, box: Box): LayerBounds {
  const layer = net.layers[k];
  const { inSize, outSize, weights, bias } = layer;
  const relu = k > 0 && net.layers[k - 1].relu;
  const lower = new Float64Array(outSize);
  const upper = new Float64Array(outSize);
  const lo = prev ? prev.lower : box.lower;
  const hi = prev ? prev.upper : box.upper;
  for (let i = 0; i < outSize; i++) {
    let l = bias[i], u = bias[i];
    const row = i * inSize;
    for (let j = 0; j < inSize; j++) {
      const w = weights[row + j];
      if (w === 0) continue;
      const a = relu && lo[j] < 0 ? 0 : lo[j];
      const c = relu && hi[j] < 0 ? 0 : hi[j];
      if (w > 0) { l += w * a; u += w * c; } else { l += w * c; u += w * a; }
    }
    lower[i] = l;
    upper[i] = u;
  }
  return { lower, upper };
}

/** Tightens `b` (layer k's interval bounds) in place with the symbolic bound. */
function backSubstitute(net: Network, k: number, box: Box, ws: Workspace, b: LayerBounds): void {
  const layer = net.layers[k];
  const rows = layer.outSize;
  let upA = ws.upA, loA = ws.loA, upB = ws.upB, loB = ws.loB;
  const upC = ws.upConst, loC = ws.loConst;
  // Start: z_k = W_k h_{k-1} + b_k, coefficients on h_{k-1}.
  let width = layer.inSize;
  upA.set(layer.weights.subarray(0, rows * width));
  loA.set(layer.weights.subarray(0, rows * width));
  upC.set(layer.bias.subarray(0, rows));
  loC.set(layer.bias.subarray(0, rows));
  for (let m = k - 1; m >= 0; m--) {
    const prev = net.layers[m];
    const su = ws.slopeUp[m], cu = ws.interceptUp[m], sl = ws.slopeLo[m];
    // Replace h_m by its linear relaxation in z_m, picking the side by the coefficient's sign.
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      let uc = upC[r], lc = loC[r];
      for (let j = 0; j < width; j++) {
        const au = upA[base + j];
        if (au >= 0) { upA[base + j] = au * su[j]; uc += au * cu[j]; } else upA[base + j] = au * sl[j];
        const al = loA[base + j];
        if (al >= 0) loA[base + j] = al * sl[j]; else { loA[base + j] = al * su[j]; lc += al * cu[j]; }
      }
      upC[r] = uc;
      loC[r] = lc;
    }
    // z_m = W_m h_{m-1} + b_m: coefficients move onto h_{m-1} (or the input when m = 0).
    const inW = prev.inSize, W = prev.weights, bias = prev.bias;
    upB.fill(0, 0, rows * inW);
    loB.fill(0, 0, rows * inW);
    for (let r = 0; r < rows; r++) {
      const base = r * width, outBase = r * inW;
      let uc = upC[r], lc = loC[r];
      for (let i = 0; i < width; i++) {
        const cuI = upA[base + i], clI = loA[base + i];
        if (cuI === 0 && clI === 0) continue;
        uc += cuI * bias[i];
        lc += clI * bias[i];
        const wRow = i * inW;
        for (let j = 0; j < inW; j++) {
          const w = W[wRow + j];
          upB[outBase + j] += cuI * w;
          loB[outBase + j] += clI * w;
        }
      }
      upC[r] = uc;
      loC[r] = lc;
    }
    [upA, upB] = [upB, upA];
    [loA, loB] = [loB, loA];
    width = inW;
  }
  // Concretise over the input box and intersect.
  const xl = box.lower, xu = box.upper;
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let u = upC[r], l = loC[r];
    for (let j = 0; j < width; j++) {
      const cu = upA[base + j], cl = loA[base + j];
      u += cu >= 0 ? cu * xu[j] : cu * xl[j];
      l += cl >= 0 ? cl * xl[j] : cl * xu[j];
    }
    // Float64 rounding in long dot products: widen by a hair so sampled points never land outside.
    u += 1e-12 * (1 + Math.abs(u));
    l -= 1e-12 * (1 + Math.abs(l));
    if (u < b.upper[r]) b.upper[r] = u;
    if (l > b.lower[r]) b.lower[r] = l;
  }
  // Keep the swapped buffers as the workspace's canonical ones (they are interchangeable scratch).
  ws.upA = upA; ws.upB = upB; ws.loA = loA; ws.loB = loB;
}
