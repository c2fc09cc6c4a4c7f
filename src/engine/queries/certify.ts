// The certify query: BL or PI on one ball, any norm. Dispatches to the fast path, the L2 bounds or the exact MILPs.
import { InvalidArgument } from '../errors';
import type { NormName, QueryResult } from '../../shared/results';
import type { RadiusMethod } from '../../shared/querySpec';
import type { Box } from '../bounds/types';
import { l2Certify } from '../norms/l2Certify';
import { ballBox } from './box';
import { certifyPair } from './certifyPair';
import type { QueryContext } from './context';
import { lowDimensionalApplies, ranUnderAuto, tryLowDimensional } from './lowDimensional';

/** Default optimum tolerance = separation floor ε of the certify query. */
export const DEFAULT_CERTIFY_TOLERANCE = 1e-4;

export interface CertifyQuery {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly radius: number;
  readonly norm: NormName;
  readonly method?: RadiusMethod;
  readonly tolerance?: number;
  readonly domain?: Box;
}

export async function runCertify(ctx: QueryContext, q: CertifyQuery): Promise<QueryResult> {
  if (!(q.radius > 0) || !Number.isFinite(q.radius)) throw new InvalidArgument(`--radius must be a positive number, got ${q.radius}`);
  const tolerance = q.tolerance ?? DEFAULT_CERTIFY_TOLERANCE;
  const method = q.method ?? 'auto';
  if (method === 'paper' && q.norm !== 'inf') throw new InvalidArgument('--method paper is the paper\'s L∞ formulation: use --norm inf');
  if (method === 'bisection') throw new InvalidArgument('--method bisection is a radius driver: certify takes auto, direct or paper');
  const box = ballBox(q.center, q.radius, q.domain);
  const auto = method === 'auto';
  if (auto && lowDimensionalApplies(q.center.length, q.norm)) {
    const fast = await tryLowDimensional(ctx, { kind: 'certify', query: q.query, center: q.center, radius: q.radius, box, epsilon: tolerance, tolerance });
    // Its pair, if any, passed the full acceptance rule (float64 + onnxruntime-web) in lowDimQuery.
    if (fast) return ranUnderAuto(fast, auto);
  }
  if (q.norm === '2') return ranUnderAuto(await l2Certify(ctx, { query: q.query, center: q.center, radius: q.radius, tolerance, gapTolerance: 0.01, ...(q.domain ? { domain: q.domain } : {}) }), auto);
  const out = await certifyPair(ctx, { query: q.query, center: q.center, radius: q.radius, norm: q.norm, method: auto ? 'direct' : method, tolerance, ...(q.domain ? { domain: q.domain } : {}) });
  return ranUnderAuto(out.result, auto);
}
