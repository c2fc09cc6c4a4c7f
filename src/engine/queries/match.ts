// Matching two networks on the same inputs over a box.
//  - transform:   max ‖f₂(x) − f₂(y)‖ s.t. f₁(x) = f₁(y). 0 certifies a map T with f₂ = T ∘ f₁ on the box.
//    L∞: one MILP per output coordinate maximising f₂ₖ(x) − f₂ₖ(y) (the swap covers the sign).
//  - discrepancy: max ‖f₁(x) − f₂(x)‖ over the box with the attaining input (both signs per output).
// Outputs are compared in L∞ (norm 1 sums per-output maxima only as an upper bound, so only 'inf' is exact here).
import type { Box, NetworkBounds } from '../bounds/types';
import { InvalidArgument } from '../errors';
import { forward } from '../ir/forward';
import type { Network, StateMap } from '../ir/network';
import { maxAbs } from '../norms/norm';
import type { QueryResult, Witness } from '../../shared/results';
import { MipBuilder } from '../solver/mipBuilder';
import { boxPairs, fmt } from './certifyPair';
import type { QueryContext } from './context';
import type { AffineExpr } from './encodeNetwork';
import { addDifferenceRow, colExpr, encodeNetwork } from './encodeNetwork';
import { boundsFor, proved, solveMilp } from './solveMilp';

export interface MatchQuery {
  readonly kind: 'transform' | 'discrepancy';
  readonly a: StateMap;
  readonly b: StateMap;
  readonly box: Box;
  readonly tolerance?: number;
}

export async function runMatch(ctx: QueryContext, q: MatchQuery): Promise<QueryResult> {
  const started = Date.now();
  const f1 = q.a.net, f2 = q.b.net;
  if (f1.inputSize !== f2.inputSize) throw new InvalidArgument(`the two models have ${f1.inputSize} and ${f2.inputSize} free inputs: they must match`);
  if (q.box.lower.length !== f1.inputSize) throw new InvalidArgument(`--box has ${q.box.lower.length} entries, the models have ${f1.inputSize} free inputs`);
  if (q.kind === 'discrepancy' && f1.outputSize !== f2.outputSize) throw new InvalidArgument(`discrepancy needs equal output sizes (${f1.outputSize} vs ${f2.outputSize})`);
  const tol = q.tolerance ?? 1e-6;
  const b1 = await boundsFor(ctx, f1, q.box, 'lp');
  const b2 = await boundsFor(ctx, f2, q.box, 'lp');
  const m = f2.outputSize;
  const signs = q.kind === 'transform' ? [1] : [1, -1];
  let best: { value: number; x: Float64Array; y: Float64Array } | null = null;
  let bound = 0, solves = 0, nodes = 0, allProved = true;
  for (let k = 0; k < m; k++) {
    for (const s of signs) {
      const built = q.kind === 'transform' ? buildTransform(f1, f2, q.box, b1, b2, k) : buildDiscrepancy(f1, f2, q.box, b1, b2, k, s);
      const r = await solveMilp(ctx, built.problem, `${q.kind} output ${k}${s < 0 ? '−' : ''}`);
      solves++; nodes += r.nodes;
      if (!proved(r)) allProved = false;
      if (r.status === 'infeasible') continue;
      bound = Math.max(bound, r.bound ?? Infinity);
      if (!r.colValue) continue;
      const x = Float64Array.from(built.x, (c) => r.colValue?.[c] ?? NaN);
      const y = built.y ? Float64Array.from(built.y, (c) => r.colValue?.[c] ?? NaN) : x;
      const value = q.kind === 'transform' ? transformValue(f1, f2, x, y) : maxAbs(forward(f1, x).map((v, i) => v - forward(f2, x)[i]));
      if (value !== null && (!best || value > best.value)) best = { value, x, y };
    }
  }
  const kindText = q.kind === 'transform' ? 'max ‖f₂(x) − f₂(y)‖∞ s.t. f₁(x) = f₁(y)' : 'max ‖f₁(x) − f₂(x)‖∞';
  const value = best?.value ?? 0;
  const witness: Witness | undefined = best ? {
    x: Array.from(best.x), y: Array.from(best.y), Fx: Array.from(forward(f2, best.x)), Fy: Array.from(q.kind === 'transform' ? forward(f2, best.y) : forward(f1, best.x)),
    separation: value, outputGap: q.kind === 'transform' ? maxAbs(forward(f1, best.x).map((v, i) => v - forward(f1, best.y)[i])) : 0, checkedBy: ['float64'],
  } : undefined;
  const status = !allProved ? 'unresolved' : value <= tol && bound <= tol ? 'certified' : value > tol ? 'counterexample' : 'unresolved';
  return {
    query: q.kind, status, norm: 'inf', objective: value, bound: Math.max(bound, value), gap: null, tolerance: tol,
    domain: boxPairs(q.box), ...(witness && value > tol ? { witness } : {}),
    stats: { binaries: 0, unstable: 0, nodes, seconds: (Date.now() - started) / 1000, method: q.kind, solves },
    message: status === 'certified'
      ? (q.kind === 'transform' ? `certified: f₂ = T ∘ f₁ on the box (${kindText} ≤ ${tol})` : `certified: the networks agree on the box (discrepancy ≤ ${tol})`)
      : `${status}: ${kindText} = ${fmt(value)}${allProved ? '' : ` (bound ${fmt(bound)})`}`,
  };
}

/** Transform value of a solver pair, accepted only if f₁(x) = f₁(y) holds in float64 within tolerance. */
function transformValue(f1: Network, f2: Network, x: Float64Array, y: Float64Array): number | null {
  const a = forward(f1, x), b = forward(f1, y);
  const gap = maxAbs(a.map((v, i) => v - b[i]));
  if (gap > 1e-6 * (1 + maxAbs(a))) return null;
  const c = forward(f2, x), d = forward(f2, y);
  return maxAbs(c.map((v, i) => v - d[i]));
}

interface Built { problem: ReturnType<MipBuilder['build']>; x: Int32Array; y: Int32Array | null }

function inputCols(b: MipBuilder, box: Box, tag: string): Int32Array {
  return Int32Array.from(box.lower, (lo, i) => b.addContinuous(`${tag}${i}`, lo, box.upper[i]));
}

function buildTransform(f1: Network, f2: Network, box: Box, b1: NetworkBounds, b2: NetworkBounds, k: number): Built {
  const b = new MipBuilder();
  const x = inputCols(b, box, 'x'), y = inputCols(b, box, 'y');
  const xs = Array.from(x, colExpr), ys = Array.from(y, colExpr);
  const a1 = encodeNetwork(b, f1, xs, b1, 'AX'), a2 = encodeNetwork(b, f1, ys, b1, 'AY');
  a1.outputs.forEach((o, i) => addDifferenceRow(b, `eq${i}`, o, a2.outputs[i], 0, 0));
  const c1 = encodeNetwork(b, f2, xs, b2, 'BX'), c2 = encodeNetwork(b, f2, ys, b2, 'BY');
  setDifferenceObjective(b, c1.outputs[k], c2.outputs[k], 1);
  return { problem: b.build(), x, y };
}

function buildDiscrepancy(f1: Network, f2: Network, box: Box, b1: NetworkBounds, b2: NetworkBounds, k: number, sign: number): Built {
  const b = new MipBuilder();
  const x = inputCols(b, box, 'x');
  const xs = Array.from(x, colExpr);
  const a = encodeNetwork(b, f1, xs, b1, 'A'), c = encodeNetwork(b, f2, xs, b2, 'B');
  setDifferenceObjective(b, a.outputs[k], c.outputs[k], sign);
  return { problem: b.build(), x, y: null };
}

function setDifferenceObjective(b: MipBuilder, p: AffineExpr, q: AffineExpr, sign: number): void {
  const terms = [...p.terms.map((t) => ({ col: t.col, coef: sign * t.coef })), ...q.terms.map((t) => ({ col: t.col, coef: -sign * t.coef }))];
  b.setObjective('maximize', terms, sign * (p.constant - q.constant));
}
