// Fixing some inputs (e.g. the Brusselator parameter b = 2.1) turns F into a map of the free inputs
// only: the fixed columns of the first layer fold into its bias, exactly.
import { InvalidArgument } from '../errors';
import type { DenseLayer, Network, RestrictedNetwork } from './network';

export function fixInputs(net: Network, fixed: ReadonlyMap<number, number>): RestrictedNetwork {
  const n = net.inputSize;
  for (const [index, value] of fixed) {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new InvalidArgument(`input index ${index} is out of range: the network has ${n} inputs (indices 0 to ${n - 1})`, { file: net.source });
    }
    if (!Number.isFinite(value)) {
      throw new InvalidArgument(`fixed value of input ${index} must be a finite number, got ${value}`, { file: net.source });
    }
  }
  const freeIndices = [...Array(n).keys()].filter((i) => !fixed.has(i));
  if (freeIndices.length === 0) {
    throw new InvalidArgument(`all ${n} inputs are fixed: at least one must stay free`, { file: net.source });
  }
  const fixedCopy = new Map(fixed);
  if (fixed.size === 0) return { net, freeIndices, fixed: fixedCopy, original: net };
  if (net.layers.length === 0) throw new InvalidArgument('cannot fix inputs of a network without layers', { file: net.source });

  const first = net.layers[0];
  const m = first.outSize;
  const k = freeIndices.length;
  const weights = new Float64Array(m * k);
  const bias = Float64Array.from(first.bias);
  for (let r = 0; r < m; r++) {
    const row = r * n;
    for (let c = 0; c < k; c++) weights[r * k + c] = first.weights[row + freeIndices[c]];
    for (const [index, value] of fixed) bias[r] += first.weights[row + index] * value;
  }
  const folded: DenseLayer = { ...first, inSize: k, weights, bias };
  const inputName = net.inputs.length === 1 ? net.inputs[0].name : 'input';
  const reduced: Network = {
    layers: [folded, ...net.layers.slice(1)],
    inputSize: k,
    outputSize: net.outputSize,
    inputs: [{ name: `${inputName}[${freeIndices.join(',')}]`, shape: [k] }],
    outputs: net.outputs,
    source: net.source,
  };
  return { net: reduced, freeIndices, fixed: fixedCopy, original: net };
}

/** The full input vector of the original network for a point of the free inputs. */
export function expandFreeInputs(state: RestrictedNetwork, free: ArrayLike<number>): Float64Array {
  if (free.length !== state.freeIndices.length) {
    throw new InvalidArgument(`expected ${state.freeIndices.length} free input values, got ${free.length}`, { file: state.original.source });
  }
  const full = new Float64Array(state.original.inputSize);
  for (const [index, value] of state.fixed) full[index] = value;
  state.freeIndices.forEach((index, k) => { full[index] = free[k]; });
  return full;
}

/** The free-input part of a full input vector (inverse of expandFreeInputs on the free coordinates). */
export function restrictToFreeInputs(state: RestrictedNetwork, full: ArrayLike<number>): Float64Array {
  if (full.length !== state.original.inputSize) {
    throw new InvalidArgument(`expected ${state.original.inputSize} input values, got ${full.length}`, { file: state.original.source });
  }
  return Float64Array.from(state.freeIndices, (index) => full[index]);
}
