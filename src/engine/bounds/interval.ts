// Interval arithmetic through the chain. Exact for the first layer (an affine map of a box).
import type { Network } from '../ir/network';
import type { Box, LayerBounds, NetworkBounds, NeuronStatusCounts } from './types';

/** Propagates [lower, upper] of the layer input through z = W h + b. */
export function affineInterval(
  weights: Float64Array, bias: Float64Array, inSize: number, outSize: number,
  lo: ArrayLike<number>, hi: ArrayLike<number>,
): LayerBounds {
  const lower = new Float64Array(outSize);
  const upper = new Float64Array(outSize);
  for (let i = 0; i < outSize; i++) {
    let l = bias[i];
    let u = bias[i];
    const row = i * inSize;
    for (let j = 0; j < inSize; j++) {
      const w = weights[row + j];
      if (w >= 0) { l += w * lo[j]; u += w * hi[j]; } else { l += w * hi[j]; u += w * lo[j]; }
    }
    lower[i] = l;
    upper[i] = u;
  }
  return { lower, upper };
}

/** Interval bounds of every layer; `override` replaces a layer's bounds (e.g. from OBBT) before propagating on. */
export function intervalBounds(net: Network, box: Box, override?: (layer: number, b: LayerBounds) => LayerBounds): NetworkBounds {
  const out: LayerBounds[] = [];
  let lo: ArrayLike<number> = box.lower;
  let hi: ArrayLike<number> = box.upper;
  net.layers.forEach((layer, k) => {
    let b = affineInterval(layer.weights, layer.bias, layer.inSize, layer.outSize, lo, hi);
    if (override) b = override(k, b);
    out.push(b);
    lo = layer.relu ? b.lower.map((v) => Math.max(v, 0)) : b.lower;
    hi = layer.relu ? b.upper.map((v) => Math.max(v, 0)) : b.upper;
  });
  return out;
}

/** Stably active (l ≥ 0), stably inactive (u ≤ 0) and unstable neurons of each ReLU layer. */
export function neuronStatus(net: Network, bounds: NetworkBounds): NeuronStatusCounts[] {
  return net.layers.map((layer, k) => {
    if (!layer.relu) return { active: 0, inactive: 0, unstable: 0 };
    let active = 0, inactive = 0, unstable = 0;
    const { lower, upper } = bounds[k];
    for (let i = 0; i < layer.outSize; i++) {
      if (lower[i] >= 0) active++;
      else if (upper[i] <= 0) inactive++;
      else unstable++;
    }
    return { active, inactive, unstable };
  });
}
