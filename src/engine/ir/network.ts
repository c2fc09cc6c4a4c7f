// The network IR: a feed-forward chain of dense affine maps, each optionally followed by a ReLU.
// F(x) = A_L(... relu(A_1 x) ...). Everything downstream (bounds, MIPs, witness checks) reads only this.
// A skip connection (x + g(x)) is lowered into the chain by carrying the skipped tensor through the layers it jumps
// over as pass-through neurons: rows of a ReLU layer that the ReLU does not touch (`passThrough`). Every consumer
// asks `hasRelu(layer, i)` for one neuron, never `layer.relu` alone, so a carried value stays exactly linear.

export interface DenseLayer {
  readonly inSize: number;
  readonly outSize: number;
  /** Row-major outSize × inSize: z_i = Σ_j weights[i * inSize + j] · h_j + bias[i]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  /** Whether a ReLU follows this affine map (on every neuron except the pass-through ones). */
  readonly relu: boolean;
  /**
   * 1 for a neuron of a ReLU layer that is NOT followed by the ReLU: a value carried across the layer for a skip
   * connection (identity row, or any affine row). Absent when every neuron of the layer is a ReLU.
   */
  readonly passThrough?: Uint8Array;
}

/** Whether neuron i of the layer goes through a ReLU: the one rule every consumer reads (forward, bounds, MIPs, …). */
export function hasRelu(layer: DenseLayer, i: number): boolean {
  return layer.relu && (layer.passThrough === undefined || layer.passThrough[i] === 0);
}

/** Number of neurons of the layer that go through a ReLU. */
export function layerReluCount(layer: DenseLayer): number {
  if (!layer.relu) return 0;
  let n = layer.outSize;
  if (layer.passThrough) for (const p of layer.passThrough) n -= p;
  return n;
}

/** Whether any neuron of the layer is carried linearly (a ReLU layer with pass-through neurons, or no ReLU at all). */
export function hasLinearNeurons(layer: DenseLayer): boolean {
  return layerReluCount(layer) < layer.outSize;
}

/** Number of pass-through neurons of the layer (values carried across it for a skip connection). */
export function carriedCount(layer: DenseLayer): number {
  return layer.passThrough ? layer.passThrough.reduce((s, p) => s + p, 0) : 0;
}

/**
 * Indices into layer.weights of the model's own weights: the entries neither in a pass-through row nor reading a
 * pass-through neuron of the previous layer. The others are the lowered skip path (an identity, or the affine
 * value carried), not weights of the model: pruning leaves them alone and the parameter count skips them.
 */
export function ownWeightEntries(layer: DenseLayer, previous: DenseLayer | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < layer.outSize; i++) {
    if (layer.passThrough?.[i] === 1) continue;
    for (let j = 0; j < layer.inSize; j++) if (previous?.passThrough?.[j] !== 1) out.push(i * layer.inSize + j);
  }
  return out;
}

/** Applies the layer's activation to its pre-activation values z in place, neuron by neuron. */
export function activateInPlace(layer: DenseLayer, z: Float64Array): Float64Array {
  if (!layer.relu) return z;
  for (let i = 0; i < z.length; i++) if (z[i] < 0 && hasRelu(layer, i)) z[i] = 0;
  return z;
}

/** One graph input or output tensor as the ONNX file declares it (symbolic dims resolved to 1). */
export interface TensorInfo {
  readonly name: string;
  readonly shape: readonly number[];
}

export interface Network {
  readonly layers: readonly DenseLayer[];
  /** Length of the flattened input vector (all graph inputs, concatenated in declaration order). */
  readonly inputSize: number;
  readonly outputSize: number;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Where the network came from (file path), for error messages. */
  readonly source: string;
}

/** A network restricted to its free inputs: the fixed ones are folded into the first bias. */
export interface RestrictedNetwork {
  readonly net: Network;
  /** For each free input of `net`, its 0-based index among all inputs of the original network. */
  readonly freeIndices: readonly number[];
  /** Fixed inputs of the original network, index → value. */
  readonly fixed: ReadonlyMap<number, number>;
  readonly original: Network;
}

export function reluCount(net: Network): number {
  return net.layers.reduce((n, l) => n + layerReluCount(l), 0);
}

/** Widths of every layer's output, e.g. [64, 64, 2] for the Brusselator. */
export function layerWidths(net: Network): number[] {
  return net.layers.map((l) => l.outSize);
}
