// Per-neuron difference bounds of two networks of the same architecture (a pruned or fine-tuned copy), after
// NeuroDiff's Δ-neurons: bounds on δz = z₁ − z₂ for every neuron, propagated layer by layer with the weight
// difference, instead of subtracting the two networks' own bounds. When the weights are close, δz stays small
// however wide the neurons' own ranges are, which is what keeps the discrepancy bound tight for a 5% pruned copy:
//   δz₀ = (W₁ − W₂) x + (b₁ − b₂)                       exact over the box (affine in x);
//   δz_k = W₂ δh + (W₁ − W₂) h₁ + Δb = W₁ δh + (W₁ − W₂) h₂ + Δb   (both, intersected);
//   δh = relu(z₁) − relu(z₂): between 0 and δz (ReLU is monotone and 1-Lipschitz), and within h₁'s range minus h₂'s.
// Those interval bounds are then used the way CROWN uses a neuron's bounds: differenceUpperLinearBound
// back-substitutes an objective on f₁ − f₂ through the Δ-neurons (each relaxed linearly in its δz) and f₁'s
// neurons (f₁'s CROWN relaxation) down to the input, NeuroDiff's symbolic difference intervals.
import type { DenseLayer, Network } from '../ir/network';
import type { LinearInputBound, Relaxation } from './crown';
import { addBiasTerms, mulRight, relaxationOf, relaxTowards } from './crown';
import { activated, affineInterval, widenedBy } from './interval';
import type { Box, LayerBounds, NetworkBounds } from './types';

/**
 * Same layer sizes and ReLU placement: the neurons of the two networks correspond one to one. Layers with
 * pass-through neurons (a lowered skip connection) are left to the joint bound: the Δ-relaxations below treat every
 * neuron of a ReLU layer as a ReLU.
 */
export function sameArchitecture(f1: Network, f2: Network): boolean {
  return f1.inputSize === f2.inputSize && f1.layers.length === f2.layers.length
    && f1.layers.every((l, k) => l.outSize === f2.layers[k].outSize && l.relu === f2.layers[k].relu
      && !hasLinearNeuronsInReluLayer(l) && !hasLinearNeuronsInReluLayer(f2.layers[k]));
}

function hasLinearNeuronsInReluLayer(l: DenseLayer): boolean {
  return l.relu && l.passThrough !== undefined;
}

export interface NeuronDifferenceBounds {
  /** Bounds on δz = z₁ − z₂ of every layer's pre-activations. */
  readonly layers: readonly LayerBounds[];
  /** Bounds on f₁(x) − f₂(x) (after the last ReLU, if the networks end with one). */
  readonly output: LayerBounds;
}

/**
 * Per-neuron difference bounds for x in `box`, given each network's pre-activation bounds there (b1, b2), widened
 * by the slack policy. The networks must share their architecture (sameArchitecture).
 */
export function neuronDifferenceBounds(f1: Network, f2: Network, box: Box, b1: NetworkBounds, b2: NetworkBounds): NeuronDifferenceBounds {
  const out: LayerBounds[] = [];
  let dLo: ArrayLike<number> = box.lower.map(() => 0), dHi: ArrayLike<number> = dLo; // δx = 0: the same input
  f1.layers.forEach((l1, k) => {
    const l2 = f2.layers[k];
    const dW = l1.weights.map((w, i) => w - l2.weights[i]);
    const dB = l1.bias.map((b, i) => b - l2.bias[i]);
    const h1Lo = k === 0 ? box.lower : activated(b1[k - 1].lower, f1.layers[k - 1]);
    const h1Hi = k === 0 ? box.upper : activated(b1[k - 1].upper, f1.layers[k - 1]);
    const viaF1 = affineInterval(dW, dB, l1.inSize, l1.outSize, h1Lo, h1Hi);
    if (k > 0) {
      const h2Lo = activated(b2[k - 1].lower, f2.layers[k - 1]);
      const h2Hi = activated(b2[k - 1].upper, f2.layers[k - 1]);
      const viaF2 = affineInterval(dW, dB, l1.inSize, l1.outSize, h2Lo, h2Hi);
      // Σ W₂ δh added to the h₁ form, Σ W₁ δh to the h₂ form; the tighter end of each is kept.
      addProductInterval(viaF1, l2.weights, l1.inSize, dLo, dHi);
      addProductInterval(viaF2, l1.weights, l1.inSize, dLo, dHi);
      for (let i = 0; i < l1.outSize; i++) {
        viaF1.lower[i] = Math.max(viaF1.lower[i], viaF2.lower[i]);
        viaF1.upper[i] = Math.min(viaF1.upper[i], viaF2.upper[i]);
      }
    }
    out.push(viaF1);
    [dLo, dHi] = l1.relu ? reluDifference(viaF1, b1[k], b2[k]) : [viaF1.lower, viaF1.upper];
  });
  return { layers: out, output: { lower: Float64Array.from(dLo), upper: Float64Array.from(dHi) } };
}

/** Adds the interval of W·δ (δ in [lo, hi]) to `acc`, widened by the slack policy (the addition rounds too). */
function addProductInterval(acc: LayerBounds, w: Float64Array, inSize: number, lo: ArrayLike<number>, hi: ArrayLike<number>): void {
  const outSize = acc.lower.length;
  const product = affineInterval(w, new Float64Array(outSize), inSize, outSize, lo, hi);
  for (let i = 0; i < outSize; i++) {
    const slack = widenedBy(Math.abs(acc.lower[i]) + Math.abs(acc.upper[i]) + Math.abs(product.lower[i]) + Math.abs(product.upper[i]));
    acc.lower[i] += product.lower[i] - slack;
    acc.upper[i] += product.upper[i] + slack;
  }
}

/** Bounds on δh = relu(z₁) − relu(z₂) from δz's and each z's bounds. */
function reluDifference(d: LayerBounds, z1: LayerBounds, z2: LayerBounds): [Float64Array, Float64Array] {
  const n = d.lower.length;
  const lo = new Float64Array(n), hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h1Lo = Math.max(z1.lower[i], 0), h1Hi = Math.max(z1.upper[i], 0);
    const h2Lo = Math.max(z2.lower[i], 0), h2Hi = Math.max(z2.upper[i], 0);
    const slack = widenedBy(h1Hi + h2Hi);
    lo[i] = Math.max(Math.min(d.lower[i], 0), h1Lo - h2Hi - slack);
    hi[i] = Math.min(Math.max(d.upper[i], 0), h1Hi - h2Lo + slack);
    // Both stably active: δh = δz exactly.
    if (z1.lower[i] >= 0 && z2.lower[i] >= 0) { lo[i] = Math.max(lo[i], d.lower[i]); hi[i] = Math.min(hi[i], d.upper[i]); }
  }
  return [lo, hi];
}

/**
 * Linear upper bounds, in the input, of C·(f₁(x) − f₂(x)) for x in the box that b1, b2 and `delta` hold on (C the
 * `rows` × outputSize matrix `objective`). The state is a coefficient row on the Δ-neurons and one on f₁'s neurons:
 * δz_j = W₂ δh + (W₁ − W₂) h₁ + Δb and z₁ = W₁ h₁ + b₁ move both one layer down; at the input δx = 0.
 */
export function differenceUpperLinearBound(f1: Network, f2: Network, b1: NetworkBounds, b2: NetworkBounds,
  delta: NeuronDifferenceBounds, objective: Float64Array, rows: number): LinearInputBound {
  let onDelta: Float64Array = Float64Array.from(objective);
  let onF1: Float64Array = new Float64Array(objective.length);
  const constant = new Float64Array(rows), magnitude = new Float64Array(rows);
  let cols = f1.outputSize;
  for (let j = f1.layers.length - 1; j >= 0; j--) {
    const l1 = f1.layers[j], l2 = f2.layers[j];
    relaxTowards(onDelta, constant, magnitude, deltaRelaxation(delta.layers[j], b1[j], b2[j], l1.relu), rows, cols, 'upper');
    relaxTowards(onF1, constant, magnitude, relaxationOf(b1[j], l1), rows, cols, 'upper');
    const dW = l1.weights.map((w, i) => w - l2.weights[i]);
    addBiasTerms(onDelta, constant, magnitude, l1.bias.map((b, i) => b - l2.bias[i]), rows, cols);
    addBiasTerms(onF1, constant, magnitude, l1.bias, rows, cols);
    const nextF1 = mulRight(onF1, l1.weights, rows, cols, l1.inSize);
    const fromDelta = mulRight(onDelta, dW, rows, cols, l1.inSize);
    for (let i = 0; i < nextF1.length; i++) nextF1[i] += fromDelta[i];
    onDelta = j > 0 ? mulRight(onDelta, l2.weights, rows, cols, l1.inSize) : onDelta;
    onF1 = nextF1;
    cols = l1.inSize;
  }
  return { coef: onF1, constant, magnitude };
}

/**
 * δh in its δz ∈ [a, b]: between 0 and δz, so below the chord of max(δz, 0) and above that of min(δz, 0); exact
 * (δh = δz, or 0) when both networks' neuron is stably active (inactive). An affine layer passes δz on.
 */
function deltaRelaxation(d: LayerBounds, z1: LayerBounds, z2: LayerBounds, relu: boolean): Relaxation {
  const n = d.lower.length;
  const lowSlope = new Float64Array(n), upSlope = new Float64Array(n);
  const lowIntercept = new Float64Array(n), upIntercept = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = d.lower[i], b = d.upper[i];
    if (!relu || (z1.lower[i] >= 0 && z2.lower[i] >= 0)) { lowSlope[i] = 1; upSlope[i] = 1; continue; }
    if (z1.upper[i] <= 0 && z2.upper[i] <= 0) continue;
    if (a >= 0) upSlope[i] = 1;
    else if (b <= 0) lowSlope[i] = 1;
    else {
      upSlope[i] = b / (b - a); upIntercept[i] = -a * upSlope[i];
      lowSlope[i] = -a / (b - a); lowIntercept[i] = -b * lowSlope[i];
    }
  }
  return { lowSlope, upSlope, upIntercept, lowIntercept };
}
