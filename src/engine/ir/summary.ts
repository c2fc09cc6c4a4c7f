// A compact description of a network, for `invcert inspect --json` and hovers.
import type { Network, TensorInfo } from './network';
import { reluCount } from './network';

export interface LayerSummary {
  readonly width: number;
  readonly relu: boolean;
}

export interface NetworkSummary {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly layers: readonly LayerSummary[];
  readonly reluCount: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Weights plus biases over all layers. */
  readonly parameterCount: number;
}

export function summarizeNetwork(net: Network): NetworkSummary {
  return {
    inputs: net.inputs.map((i) => ({ name: i.name, shape: [...i.shape] })),
    outputs: net.outputs.map((o) => ({ name: o.name, shape: [...o.shape] })),
    layers: net.layers.map((l) => ({ width: l.outSize, relu: l.relu })),
    reluCount: reluCount(net),
    inputSize: net.inputSize,
    outputSize: net.outputSize,
    parameterCount: net.layers.reduce((s, l) => s + l.weights.length + l.bias.length, 0),
  };
}

/** One line, e.g. "3 → 64 (ReLU) → 64 (ReLU) → 2; 128 ReLUs, 4546 parameters". */
export function describeNetwork(net: Network): string {
  const s = summarizeNetwork(net);
  const chain = [String(s.inputSize), ...s.layers.map((l) => (l.relu ? `${l.width} (ReLU)` : String(l.width)))].join(' → ');
  return `${chain}; ${s.reluCount} ReLUs, ${s.parameterCount} parameters`;
}
