// The network IR: a feed-forward chain of dense affine maps, each optionally followed by a ReLU.
// F(x) = A_L(... relu(A_1 x) ...). Everything downstream (bounds, MIPs, witness checks) reads only this.

export interface DenseLayer {
  readonly inSize: number;
  readonly outSize: number;
  /** Row-major outSize × inSize: z_i = Σ_j weights[i * inSize + j] · h_j + bias[i]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  /** Whether a ReLU follows this affine map. */
  readonly relu: boolean;
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
  return net.layers.reduce((n, l) => n + (l.relu ? l.outSize : 0), 0);
}

/** Widths of every layer's output, e.g. [64, 64, 2] for the Brusselator. */
export function layerWidths(net: Network): number[] {
  return net.layers.map((l) => l.outSize);
}
