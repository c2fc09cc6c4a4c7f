// The one acceptance rule for a colliding pair (or another preimage), used by every path — MILP, split, fold scan,
// radius drivers, L2: polished, re-evaluated in float64 (float64PairVerdict) and in onnxruntime-web against the
// model it came from (verifyPair). A pair that fails is never reported, and never ends a radius bracket. The split
// searches pre-screen candidates with float64PairVerdict alone (cheap, in their inner loops); what they report
// passes verifyPair before anyone sees it.
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import type { Network, RestrictedNetwork } from '../ir/network';
import { distance, maxAbs } from '../norms/norm';
import type { NormName, Witness } from '../../shared/results';
import type { Collision } from './polish';
import { polishPair } from './polish';

/**
 * A witness counts only if, in float64, ‖F(x) − F(y)‖∞ ≤ OUTPUT_GAP_RTOL · (1 + ‖F(x)‖∞) AND
 * ‖F(x) − F(y)‖∞ ≤ GAP_TO_SEPARATION · ‖x − y‖∞ (a near-miss of two nearby points is not a collision).
 */
export const OUTPUT_GAP_RTOL = 1e-6;
export const GAP_TO_SEPARATION = 1e-3;
/** onnxruntime-web runs in float32: it must agree with the float64 pass within this relative tolerance. */
export const ORT_AGREEMENT_RTOL = 1e-4;
/** Points may sit outside the box by at most this (relative to the box scale) after polishing. */
export const BOX_SLACK = 1e-9;

export type OrtEvaluate = (fullInput: Float64Array) => Promise<Float64Array>;

/** The float64 part of the rule: where the points must lie and how far apart they must be. */
export interface Float64PairRule {
  /** The domain both points must lie in (free inputs), up to BOX_SLACK. */
  readonly box: Box;
  /** Minimum L∞ separation the pair must keep (the query's ε floor; 0 = any distinct pair). */
  readonly minSeparation: number;
  /** Extra membership test (L1/L2 balls), given the point. */
  readonly inDomain?: (p: Float64Array) => boolean;
}

export interface PairCheckOptions extends Float64PairRule {
  readonly state: RestrictedNetwork;
  readonly norm: NormName;
  readonly ortEvaluate?: OrtEvaluate;
}

declare const verified: unique symbol;
/**
 * A witness that passed the acceptance rule: verifyPair for a pair of one model, verifyMatchWitness for the inputs of
 * a match. Only those two make one (the brand exists in types only: the JSON is a plain Witness), and the result
 * builders (../results/build.ts) take no other, so an unchecked pair cannot reach a result.
 */
export type VerifiedWitness = Witness & { readonly [verified]: true };

export type PairVerdict =
  | { readonly ok: true; readonly witness: VerifiedWitness; readonly x: Float64Array; readonly y: Float64Array }
  | { readonly ok: false; readonly reason: string };

/** Full input vector (all graph inputs) from the free inputs and the fixed values. */
export function expandFree(state: RestrictedNetwork, free: ArrayLike<number>): Float64Array {
  const full = new Float64Array(state.original.inputSize);
  for (const [i, v] of state.fixed) full[i] = v;
  state.freeIndices.forEach((idx, k) => { full[idx] = free[k]; });
  return full;
}

/**
 * Checks a candidate pair (y = null means PI: the second point is `center`): polished (polish.ts, which also snaps
 * solver points into the box and keeps the raw pair among its candidates), then the float64 rule and onnxruntime-web.
 */
export async function verifyPair(
  opts: PairCheckOptions, x: Float64Array, y: Float64Array | null, center: Float64Array | null,
): Promise<PairVerdict> {
  const net = opts.state.net;
  const second = y ?? center;
  if (!second) return { ok: false, reason: 'no second point' };
  const pi = y === null;
  const passes = (c: Collision): boolean => typeof float64PairVerdict(net, opts, c.x, c.y, pi, c) === 'number';
  const best = polishPair(net, opts.box, x, second, passes, pi);
  const gap = float64PairVerdict(net, opts, best.x, best.y, pi, best);
  if (typeof gap === 'string') return { ok: false, reason: gap };
  const checkedBy = ['float64'];
  if (opts.ortEvaluate) {
    const ortWhy = await ortCheck(opts, best.x, best.y, best.fx, best.fy);
    if (ortWhy) return { ok: false, reason: ortWhy };
    checkedBy.push('onnxruntime-web');
  }
  return {
    ok: true, x: best.x, y: best.y,
    witness: {
      x: Array.from(best.x), y: Array.from(best.y), Fx: Array.from(best.fx), Fy: Array.from(best.fy),
      separation: distance(best.x, best.y, opts.norm), outputGap: gap, checkedBy,
    } as VerifiedWitness,
  };
}

/** F(x) and F(y) in float64, when the caller already holds them (a Collision does). */
export interface PairImages {
  readonly fx: Float64Array;
  readonly fy: Float64Array;
}

/**
 * The float64 part of the rule: the output gap ‖F(x) − F(y)‖∞ when the pair passes, or the reason it fails.
 * `piMode`: y is the query's centre, which need not lie in the box. `images`: F(x) and F(y) already computed by the
 * same forward pass (a Collision's), so the two forward passes are not redone.
 */
export function float64PairVerdict(net: Network, opts: Float64PairRule, x: ArrayLike<number>, y: ArrayLike<number>, piMode = false,
  images?: PairImages): number | string {
  const { box } = opts;
  const pts = piMode ? [x] : [x, y];
  for (const p of pts) {
    if (!Array.prototype.every.call(p, Number.isFinite)) return 'non-finite point';
    for (let i = 0; i < p.length; i++) {
      const slack = BOX_SLACK * (1 + Math.abs(box.lower[i]) + Math.abs(box.upper[i]));
      if (p[i] < box.lower[i] - slack || p[i] > box.upper[i] + slack) return `point leaves the domain in input ${i}`;
    }
    if (opts.inDomain && !opts.inDomain(Float64Array.from(p))) return 'point leaves the ball';
  }
  const sep = distance(x, y, 'inf');
  if (sep <= 0 || sep < opts.minSeparation * (1 - 1e-9)) return `separation ${sep} below the floor ${opts.minSeparation}`;
  const Fx = images?.fx ?? forward(net, x), Fy = images?.fy ?? forward(net, y);
  const gap = maxAbs(Fx.map((v, i) => v - Fy[i]));
  const tol = OUTPUT_GAP_RTOL * (1 + maxAbs(Fx));
  if (!(gap <= tol)) return `output gap ${gap.toExponential(3)} exceeds ${tol.toExponential(3)}`;
  if (!(gap <= GAP_TO_SEPARATION * sep)) return `output gap ${gap.toExponential(3)} is not small against the separation ${sep.toExponential(3)}`;
  return gap;
}

/** A model whose witnesses are re-checked against its own file (a CheckedModel). */
export interface CheckedNetwork {
  readonly state: RestrictedNetwork;
  readonly ortEvaluate: OrtEvaluate;
}

export type WitnessCheck = { readonly ok: true; readonly witness: VerifiedWitness } | { readonly ok: false; readonly reason: string };

/**
 * The acceptance rule for a match's witness (transform pair, discrepancy input), whose float64 part the match query
 * checked: both points re-evaluated in onnxruntime-web for every model, each against its own file.
 */
export async function verifyMatchWitness(w: Witness, models: readonly CheckedNetwork[]): Promise<WitnessCheck> {
  for (const p of [w.x, w.y]) {
    for (const model of models) {
      const F = forward(model.state.net, p);
      const out = await model.ortEvaluate(expandFree(model.state, p));
      const diff = maxAbs(out.map((v, i) => v - F[i]));
      if (!(diff <= ORT_AGREEMENT_RTOL * (1 + maxAbs(F)))) {
        return { ok: false, reason: `onnxruntime-web disagrees with the float64 pass of ${model.state.original.source} by ${diff.toExponential(3)} at the witness` };
      }
    }
  }
  return { ok: true, witness: { ...w, checkedBy: ['float64', 'onnxruntime-web'] } as VerifiedWitness };
}

async function ortCheck(opts: PairCheckOptions, x: Float64Array, y: Float64Array, Fx: Float64Array, Fy: Float64Array): Promise<string | null> {
  const ort = opts.ortEvaluate;
  if (!ort) return null;
  for (const [p, F] of [[x, Fx], [y, Fy]] as const) {
    let out: Float64Array;
    try {
      out = await ort(expandFree(opts.state, p));
    } catch (e) {
      return `onnxruntime-web could not evaluate the witness: ${e instanceof Error ? e.message : String(e)}`;
    }
    const diff = maxAbs(out.map((v, i) => v - F[i]));
    if (out.length !== F.length || !(diff <= ORT_AGREEMENT_RTOL * (1 + maxAbs(F)))) {
      return `onnxruntime-web disagrees with the float64 pass by ${diff.toExponential(3)}`;
    }
  }
  return null;
}
