// Interval arithmetic through the chain. Exact for the first layer (an affine map of a box), up to the slack below.
import { hasRelu, layerReluCount } from '../ir/network';
import type { DenseLayer, Network } from '../ir/network';
import type { Box, LayerBounds, NetworkBounds, NeuronStatusCounts } from './types';

/**
 * The one slack policy of every bound method (interval, CROWN; LP adds its solver tolerance on top): a bound computed
 * in float64 as a sum of terms is widened by SLACK_REL times the sum of the terms' magnitudes (plus 1). That is far
 * above the rounding error of the sum, so every bound holds for the exact real-valued network, which is what a
 * certificate speaks about, and sampled float64 points never land outside it.
 */
export const SLACK_REL = 1e-9;

export function widenedBy(magnitude: number): number {
  return SLACK_REL * (1 + magnitude);
}

/** Propagates [lower, upper] of the layer input through z = W h + b (widened by the slack policy). */
export function affineInterval(
  weights: Float64Array, bias: Float64Array, inSize: number, outSize: number,
  lo: ArrayLike<number>, hi: ArrayLike<number>,
): LayerBounds {
  const lower = new Float64Array(outSize);
  const upper = new Float64Array(outSize);
  for (let i = 0; i < outSize; i++) {
    let l = bias[i], u = bias[i], mag = Math.abs(bias[i]);
    const row = i * inSize;
    for (let j = 0; j < inSize; j++) {
      const w = weights[row + j];
      if (w === 0) continue;
      if (w > 0) { l += w * lo[j]; u += w * hi[j]; } else { l += w * hi[j]; u += w * lo[j]; }
      mag += Math.abs(w) * Math.max(Math.abs(lo[j]), Math.abs(hi[j]));
    }
    const slack = widenedBy(mag);
    lower[i] = l - slack;
    upper[i] = u + slack;
  }
  return { lower, upper };
}

/** Post-activation bounds from pre-activation ones (ReLU clamps at 0; an affine layer or pass-through neuron passes them on). */
export function activated(v: Float64Array, layer: DenseLayer): Float64Array {
  return layer.relu ? v.map((x, i) => (x > 0 || !hasRelu(layer, i) ? x : 0)) : v;
}

/** Narrows `b` in place to its intersection with `reference` (valid bounds from elsewhere). */
export function intersectInto(b: LayerBounds, reference: LayerBounds): void {
  for (let i = 0; i < b.lower.length; i++) {
    if (reference.lower[i] > b.lower[i]) b.lower[i] = reference.lower[i];
    if (reference.upper[i] < b.upper[i]) b.upper[i] = reference.upper[i];
  }
}

/**
 * Interval bounds of every layer. `reference` (optional) holds valid bounds from elsewhere: each layer is
 * intersected with them before propagating on. Called through computeBounds (method 'interval').
 */
export function intervalBounds(net: Network, box: Box, reference?: NetworkBounds): NetworkBounds {
  const out: LayerBounds[] = [];
  let lo: ArrayLike<number> = box.lower;
  let hi: ArrayLike<number> = box.upper;
  net.layers.forEach((layer, k) => {
    const b = affineInterval(layer.weights, layer.bias, layer.inSize, layer.outSize, lo, hi);
    const extra = reference?.[k];
    if (extra) intersectInto(b, extra);
    out.push(b);
    lo = activated(b.lower, layer);
    hi = activated(b.upper, layer);
  });
  return out;
}

/** The box enclosing F(box) implied by the last layer's bounds. */
export function outputBox(net: Network, bounds: NetworkBounds): Box {
  const last = bounds[bounds.length - 1];
  const layer = net.layers[net.layers.length - 1];
  return { lower: activated(last.lower, layer), upper: activated(last.upper, layer) };
}

/** Stably active (l ≥ 0), stably inactive (u ≤ 0) and unstable ReLUs of each layer (pass-through neurons not counted). */
export function neuronStatus(net: Network, bounds: NetworkBounds): NeuronStatusCounts[] {
  return net.layers.map((layer, k) => {
    if (layerReluCount(layer) === 0) return { active: 0, inactive: 0, unstable: 0 };
    let active = 0, inactive = 0, unstable = 0;
    const { lower, upper } = bounds[k];
    for (let i = 0; i < layer.outSize; i++) {
      if (!hasRelu(layer, i)) continue;
      if (lower[i] >= 0) active++;
      else if (upper[i] <= 0) inactive++;
      else unstable++;
    }
    return { active, inactive, unstable };
  });
}

/** The per-layer counts of neuronStatus, summed over the network (what `inspect` and the model viewer total). */
export function neuronTotals(perLayer: readonly NeuronStatusCounts[]): NeuronStatusCounts {
  return perLayer.reduce<NeuronStatusCounts>(
    (t, c) => ({ active: t.active + c.active, inactive: t.inactive + c.inactive, unstable: t.unstable + c.unstable }),
    { active: 0, inactive: 0, unstable: 0 },
  );
}
