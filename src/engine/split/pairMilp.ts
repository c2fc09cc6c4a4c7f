// Small feasibility MILPs for the leaves of the split search, built with each box's own CROWN bounds:
//   pair:  x ∈ A, y ∈ C, F(x) = F(y), s·(x_k − y_k) ≥ ε      (BL; bias cancels)
//   point: x ∈ A, F(x) = F(c),       s·(x_k − c_k) ≥ ε      (PI)
// Stable neurons carry no binary; unstable ones use the big-M encoding of paper.md with their own bounds.
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import type { MipProblem } from '../solver/problem';
import type { LinearTerm } from '../solver/mipBuilder';
import { MipBuilder } from '../solver/mipBuilder';
import { forward } from '../ir/forward';

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

/** Encodes one network copy on `box`; returns input columns and the output terms (W_L h, without bias). */
function addCopy(b: MipBuilder, net: Network, box: Box, bounds: NetworkBounds, tag: string):
  { inputs: number[]; outputs: LinearTerm[][]; binaries: number } {
  const inputs: number[] = [];
  for (let i = 0; i < net.inputSize; i++) inputs.push(b.addContinuous(`${tag}x${i}`, box.lower[i], box.upper[i]));
  let prev: Array<number | null> = inputs;
  let binaries = 0;
  for (let j = 0; j + 1 < net.layers.length; j++) {
    const layer = net.layers[j];
    const { lower, upper } = bounds[j];
    const cur: Array<number | null> = [];
    for (let i = 0; i < layer.outSize; i++) {
      const z = affineTerms(layer.weights, i, layer.inSize, prev);
      const bias = layer.bias[i];
      const l = lower[i], u = upper[i];
      if (!layer.relu) {
        const h = b.addContinuous(`${tag}h${j}_${i}`, l, u);
        b.addRow(`${tag}lin${j}_${i}`, [{ col: h, coef: 1 }, ...negate(z)], bias, bias);
        cur.push(h);
      } else if (u <= 0) {
        cur.push(null);
      } else if (l >= 0) {
        const h = b.addContinuous(`${tag}h${j}_${i}`, l, u);
        b.addRow(`${tag}act${j}_${i}`, [{ col: h, coef: 1 }, ...negate(z)], bias, bias);
        cur.push(h);
      } else {
        const h = b.addContinuous(`${tag}h${j}_${i}`, 0, u);
        const t = b.addBinary(`${tag}t${j}_${i}`);
        binaries++;
        b.addRow(`${tag}ge${j}_${i}`, [{ col: h, coef: 1 }, ...negate(z)], bias, Infinity);
        b.addRow(`${tag}bigl${j}_${i}`, [{ col: h, coef: 1 }, ...negate(z), { col: t, coef: -l }], -Infinity, bias - l);
        b.addRow(`${tag}bigu${j}_${i}`, [{ col: h, coef: 1 }, { col: t, coef: -u }], -Infinity, 0);
        cur.push(h);
      }
    }
    prev = cur;
  }
  const last = net.layers[net.layers.length - 1];
  const outputs: LinearTerm[][] = [];
  for (let i = 0; i < last.outSize; i++) outputs.push(affineTerms(last.weights, i, last.inSize, prev));
  return { inputs, outputs, binaries };
}

function affineTerms(w: Float64Array, row: number, inSize: number, prev: ReadonlyArray<number | null>): LinearTerm[] {
  const terms: LinearTerm[] = [];
  for (let j = 0; j < inSize; j++) {
    const col = prev[j];
    const coef = w[row * inSize + j];
    if (col !== null && coef !== 0) terms.push({ col, coef });
  }
  return terms;
}

function negate(terms: readonly LinearTerm[]): LinearTerm[] {
  return terms.map((t) => ({ col: t.col, coef: -t.coef }));
}

export function buildPairMilp(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds,
  dir: Direction, epsilon: number): LeafMilp {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const x = addCopy(b, net, a, boundsA, 'a');
  const y = addCopy(b, net, c, boundsC, 'c');
  x.outputs.forEach((terms, i) => b.addRow(`eq${i}`, [...terms, ...negate(y.outputs[i])], 0, 0));
  const k = dir.dim;
  b.addRow('sep', [{ col: x.inputs[k], coef: dir.sign }, { col: y.inputs[k], coef: -dir.sign }], epsilon, Infinity);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: y.inputs, binaries: x.binaries + y.binaries };
}

export function buildPointMilp(net: Network, a: Box, boundsA: NetworkBounds, c: Float64Array,
  dir: Direction, epsilon: number): LeafMilp {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const x = addCopy(b, net, a, boundsA, 'a');
  const target = forward(net, c);
  const bias = net.layers[net.layers.length - 1].bias;
  x.outputs.forEach((terms, i) => b.addRow(`eq${i}`, terms, target[i] - bias[i], target[i] - bias[i]));
  const k = dir.dim;
  b.addRow('sep', [{ col: x.inputs[k], coef: dir.sign }], epsilon + dir.sign * c[k], Infinity);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: [], binaries: x.binaries };
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
