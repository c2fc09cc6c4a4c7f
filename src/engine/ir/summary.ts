// A compact description of a network, for `invcert inspect --json` and hovers.
import type { Network, TensorInfo } from './network';
import { carriedCount, ownWeightEntries, reluCount } from './network';

export interface LayerSummary {
  /** The layer's own neurons, as in the model (without the values carried across it for a skip connection). */
  readonly width: number;
  readonly relu: boolean;
  /** Values carried across this layer for a skip connection (pass-through neurons), when there are any. */
  readonly carried?: number;
  /** The layer's own weights plus biases (the lowered skip path is not counted). */
  readonly parameters: number;
}

export interface NetworkSummary {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly layers: readonly LayerSummary[];
  readonly reluCount: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Weights plus biases over all layers (the model's own: the lowered skip path is not counted). */
  readonly parameterCount: number;
}

export function summarizeNetwork(net: Network): NetworkSummary {
  const layers = net.layers.map((l, k): LayerSummary => {
    const carried = carriedCount(l);
    const parameters = ownWeightEntries(l, net.layers[k - 1]).length + l.outSize - carried;
    return { width: l.outSize - carried, relu: l.relu, ...(carried > 0 ? { carried } : {}), parameters };
  });
  return {
    inputs: net.inputs.map((i) => ({ name: i.name, shape: [...i.shape] })),
    outputs: net.outputs.map((o) => ({ name: o.name, shape: [...o.shape] })),
    layers,
    reluCount: reluCount(net),
    inputSize: net.inputSize,
    outputSize: net.outputSize,
    parameterCount: layers.reduce((s, l) => s + l.parameters, 0),
  };
}

/** One line, e.g. "3 → 64 (ReLU) → 64 (ReLU) → 2; 128 ReLUs, 4546 parameters" ("8 → 10 (ReLU, skip carries 8) → 8" for x + g(x)). */
export function describeNetwork(net: Network): string {
  const s = summarizeNetwork(net);
  const notes = (l: LayerSummary): string[] => [...(l.relu ? ['ReLU'] : []), ...(l.carried ? [`skip carries ${l.carried}`] : [])];
  const chain = [String(s.inputSize), ...s.layers.map((l) => (notes(l).length > 0 ? `${l.width} (${notes(l).join(', ')})` : String(l.width)))].join(' → ');
  return `${chain}; ${s.reluCount} ReLUs, ${s.parameterCount} parameters`;
}
