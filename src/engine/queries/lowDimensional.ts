// The fast low-dimensional path (input splitting + Jacobian certificate), owned by H6.
// The MILP queries call it first when: free-input dimension ≤ 3, norm = inf, method not given (the default);
// an explicit --method direct runs the exact MILP path.
// Returning null means "not handled": the caller falls back to the exact MILP path.
//
// Contract (see /work/notes/h4-h6-interface.md):
// - Any witness in the returned result must be a real pair with separation ≥ request.epsilon; runQuery
//   re-verifies every witness (float64 + onnxruntime-web) after this returns and downgrades a failing one
//   to 'unresolved', so H6 need not call onnxruntime itself (but may use verifyPair from ../witness/check).
// - 'certified' must be a proof (Jacobian certificate / infeasible MILPs), stating tolerance and epsilon.
// - Radii: `radius` is the certified value (largest r proved injective, L∞), with radiusLower/radiusUpper
//   bracketing the true radius to within `tolerance`.
import type { QueryResult } from '../../shared/results';
import type { QueryContext } from './context';
import { runLowDimensional } from '../split/lowDimQuery';
import type { LowDimRequest } from '../split/types';

export type { LowDimRequest };

/** Fills in the fast path; null = fall back to the MILP. H6 replaces the body. */
export function tryLowDimensional(ctx: QueryContext, request: LowDimRequest): Promise<QueryResult | null> {
  return runLowDimensional(ctx, request);
}

/**
 * The dispatch rule, kept here so both sides agree on it. ≤ 3 free inputs: the split path answers. 4-5 free
 * inputs: a short budgeted split pre-pass that returns only decisive answers (a whole-box certificate or a
 * verified pair), otherwise null and the MILP path runs (measured crossover: bench/README.md).
 */
export function lowDimensionalApplies(freeDims: number, norm: string, method: string | undefined): boolean {
  return freeDims <= 5 && norm === 'inf' && method === undefined;
}
