// Normalises a decoded ONNX graph into the IR chain: walks the needed nodes in dependency order,
// keeps every value affine in h (the current layer input), and closes a DenseLayer at each ReLU.
// A skip connection or a parallel branch is a value that is still needed after a ReLU closes the layer: it is
// carried across the ReLU as pass-through neurons of that layer (ir/network.ts), so the chain stays exact.
import { InvalidModel, ModelTooLarge, NonFiniteWeight, ShapeMismatch, UnsupportedOperator } from '../errors';
import type { ErrorLocation } from '../errors';
import type { DenseLayer, Network, TensorInfo } from '../ir/network';
import { declaredInputs, liveNodesInOrder } from './graph';
import { MAX_RELUS, MAX_WEIGHTS } from './limits';
import { NodeContext } from './nodeContext';
import { applyNode } from './ops';
import { int64ToNumber } from './schema';
import type { DimensionMsg, GraphMsg, ModelMsg, TensorMsg } from './schema';
import { numel } from './shapes';
import { decodeTensor } from './tensors';
import { constAsSym, constValue, denseCoefficients, firstNonFinite, identitySym, isIdentityOfH } from './values';
import type { SymValue, Value } from './values';

interface Chain {
  gen: number;
  hSize: number;
  layers: DenseLayer[];
  weightCount: number;
  reluCount: number;
  /** 1 where h[j] is the output of a ReLU (so it is non-negative), 0 where it is carried linearly. */
  nonNegative: Uint8Array;
  lastReluNode?: string;
}

export function normalizeModel(model: ModelMsg, file: string): Network {
  const graph = model.graph;
  if (!graph) throw new InvalidModel('the model has no graph', { file });
  if (graph.output.length === 0) throw new InvalidModel('the graph declares no outputs', { file });
  const inputs = declaredInputs(graph, file);
  const inputSize = inputs.reduce((s, i) => s + numel(i.shape), 0);
  if (inputSize === 0) throw new InvalidModel('the graph has no (non-initializer) inputs', { file });

  const values = new Map<string, Value>();
  let start = 0;
  for (const input of inputs) {
    values.set(input.name, identitySym(input.shape, 0, inputSize, start));
    start += numel(input.shape);
  }
  const initializers = new Map<string, TensorMsg>(graph.initializer.map((t) => [t.name, t]));
  const chain: Chain = { gen: 0, hSize: inputSize, layers: [], weightCount: 0, reluCount: 0, nonNegative: new Uint8Array(inputSize) };

  const lookup = (name: string, ctx: NodeContext | undefined): Value => {
    const known = values.get(name);
    if (known) return known;
    const init = initializers.get(name);
    if (init) {
      const v = decodeTensor(init, ctx?.location ?? { file });
      values.set(name, v);
      return v;
    }
    throw new InvalidModel(`tensor '${name}' is not a graph input, an initializer or the output of an earlier node`, ctx?.location ?? { file });
  };

  const order = liveNodesInOrder(graph, file);
  const lastUse = lastUses(graph, order);
  /** The values of the current generation that a node after `position` still reads: they cross the next ReLU. */
  const stillNeeded = (position: number): Array<[string, SymValue]> =>
    [...values].filter((e): e is [string, SymValue] => e[1].kind === 'sym' && e[1].gen === chain.gen && (lastUse.get(e[0]) ?? -1) > position);

  let lastLocation: ErrorLocation = { file };
  for (const [position, k] of order.entries()) {
    const ctx = new NodeContext(graph.node[k], k, file);
    lastLocation = ctx.location;
    const args = ctx.node.input.map((name) => (name === '' ? undefined : lookup(name, ctx)));
    checkInputs(ctx, args, chain);
    const outs = applyNode(ctx, args, (c, v) => reluBoundary(c, v, chain, stillNeeded(position), values));
    outs.forEach((v, i) => {
      const name = ctx.node.output[i];
      if (name === undefined || name === '') return;
      checkFinite(v, ctx.location, `the output '${name}'`);
      values.set(name, v);
    });
  }

  const outputs: TensorInfo[] = [];
  const parts: SymValue[] = [];
  for (const o of graph.output) {
    const v = lookup(o.name, undefined);
    if (v.kind === 'sym' && v.gen < chain.gen) throw nonChain(lastLocation, o.name, chain);
    parts.push(v.kind === 'sym' ? v : constAsSym(v, chain.gen, chain.hSize));
    checkDeclaredOutput(o.name, o.type?.tensor_type?.shape?.dim, v.shape, file);
    outputs.push({ name: o.name, shape: [...v.shape] });
  }
  const result = parts.length === 1 ? parts[0] : stackOutputs(parts);
  if (!(chain.layers.length > 0 && isIdentityOfH(result))) emitLayer(chain, result, false, lastLocation);
  const layers = chain.layers;
  return {
    layers,
    inputSize,
    outputSize: layers[layers.length - 1].outSize,
    inputs: inputs.map((i) => ({ name: i.name, shape: i.shape })),
    outputs,
    source: file,
  };
}

function nonChain(location: ErrorLocation, tensor: string, chain: Chain): UnsupportedOperator {
  return new UnsupportedOperator(
    `the graph is not a chain: '${tensor}' was computed before the ReLU '${chain.lastReluNode ?? '?'}' and is used after it ` +
      '(skip connections and parallel branches cannot be encoded)',
    location,
  );
}

function checkInputs(ctx: NodeContext, args: readonly (Value | undefined)[], chain: Chain): void {
  args.forEach((v, i) => {
    if (!v) return;
    // Shape only reads the (static) shape, so it may look at values from before a ReLU.
    if (v.kind === 'sym' && v.gen < chain.gen && ctx.opType !== 'Shape') throw nonChain(ctx.location, ctx.node.input[i], chain);
    if (v.kind === 'const' && !v.isInt) {
      const bad = firstNonFinite(v.data);
      if (bad >= 0) {
        throw new NonFiniteWeight(`tensor '${ctx.node.input[i] || v.name || '?'}' holds ${v.data[bad]} at element ${bad}`, ctx.location);
      }
    }
  });
}

function checkFinite(v: Value, location: ErrorLocation, what: string): void {
  const arrays = v.kind === 'const' ? [v.data] : v.form === 'dense' ? [v.offset, v.a] : [v.offset, v.scale];
  for (const a of arrays) {
    const bad = firstNonFinite(a);
    if (bad >= 0) throw new NonFiniteWeight(`${what} has a non-finite coefficient (${a[bad]}) after folding the weights`, location);
  }
}

/** Position (in `order`) of the last node reading each tensor; graph outputs are read after every node. */
function lastUses(graph: GraphMsg, order: readonly number[]): Map<string, number> {
  const last = new Map<string, number>();
  order.forEach((k, position) => {
    const node = graph.node[k];
    // Shape reads only the static shape, never the values, so it does not keep a tensor alive across a ReLU.
    if (node.op_type === 'Shape') return;
    for (const name of node.input) if (name !== '') last.set(name, position);
  });
  for (const o of graph.output) last.set(o.name, Infinity);
  return last;
}

/**
 * Relu: closes the current affine map as a layer with a ReLU; the new h is its output, followed by every value of
 * this generation that a later node still reads (`carried`), as pass-through neurons. Those values are rebound in
 * `values` to their slice of the new h, so a skip edge x → Add(x, g(x)) reads x exactly, through no ReLU.
 */
function reluBoundary(ctx: NodeContext, v: Value, chain: Chain, carried: ReadonlyArray<[string, SymValue]>, values: Map<string, Value>): Value {
  if (v.kind === 'const') return constValue(v.shape, v.data.map((x) => (x > 0 ? x : 0)), v.isInt);
  if (isNonNegativeSelection(v, chain.nonNegative)) return v; // ReLU of a non-negative copy of h is a no-op.
  // One slice per distinct value (Identity and Dropout hand on the same object under two names).
  const distinct = [...new Set(carried.map(([, c]) => c))];
  const starts = emitLayer(chain, v, true, ctx.location, distinct);
  for (const [name, c] of carried) values.set(name, identitySym(c.shape, chain.gen, chain.hSize, starts.get(c)));
  chain.lastReluNode = ctx.node.name || ctx.node.output[0];
  return identitySym(v.shape, chain.gen, chain.hSize);
}

function isNonNegativeSelection(v: SymValue, nonNegative: Uint8Array): boolean {
  if (v.form !== 'select') return false;
  for (let e = 0; e < v.idx.length; e++) {
    if (v.idx[e] < 0 || nonNegative[v.idx[e]] !== 1 || v.scale[e] < 0 || v.offset[e] !== 0) return false;
  }
  return true;
}

/**
 * Appends the layer v (followed by a ReLU when `relu`), then the `carried` values as its pass-through neurons.
 * Returns where each carried value starts in the layer's output.
 */
function emitLayer(chain: Chain, v: SymValue, relu: boolean, location: ErrorLocation, carried: readonly SymValue[] = []): Map<SymValue, number> {
  const reluSize = numel(v.shape);
  const starts = new Map<SymValue, number>();
  let outSize = reluSize;
  for (const c of carried) { starts.set(c, outSize); outSize += numel(c.shape); }
  const weights = outSize * chain.hSize;
  if (chain.weightCount + weights > MAX_WEIGHTS) {
    throw new ModelTooLarge(`the network has more than ${MAX_WEIGHTS} weights`, location);
  }
  if (relu && chain.reluCount + reluSize > MAX_RELUS) {
    throw new ModelTooLarge(`the network has more than ${MAX_RELUS} ReLUs (each becomes a binary variable)`, location);
  }
  if (reluSize === 0) throw new ShapeMismatch('a layer has no outputs', location);
  const rows = [v, ...carried];
  const w = new Float64Array(weights);
  const bias = new Float64Array(outSize);
  let at = 0;
  for (const r of rows) {
    w.set(denseCoefficients(r, location), at * chain.hSize);
    bias.set(r.offset, at);
    at += r.offset.length;
  }
  const passThrough = carried.length > 0 ? new Uint8Array(outSize).fill(1, reluSize) : undefined;
  chain.layers.push({ inSize: chain.hSize, outSize, weights: w, bias, relu, ...(passThrough ? { passThrough } : {}) });
  chain.weightCount += weights;
  if (relu) chain.reluCount += reluSize;
  chain.gen++;
  chain.hSize = outSize;
  chain.nonNegative = new Uint8Array(outSize).fill(relu ? 1 : 0, 0, reluSize);
  return starts;
}

function stackOutputs(parts: readonly SymValue[]): SymValue {
  const hSize = parts[0].hSize;
  const n = parts.reduce((s, p) => s + p.offset.length, 0);
  const a = new Float64Array(n * hSize);
  const offset = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    a.set(denseCoefficients(p, {}), at * hSize);
    offset.set(p.offset, at);
    at += p.offset.length;
  }
  return { kind: 'sym', form: 'dense', shape: [n], gen: parts[0].gen, hSize, a, offset };
}

function checkDeclaredOutput(name: string, dims: readonly DimensionMsg[] | undefined, actual: readonly number[], file: string): void {
  if (!dims || dims.length === 0) return;
  let declared = 1;
  for (const [k, d] of dims.entries()) {
    if (d.value !== 'dim_value') {
      if (k === 0) continue; // symbolic batch
      return; // other symbolic dims: nothing to compare
    }
    const v = d.dim_value != null ? int64ToNumber(d.dim_value) : 0;
    declared *= k === 0 && v <= 0 ? 1 : v;
  }
  if (declared !== numel(actual)) {
    throw new ShapeMismatch(`graph output '${name}' is declared with ${declared} elements but the graph computes [${actual.join(', ')}]`, { file });
  }
}
