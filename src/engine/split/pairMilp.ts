// Small MILPs for the leaves of the split searches, built with each box's own CROWN bounds:
//   pair:  x ∈ A, y ∈ C, F(x) = F(y), s·(x_k − y_k) ≥ ε      (BL feasibility; bias cancels)
//   point: x ∈ A, F(x) = F(c),       s·(x_k − c_k) ≥ ε      (PI feasibility)
//   pair difference: the same pair, plus G on x and y, maximising s·(G_k(x) − G_k(y))   (transform, G = f₂)
// Stable neurons carry no binary; unstable ones use the big-M encoding of paper.md with their own bounds: the same
// encoder (queries/encodeNetwork.ts) as every other MILP of the engine.
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import type { MipProblem } from '../solver/problem';
import { MipBuilder } from '../solver/mipBuilder';
import { forward } from '../ir/forward';
import type { EncodedCopy } from '../queries/encodeNetwork';
import { addDifferenceRow, colExpr, constExpr, encodeNetwork, setDifferenceObjective } from '../queries/encodeNetwork';

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

/** Leaf boxes are small: most neurons are stable there, and carrying the active ones as expressions shrinks the MILP to the unstable ones. */
const LEAF_ENCODING = { fixStable: true, substituteStable: true } as const;

/** One network copy on `box`, by the engine's one ReLU encoder with the box's own bounds. */
function addCopy(b: MipBuilder, net: Network, box: Box, bounds: NetworkBounds, tag: string): { inputs: number[]; copy: EncodedCopy } {
  const inputs: number[] = [];
  for (let i = 0; i < net.inputSize; i++) inputs.push(b.addContinuous(`${tag}x${i}`, box.lower[i], box.upper[i]));
  return { inputs, copy: encodeNetwork(b, net, inputs.map(colExpr), bounds, tag, LEAF_ENCODING) };
}

/** x ∈ A, y ∈ C with F(x) = F(y): the part every pair MILP shares. */
function addCollidingPair(b: MipBuilder, net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds): { x: ReturnType<typeof addCopy>; y: ReturnType<typeof addCopy> } {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const x = addCopy(b, net, a, boundsA, 'a');
  const y = addCopy(b, net, c, boundsC, 'c');
  x.copy.outputs.forEach((fx, i) => addDifferenceRow(b, `eq${i}`, fx, y.copy.outputs[i], 0, 0));
  return { x, y };
}

export function buildPairMilp(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds,
  dir: Direction, epsilon: number): LeafMilp {
  const b = new MipBuilder();
  const { x, y } = addCollidingPair(b, net, a, boundsA, c, boundsC);
  const k = dir.dim;
  b.addRow('sep', [{ col: x.inputs[k], coef: dir.sign }, { col: y.inputs[k], coef: -dir.sign }], epsilon, Infinity);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: y.inputs, binaries: x.copy.binaries.length + y.copy.binaries.length };
}

/**
 * The pair MILP with every admissible (dimension, sign) of ‖x − y‖∞ ≥ ε at once: one binary s per direction,
 * sign·(x_k − y_k) ≥ ε − M(1 − s) with M = ε − (least value of sign·(x_k − y_k) in the boxes), and Σ s ≥ 1. One solve instead of one
 * per direction: HiGHS shares its presolve and tree over the directions (robot, 5 inputs, B∞(0.1·1, 0.01): one MILP of
 * 15 binaries in 95 nodes and 0.5 s against 5 direction MILPs of 10 in 143 nodes and 1.7 s, same load). `symmetric`
 * (a = c): only sign +1, since swapping x and y flips the sign.
 */
export function buildPairMilpAnyDirection(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds,
  epsilon: number, symmetric: boolean): LeafMilp {
  const b = new MipBuilder();
  const { x, y } = addCollidingPair(b, net, a, boundsA, c, boundsC);
  const picks = addAnySeparation(b, a, c, x.inputs, y.inputs, epsilon, symmetric);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: y.inputs, binaries: x.copy.binaries.length + y.copy.binaries.length + picks };
}

/**
 * ‖x − y‖∞ ≥ ε over x ∈ a, y ∈ c (yCols null: y is the point c.lower = c.upper, a constant) as one binary s per
 * admissible direction, sign·(x_k − y_k) ≥ ε − M(1 − s) with M = ε − (least value of sign·(x_k − y_k) in the boxes),
 * and Σ s ≥ 1. No rows when some direction separates every pair by ε already. Returns the binaries added.
 */
function addAnySeparation(b: MipBuilder, a: Box, c: Box, xCols: readonly number[], yCols: readonly number[] | null,
  epsilon: number, symmetric: boolean): number {
  const dirs = feasibleDirections(a, c, epsilon, symmetric);
  if (dirs.length === 0) throw new RangeError('leaf MILP: no two points of the boxes are ε apart');
  const least = (d: Direction): number => (d.sign > 0 ? a.lower[d.dim] - c.upper[d.dim] : c.lower[d.dim] - a.upper[d.dim]);
  if (dirs.some((d) => least(d) >= epsilon)) return 0;
  const picks = dirs.map((d) => {
    const tag = `${d.dim}${d.sign > 0 ? 'p' : 'm'}`;
    const big = epsilon - least(d);
    const s = b.addBinary(`s${tag}`);
    const terms = [{ col: xCols[d.dim], coef: d.sign }, { col: s, coef: -big }];
    if (yCols) terms.push({ col: yCols[d.dim], coef: -d.sign });
    // A fixed y moves to the right-hand side.
    b.addRow(`sep${tag}`, terms, epsilon - big + (yCols ? 0 : d.sign * c.lower[d.dim]), Infinity);
    return s;
  });
  b.addRow('anyDirection', picks.map((col) => ({ col, coef: 1 })), 1, Infinity);
  return picks.length;
}

/** A pair MILP whose objective is chosen per solve: one output of G and a sign. */
export interface PairDifferenceMilp {
  readonly xCols: readonly number[];
  readonly yCols: readonly number[];
  readonly binaries: number;
  /** The MILP maximising sign · (G_output(x) − G_output(y)). */
  problemFor(output: number, sign: 1 | -1): MipProblem;
}

/**
 * x ∈ A, y ∈ C, F(x) = F(y) (F with its own bounds on A and C), and G encoded on the same x and y (G's bounds on A and
 * C); no separation row: x = y is feasible and scores 0, which is what a pair without a collision contributes.
 */
export function buildPairDifferenceMilp(f: Network, g: Network, a: Box, c: Box,
  bounds: { readonly fA: NetworkBounds; readonly fC: NetworkBounds; readonly gA: NetworkBounds; readonly gC: NetworkBounds }): PairDifferenceMilp {
  if (g.layers[g.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const { x, y } = addCollidingPair(b, f, a, bounds.fA, c, bounds.fC);
  const gx = encodeNetwork(b, g, x.inputs.map(colExpr), bounds.gA, 'ga');
  const gy = encodeNetwork(b, g, y.inputs.map(colExpr), bounds.gC, 'gc');
  return {
    xCols: x.inputs, yCols: y.inputs,
    binaries: x.copy.binaries.length + y.copy.binaries.length + gx.binaries.length + gy.binaries.length,
    problemFor: (output, sign) => {
      setDifferenceObjective(b, gx.outputs[output], gy.outputs[output], sign);
      return b.build();
    },
  };
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

/** The point MILP (x ∈ A, F(x) = F(c), ‖x − c‖∞ ≥ ε) with every admissible direction in it, as buildPairMilpAnyDirection. */
export function buildPointMilpAnyDirection(net: Network, a: Box, boundsA: NetworkBounds, c: Float64Array, epsilon: number): LeafMilp {
  if (net.layers[net.layers.length - 1].relu) throw new RangeError('leaf MILP: output ReLU not supported');
  const b = new MipBuilder();
  const x = addCopy(b, net, a, boundsA, 'a');
  const target = forward(net, c);
  x.copy.outputs.forEach((fx, i) => addDifferenceRow(b, `eq${i}`, fx, constExpr(target[i]), 0, 0));
  const picks = addAnySeparation(b, a, { lower: c, upper: c }, x.inputs, null, epsilon, false);
  b.setObjective('minimize', []);
  return { problem: b.build(), xCols: x.inputs, yCols: [], binaries: x.copy.binaries.length + picks };
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
