// Float64 forward pass through the IR, the reference every witness is checked against.
import { activateInPlace } from './network';
import type { DenseLayer, Network } from './network';

/** z = W h + b for one layer (no activation). */
export function affine(layer: DenseLayer, h: ArrayLike<number>): Float64Array {
  const z = new Float64Array(layer.outSize);
  const { inSize, weights, bias } = layer;
  for (let i = 0; i < layer.outSize; i++) {
    let s = bias[i];
    const row = i * inSize;
    for (let j = 0; j < inSize; j++) s += weights[row + j] * h[j];
    z[i] = s;
  }
  return z;
}

/** F(x) in float64. */
export function forward(net: Network, x: ArrayLike<number>): Float64Array {
  if (x.length !== net.inputSize) {
    throw new RangeError(`forward: expected ${net.inputSize} inputs, got ${x.length}`);
  }
  let h: Float64Array = Float64Array.from(x);
  for (const layer of net.layers) {
    h = activateInPlace(layer, affine(layer, h));
  }
  return h;
}

/** Pre-activation values of every layer, for activation-pattern and Jacobian work. */
export function preActivations(net: Network, x: ArrayLike<number>): Float64Array[] {
  const out: Float64Array[] = [];
  let h: Float64Array = Float64Array.from(x);
  for (const layer of net.layers) {
    const z = affine(layer, h);
    out.push(z);
    h = activateInPlace(layer, Float64Array.from(z));
  }
  return out;
}
