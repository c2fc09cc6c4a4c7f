// Small feasibility MILPs for the leaves of the split search, built with each box's own CROWN bounds:
//   pair:  x ∈ A, y ∈ C, F(x) = F(y), s·(x_k − y_k) ≥ ε      (BL; bias cancels)
//   point: x ∈ A, F(x) = F(c),       s·(x_k − c_k) ≥ ε      (PI)
// Stable neurons carry no binary; unstable ones use the big-M encoding of paper.md with their own bounds: the same
// encoder (queries/encodeNetwork.ts) as every other MILP of the engine.
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import type { MipProblem } from '../solver/problem';
import { MipBuilder } from '../solver/mipBuilder';
import { forward } from '../ir/forward';
import type { EncodedCopy } from '../queries/encodeNetwork';
import { addDifferenceRow, colExpr, constExpr, encodeNetwork } from '../queries/encodeNetwork';

export interface Direction {
  readonly dim: number;
  readonly sign: 1 | -1;
}

export interface LeafMilp {
  readonly problem: MipProblem;
  readonly xCols: readonly number[];
  readonly yCols: readonly number[];
  readonly binaries: number;
}

/** One network copy on `box`, by the engine's one ReLU encoder with the box's own bounds. */
function addCopy(b: MipBuilder, net: Network, box: Box, bounds: NetworkBounds, tag: string): { inputs: number[]; copy: EncodedCopy } {
  const inputs: number[] = [];
  for (let i = 0; i < net.inputSize; i++) inputs.push(b.addContinuous(`${tag}x${i}`, box.lower[i], box.upper[i]));
  return { inputs, copy: encodeNetwork(b, net, inputs.map(colExpr), bounds, tag) };
}

export function buildPairMilp(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds,
  dir: Direction, epsilon: number): LeafMilp {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const x = addCopy(b, net, a, boundsA, 'a');
  const y = addCopy(b, net, c, boundsC, 'c');
  x.copy.outputs.forEach((fx, i) => addDifferenceRow(b, `eq${i}`, fx, y.copy.outputs[i], 0, 0));
  const k = dir.dim;
  b.addRow('sep', [{ col: x.inputs[k], coef: dir.sign }, { col: y.inputs[k], coef: -dir.sign }], epsilon, Infinity);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: y.inputs, binaries: x.copy.binaries.length + y.copy.binaries.length };
}

export function buildPointMilp(net: Network, a: Box, boundsA: NetworkBounds, c: Float64Array,
  dir: Direction, epsilon: number): LeafMilp {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const x = addCopy(b, net, a, boundsA, 'a');
  const target = forward(net, c);
  x.copy.outputs.forEach((fx, i) => addDifferenceRow(b, `eq${i}`, fx, constExpr(target[i]), 0, 0));
  const k = dir.dim;
  b.addRow('sep', [{ col: x.inputs[k], coef: dir.sign }], epsilon + dir.sign * c[k], Infinity);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: [], binaries: x.copy.binaries.length };
}

/** The (dim, sign) splits of ‖x − y‖∞ ≥ ε that the boxes allow; with `symmetric`, only sign +1 is needed. */
export function feasibleDirections(a: Box, c: Box, epsilon: number, symmetric: boolean): Direction[] {
  const dirs: Direction[] = [];
  for (let k = 0; k < a.lower.length; k++) {
    if (a.upper[k] - c.lower[k] >= epsilon) dirs.push({ dim: k, sign: 1 });
    if (!symmetric && c.upper[k] - a.lower[k] >= epsilon) dirs.push({ dim: k, sign: -1 });
  }
  return dirs;
}
