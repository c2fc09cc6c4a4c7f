// LP-based bound tightening (OBBT). Layer by layer, the unstable neurons of layer k are minimised and maximised
// over the LP relaxation of layers 0..k (exact affine maps, triangle relaxation of each unstable ReLU, stable
// ReLUs fixed). One LP per layer, built once; the worker only swaps the objective per neuron.
// Layer 0 keeps its interval bounds (exact: an affine map of a box). Starts from CROWN ∩ interval. Reached through
// computeBounds (method 'lp'), which checks the box first.
import { Cancelled, InvalidArgument, throwIfAborted } from '../errors';
import { hasRelu } from '../ir/network';
import type { Network } from '../ir/network';
import type { LinearTerm } from '../solver/mipBuilder';
import { MipBuilder } from '../solver/mipBuilder';
import type { MipProblem } from '../solver/problem';
import type { ColumnBounds } from '../solver/protocol';
import { crownBounds } from './crown';
import { neuronStatus } from './interval';
import type { Box, LayerBounds, NetworkBounds } from './types';

/** HiGHS works to a 1e-7 feasibility tolerance: widen each LP optimum by this (relative + absolute) to stay sound. */
const LP_BOUND_SLACK = 1e-6;

/** What OBBT needs from a solver; SolverPool satisfies it. */
export interface ColumnBounder {
  boundColumns(problem: MipProblem, columns: Int32Array, r: {
    timeLimitSeconds?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void;
  }): Promise<ColumnBounds>;
}

export interface BoundsProgress {
  readonly layer: number;
  readonly layers: number;
  /** LPs pairs (neurons) done in this layer / to do. */
  readonly done: number;
  readonly total: number;
}

/** What method 'lp' needs besides the box: the solver, and the budget, cancellation and progress of its LPs. */
export interface LpOptions {
  /** Needed for method 'lp'. */
  readonly pool?: ColumnBounder;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: BoundsProgress) => void;
  /** Budget per layer (all its LPs) in seconds; neurons not reached keep their CROWN/interval bounds. */
  readonly layerTimeLimitSeconds?: number;
  /**
   * Whole-tightening budget: the Date.now() instant after which no LP runs. The layer running then, and every
   * later one, keeps its CROWN/interval bounds (reported through onLayer as 'stopped').
   */
  readonly deadlineAt?: number;
  /** What happened to each layer after the first, in order, so a caller can say which bounds are LP-tightened. */
  readonly onLayer?: (report: LayerTightening) => void;
}

/**
 * One layer's OBBT: 'tightened' (LPs ran; `tightened` of `targets` neurons reached a proven optimum on both sides),
 * 'exact' (every earlier ReLU stable: CROWN is already exact), 'stable' (no unstable neuron to tighten), or
 * 'stopped' (the budget ended before or during its LPs: CROWN/interval bounds only).
 */
export interface LayerTightening {
  /** 0-based index into net.layers. */
  readonly layer: number;
  readonly outcome: 'tightened' | 'exact' | 'stable' | 'stopped';
  readonly targets: number;
  readonly tightened: number;
}

/**
 * Pre-activation bounds of every layer over the box: CROWN ∩ interval (∩ `reference`), then OBBT on the unstable
 * neurons of layers 1..L−1.
 */
export async function lpBounds(net: Network, box: Box, opts: LpOptions, reference?: NetworkBounds): Promise<NetworkBounds> {
  if (!opts.pool) throw new InvalidArgument("LP bound tightening needs a solver pool (opts.pool)");
  let bounds = crownBounds(net, box, reference);
  const report = (layer: number, outcome: LayerTightening['outcome'], targets = 0, done = 0): void => opts.onLayer?.({ layer, outcome, targets, tightened: done });
  for (let k = 1; k < net.layers.length; k++) {
    throwIfAborted(opts.signal);
    // With every earlier ReLU stable, layer k is an affine map of the box and CROWN's bounds are already exact:
    // the LP would only repeat them (on 784-input MNIST it cost 8 s for the 10 outputs).
    if (!neuronStatus(net, bounds).slice(0, k).some((s) => s.unstable > 0)) { report(k, 'exact'); continue; }
    const layer = net.layers[k];
    const { lower, upper } = bounds[k];
    const targets: number[] = [];
    for (let i = 0; i < layer.outSize; i++) {
      // ReLUs: only unstable ones matter. Linear neurons (the affine output layer, pass-through ones): every one.
      if (!hasRelu(layer, i) || (lower[i] < 0 && upper[i] > 0)) targets.push(i);
    }
    if (targets.length === 0) { report(k, 'stable'); continue; }
    const left = opts.deadlineAt === undefined ? Infinity : (opts.deadlineAt - Date.now()) / 1000;
    const result = left > 0 ? await layerLps(opts.pool, net, box, bounds, k, targets, left, opts) : null;
    if (!result) {
      // The budget is spent: this layer and the rest keep the CROWN bounds computed from what was tightened.
      for (let rest = k; rest < net.layers.length; rest++) report(rest, 'stopped', rest === k ? targets.length : 0);
      break;
    }
    const tightened: LayerBounds = { lower: lower.slice(), upper: upper.slice() };
    let proved = 0;
    targets.forEach((i, t) => {
      const lo = result.lower[t], hi = result.upper[t];
      if (Number.isFinite(lo)) tightened.lower[i] = Math.max(tightened.lower[i], lo - LP_BOUND_SLACK * (1 + Math.abs(lo)));
      if (Number.isFinite(hi)) tightened.upper[i] = Math.min(tightened.upper[i], hi + LP_BOUND_SLACK * (1 + Math.abs(hi)));
      if (Number.isFinite(lo) && Number.isFinite(hi)) proved++;
    });
    report(k, 'tightened', targets.length, proved);
    const known = bounds.slice();
    known[k] = tightened;
    // Re-run CROWN with the tightened layer so every later layer starts from the better relaxation.
    bounds = crownBounds(net, box, known);
  }
  return bounds;
}

/**
 * The OBBT LPs of layer k, each held to what is left of the budget (`leftSeconds`, Infinity without one); null when
 * the budget ended before they finished (a user cancel still throws).
 */
async function layerLps(pool: ColumnBounder, net: Network, box: Box, bounds: NetworkBounds, k: number, targets: readonly number[], leftSeconds: number, opts: LpOptions): Promise<ColumnBounds | null> {
  const budget = Number.isFinite(leftSeconds) ? AbortSignal.timeout(Math.ceil(leftSeconds * 1000)) : null;
  const signals = [opts.signal, budget].filter((x): x is AbortSignal => x !== null && x !== undefined);
  const { problem, zCols } = buildLayerLp(net, box, bounds, k);
  try {
    return await pool.boundColumns(problem, Int32Array.from(targets, (i) => zCols[i]), {
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
      timeLimitSeconds: Number.isFinite(leftSeconds) ? Math.min(opts.layerTimeLimitSeconds ?? Infinity, leftSeconds) : opts.layerTimeLimitSeconds,
      onProgress: (done, total) => opts.onProgress?.({ layer: k, layers: net.layers.length, done, total }),
    });
  } catch (e) {
    if (e instanceof Cancelled && budget?.aborted && !opts.signal?.aborted) return null;
    throw e;
  }
}

/** The LP relaxation of layers 0..k over the box, with a column z_k,i for each neuron of layer k. */
function buildLayerLp(net: Network, box: Box, bounds: NetworkBounds, k: number): { problem: MipProblem; zCols: number[] } {
  const b = new MipBuilder();
  // What feeds the next affine map: one term per input of the layer (null = constant 0).
  let feed: Array<LinearTerm | null> = [];
  for (let j = 0; j < net.inputSize; j++) feed.push({ col: b.addContinuous(`x${j}`, box.lower[j], box.upper[j]), coef: 1 });
  let zCols: number[] = [];
  for (let m = 0; m <= k; m++) {
    const layer = net.layers[m];
    const { lower, upper } = bounds[m];
    zCols = [];
    for (let i = 0; i < layer.outSize; i++) {
      const z = b.addContinuous(`z${m}_${i}`, lower[i], upper[i]);
      zCols.push(z);
      const terms: LinearTerm[] = [{ col: z, coef: 1 }];
      const row = i * layer.inSize;
      for (let j = 0; j < layer.inSize; j++) {
        const f = feed[j], w = layer.weights[row + j];
        if (f && w !== 0) terms.push({ col: f.col, coef: -w });
      }
      b.addRow(`a${m}_${i}`, terms, layer.bias[i], layer.bias[i]);
    }
    if (m === k) break;
    feed = zCols.map((z, i) => reluFeed(b, m, i, z, hasRelu(layer, i), lower[i], upper[i]));
  }
  b.setObjective('minimize', []);
  return { problem: b.build(), zCols };
}

/** h = relu(z) in the LP: z itself (active or no ReLU), nothing (inactive), or the triangle. */
function reluFeed(b: MipBuilder, m: number, i: number, z: number, relu: boolean, l: number, u: number): LinearTerm | null {
  if (!relu || l >= 0) return { col: z, coef: 1 };
  if (u <= 0) return null;
  const h = b.addContinuous(`h${m}_${i}`, 0, u);
  b.addRow(`hz${m}_${i}`, [{ col: h, coef: 1 }, { col: z, coef: -1 }], 0, Infinity); // h ≥ z
  const s = u / (u - l);
  b.addRow(`hc${m}_${i}`, [{ col: h, coef: 1 }, { col: z, coef: -s }], -Infinity, -s * l); // h ≤ s(z − l)
  return { col: h, coef: 1 };
}
