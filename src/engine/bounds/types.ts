// Bounds on every layer's pre-activation z over an input box, and the neuron phase they imply.

export interface Box {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

export interface LayerBounds {
  /** Pre-activation bounds: lower[i] ≤ z_i ≤ upper[i] for every x in the box. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** One LayerBounds per DenseLayer of the network, in order. */
export type NetworkBounds = readonly LayerBounds[];

export interface NeuronStatusCounts {
  readonly active: number;
  readonly inactive: number;
  readonly unstable: number;
}
