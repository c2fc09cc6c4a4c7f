// What the model viewer shows about one .onnx file: the network as the reader lowered it (interface, layers with
// widths, ReLUs and parameters, skip connections), the graph's operators with whether the reader supports each, and,
// for a model the reader refuses, its typed error naming the node. Neuron states over a box come from the same
// bounds `invcert inspect --box` counts (computeBounds, then neuronStatus).
import { basename } from 'node:path';
import type { NetworkBounds } from '../../engine/bounds';
import { computeBounds, neuronStatus, neuronTotals } from '../../engine/bounds';
import { InvalidDomain } from '../../engine/errors';
import type { Network } from '../../engine/ir/network';
import { layerReluCount } from '../../engine/ir/network';
import { describeNetwork, summarizeNetwork } from '../../engine/ir/summary';
import { decodeModel, SUPPORTED_OPERATORS } from '../../engine/onnx';
import type { ModelRefusal, ModelViewData, NeuronStatesData, ViewerBoundMethod, ViewerNetwork, ViewerOperator } from '../../shared/modelViewer';
import type { LoadedModel } from './modelCache';

/** The file's header and operators; an undecodable file has none (its refusal says why). */
function graphFacts(bytes: Uint8Array, path: string): Pick<ModelViewData, 'producer' | 'opset' | 'doc' | 'operators'> {
  let model;
  try {
    model = decodeModel(bytes, path);
  } catch {
    return { operators: [] };
  }
  const byType = new Map<string, { count: number; firstNode?: string }>();
  for (const node of model.graph?.node ?? []) {
    const entry = byType.get(node.op_type) ?? { count: 0, ...(node.name ? { firstNode: node.name } : {}) };
    entry.count++;
    byType.set(node.op_type, entry);
  }
  const supported = new Set<string>(SUPPORTED_OPERATORS);
  const operators: ViewerOperator[] = [...byType].map(([opType, e]) => ({ opType, count: e.count, supported: supported.has(opType), ...(e.firstNode ? { firstNode: e.firstNode } : {}) }));
  const opset = model.opset_import.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version;
  const producer = [model.producer_name, model.producer_version].filter((p) => p).join(' ');
  const doc = model.graph?.doc_string || model.doc_string;
  return { operators, ...(producer ? { producer } : {}), ...(opset !== undefined ? { opset: String(opset) } : {}), ...(doc ? { doc } : {}) };
}

/** "name[k]" per flattened input, k counting within each input tensor (a single scalar input is just its name). */
export function flatInputNames(net: Network): string[] {
  const names: string[] = [];
  for (const t of net.inputs) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    for (let k = 0; k < size; k++) names.push(size === 1 ? t.name : `${t.name}[${k}]`);
  }
  return names.length === net.inputSize ? names : Array.from({ length: net.inputSize }, (_, k) => `input[${k}]`);
}

function viewerNetwork(net: Network): ViewerNetwork {
  const s = summarizeNetwork(net);
  return {
    description: describeNetwork(net),
    inputs: s.inputs,
    outputs: s.outputs,
    inputSize: s.inputSize,
    outputSize: s.outputSize,
    inputNames: flatInputNames(net),
    layers: s.layers.map((l, index) => ({ index, width: l.width, relu: l.relu, reluCount: layerReluCount(net.layers[index]), parameters: l.parameters, ...(l.carried ? { carried: l.carried } : {}) })),
    reluCount: s.reluCount,
    parameterCount: s.parameterCount,
  };
}

/** The viewer's data for a file whose bytes were read and whose load (network or refusal) the model cache made. */
export function modelViewData(path: string, bytes: Uint8Array, load: LoadedModel): ModelViewData {
  const base = { path, fileName: basename(path), bytes: bytes.length, ...(load.hash ? { hash: load.hash } : {}), ...graphFacts(bytes, path) };
  if (load.ok) return { ...base, network: viewerNetwork(load.network) };
  const refusal: ModelRefusal = load.refusal
    ? { code: load.refusal.code, message: load.refusal.message, ...pick(load.refusal.location) }
    : { code: 'InvalidModel', message: load.message };
  return { ...base, refusal };
}

function pick(location: { nodeName?: string; opType?: string; nodeIndex?: number }): Partial<ModelRefusal> {
  return {
    ...(location.nodeName !== undefined ? { nodeName: location.nodeName } : {}),
    ...(location.opType !== undefined ? { opType: location.opType } : {}),
    ...(location.nodeIndex !== undefined ? { nodeIndex: location.nodeIndex } : {}),
  };
}

/** Stable on / stable off / unstable ReLUs of each ReLU layer over `box` (one interval per flattened input). */
export function neuronStatesOver(net: Network, box: ReadonlyArray<readonly [number, number]>, method: ViewerBoundMethod): NeuronStatesData {
  if (box.length !== net.inputSize) {
    throw new InvalidDomain(`the box has ${box.length} interval(s) but the model has ${net.inputSize} input(s)`);
  }
  const started = performance.now();
  const bounds: NetworkBounds = computeBounds(net, { lower: Float64Array.from(box, (r) => r[0]), upper: Float64Array.from(box, (r) => r[1]) }, { method });
  const perLayer = neuronStatus(net, bounds);
  const layers = perLayer.map((c, layer) => ({ layer, ...c })).filter((_, k) => layerReluCount(net.layers[k]) > 0);
  return { method, box: box.map((r) => [r[0], r[1]] as const), layers, totals: neuronTotals(perLayer), millis: performance.now() - started };
}
