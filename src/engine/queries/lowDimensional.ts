// The fast low-dimensional path (input splitting + Jacobian certificate) behind the default method 'auto'.
// Certify and radius call it first when lowDimensionalApplies (L∞, method auto; PI and radius ≤ 5 free inputs); an explicit
// --method direct | bisection | paper always runs the exact MILP path, so every answer can be reproduced by a MILP.
// Returning null means "not handled": the caller falls back to the MILP path of --method direct.
//
// Contract of a returned result:
// - Any witness has passed the one acceptance rule (verifyPair, ../witness/check: float64 + onnxruntime-web via
//   ctx.ortEvaluate) with separation ≥ request.epsilon / 2; a pair that fails it never ends a radius bracket and
//   never makes a result 'certified' or 'counterexample'.
// - 'certified' must be a proof (Jacobian certificate / infeasible MILPs), stating tolerance and epsilon.
// - Radii: `radius` only when the bracket radiusLower/radiusUpper is within `tolerance`; radiusUpper null (and
//   no radius) when no pair exists in the searched box (radiusBeyondBox.ts).
// - `objective` only for a proven optimum: a first-found pair leaves it null (its separation is in the witness).
import type { CertifyResult, QueryResult, RadiusResult } from '../../shared/results';
import type { QueryContext } from './context';
import { runLowDimensional } from '../split/lowDimQuery';
import type { LowDimRequest } from '../split/types';

export type { LowDimRequest };

/** Runs the split path; null = fall back to the MILP. */
export function tryLowDimensional(ctx: QueryContext, request: LowDimRequest & { kind: 'certify' }): Promise<CertifyResult | null>;
export function tryLowDimensional(ctx: QueryContext, request: LowDimRequest & { kind: 'radius' }): Promise<RadiusResult | null>;
export function tryLowDimensional(ctx: QueryContext, request: LowDimRequest): Promise<QueryResult | null> {
  return runLowDimensional(ctx, request);
}

/**
 * The dispatch rule of 'auto', kept here so certify and radius agree on it. ≤ 3 free inputs: the split path
 * answers. Above: a short budgeted split pre-pass that returns only decisive answers (a whole-box certificate or a
 * verified pair), otherwise null and the MILP path runs on the whole question, so the method is chosen by what the
 * pre-pass achieves within its budget, not by the dimension. Both pre-passes branch from the whole box
 * (inputBranch.ts, preimageBranch.ts); BL's runs in any dimension, PI's up to PREIMAGE_PREPASS_MAX_DIMS free inputs
 * (the radius queries' split path, which shares this rule, starts from a grid of 2^n cells).
 */
export function lowDimensionalApplies(freeDims: number, norm: string, query: 'bl' | 'pi' = 'pi'): boolean {
  return norm === 'inf' && (query === 'bl' || freeDims <= PREIMAGE_PREPASS_MAX_DIMS);
}

/** Most free inputs of the PI pre-pass and of the radius queries' split path (whose first grid has 2^n cells). */
export const PREIMAGE_PREPASS_MAX_DIMS = 5;

/** Under 'auto', stats.method names the path that answered: 'auto:split', 'auto:direct', 'auto:l2-…'. */
export function ranUnderAuto<R extends QueryResult>(result: R, auto: boolean): R {
  if (!auto || result.status === 'error') return result;
  return { ...result, stats: { ...result.stats, method: `auto:${result.stats.method ?? 'direct'}` } };
}
