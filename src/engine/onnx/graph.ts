// Graph bookkeeping before normalisation: which nodes the outputs need (in dependency order) and
// the true inputs (graph inputs that are not initializers) with their resolved shapes.
import { InvalidModel, ModelTooLarge, UnsupportedOperator } from '../errors';
import type { TensorInfo } from '../ir/network';
import { MAX_INPUT_SIZE } from './limits';
import { DataType, int64ToNumber } from './schema';
import type { GraphMsg, NodeMsg, ValueInfoMsg } from './schema';
import { dataTypeName } from './tensors';

/** Declared input of the model, with symbolic/unknown leading (batch) dimension resolved to 1. */
export interface DeclaredInput extends TensorInfo {
  /** TensorProto.DataType of the input (FLOAT or DOUBLE). */
  readonly elemType: number;
}

export function declaredInputs(graph: GraphMsg, file: string): DeclaredInput[] {
  const initializers = new Set(graph.initializer.map((t) => t.name));
  const inputs = graph.input.filter((i) => !initializers.has(i.name)).map((i) => resolveInput(i, file));
  const total = inputs.reduce((s, i) => s + i.shape.reduce((p, d) => p * d, 1), 0);
  if (total > MAX_INPUT_SIZE) {
    throw new ModelTooLarge(`the inputs have ${total} elements in all (limit ${MAX_INPUT_SIZE})`, { file });
  }
  return inputs;
}

function resolveInput(info: ValueInfoMsg, file: string): DeclaredInput {
  const tensor = info.type?.tensor_type;
  if (!tensor) throw new InvalidModel(`graph input '${info.name}' is not a tensor`, { file });
  const elemType = tensor.elem_type;
  if (elemType !== DataType.FLOAT && elemType !== DataType.DOUBLE) {
    throw new UnsupportedOperator(`graph input '${info.name}' has data type ${dataTypeName(elemType)}; only FLOAT and DOUBLE inputs are supported`, { file });
  }
  if (!tensor.shape) throw new InvalidModel(`graph input '${info.name}' declares no shape, so its size cannot be resolved`, { file });
  const shape = tensor.shape.dim.map((d, k) => {
    // `value` names the oneof member present (dim_value or dim_param), or is absent for an unknown dim.
    const v = d.value === 'dim_value' && d.dim_value != null ? int64ToNumber(d.dim_value) : undefined;
    if (v !== undefined && v > 0 && Number.isSafeInteger(v)) return v;
    // Only the leading (batch) dimension may be symbolic or unknown; it counts as 1.
    if (k === 0 && (v === undefined || v <= 0)) return 1;
    const shown = v !== undefined ? String(v) : d.value === 'dim_param' ? `'${d.dim_param ?? ''}'` : 'unknown';
    throw new InvalidModel(
      `graph input '${info.name}' has dimension ${k} = ${shown}, which cannot be resolved (only the leading batch dimension may be symbolic)`,
      { file },
    );
  });
  return { name: info.name, shape, elemType };
}

/** Indices of the nodes the graph outputs depend on, in an order where producers come first. */
export function liveNodesInOrder(graph: GraphMsg, file: string): number[] {
  const producer = new Map<string, number>();
  graph.node.forEach((n, k) => {
    for (const out of n.output) {
      if (out === '') continue;
      if (producer.has(out)) throw new InvalidModel(`tensor '${out}' is produced by two nodes (#${producer.get(out)} and #${k})`, { file });
      producer.set(out, k);
    }
  });
  const live = new Set<number>();
  const stack = graph.output.map((o) => o.name);
  while (stack.length > 0) {
    const name = stack.pop() as string;
    const k = producer.get(name);
    if (k === undefined || live.has(k)) continue;
    live.add(k);
    for (const input of graph.node[k].input) if (input !== '') stack.push(input);
  }
  return topologicalOrder([...live].sort((a, b) => a - b), graph.node, producer, file);
}

function topologicalOrder(nodes: number[], all: readonly NodeMsg[], producer: Map<string, number>, file: string): number[] {
  const pending = new Map<number, number>();
  const consumers = new Map<number, number[]>();
  for (const k of nodes) {
    const deps = new Set(all[k].input.map((i) => producer.get(i)).filter((p): p is number => p !== undefined));
    pending.set(k, deps.size);
    for (const d of deps) {
      const list = consumers.get(d);
      if (list) list.push(k);
      else consumers.set(d, [k]);
    }
  }
  // Kahn's algorithm in linear time. Well-formed files list nodes in dependency order already, and
  // for a chain every valid order gives the same network.
  const order = nodes.filter((k) => pending.get(k) === 0);
  for (let head = 0; head < order.length; head++) {
    for (const c of consumers.get(order[head]) ?? []) {
      const left = (pending.get(c) ?? 0) - 1;
      pending.set(c, left);
      if (left === 0) order.push(c);
    }
  }
  if (order.length !== nodes.length) {
    const stuck = nodes.find((k) => (pending.get(k) ?? 0) > 0) as number;
    throw new InvalidModel('the graph has a cycle', { file, nodeName: all[stuck].name, opType: all[stuck].op_type, nodeIndex: stuck });
  }
  return order;
}
