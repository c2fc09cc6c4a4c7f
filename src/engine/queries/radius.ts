// The radius query: r_BL (safety radius) or R_PI (nearest other preimage), by the requested method.
// L∞/L1: auto (default: the split path where it applies, else direct), direct, bisection, or paper.
// L2: certified interval by cutting planes (../norms/l2Radius.ts).
import type { Box } from '../bounds/types';
import { InvalidArgument } from '../errors';
import type { NormName, RadiusResult } from '../../shared/results';
import type { RadiusMethod } from '../../shared/querySpec';
import { l2Radius } from '../norms/l2Radius';
import { domainReach } from './box';
import type { QueryContext } from './context';
import { lowDimensionalApplies, ranUnderAuto, tryLowDimensional } from './lowDimensional';
import { radiusBisection } from './radiusBisection';
import { radiusDirect } from './radiusDirect';

/** Default half-width of the domain around the centre when the caller gives none. */
export const DEFAULT_DOMAIN_HALF_WIDTH = 10;
export const DEFAULT_RADIUS_TOLERANCE = 1e-3;
/**
 * ε: pairs closer than this (L∞) are not counted as collisions. Far above HiGHS's absolute MIP feasibility
 * tolerance (1e-6), so x ≈ y "pairs" cannot pass. The BL radius is resolved to about ε/2 (stated in results).
 */
export const SEPARATION_FLOOR = 1e-4;

export interface RadiusQuery {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly norm: NormName;
  readonly method?: RadiusMethod;
  readonly tolerance?: number;
  readonly domain?: Box;
}

export async function runRadius(ctx: QueryContext, q: RadiusQuery): Promise<RadiusResult> {
  const tolerance = q.tolerance ?? DEFAULT_RADIUS_TOLERANCE;
  const epsilon = SEPARATION_FLOOR;
  const domain = q.domain ?? defaultDomain(q.center);
  const cap = domainReach(q.center, domain);
  const method = q.method ?? 'auto';
  const auto = method === 'auto';
  if (auto && lowDimensionalApplies(q.center.length, q.norm)) {
    const fast = await tryLowDimensional(ctx, { kind: 'radius', query: q.query, center: q.center, domain, tolerance, epsilon });
    // Its pairs passed the full acceptance rule (float64 + onnxruntime-web) before they ended a bracket.
    if (fast) return ranUnderAuto(fast, auto);
  }
  if (q.norm === '2') {
    if (method !== 'direct' && !auto) throw new InvalidArgument(`--method ${method} is not available for the L2 norm (its radius is a certified interval from cutting planes)`);
    return ranUnderAuto(await l2Radius(ctx, { query: q.query, center: q.center, domain, cap, tolerance: 0.01, epsilon }), auto);
  }
  if (method === 'paper' && q.norm !== 'inf') throw new InvalidArgument('--method paper is the paper\'s L∞ formulation: use --norm inf');
  const req = { query: q.query, center: q.center, norm: q.norm, domain, cap, tolerance, epsilon };
  if (method === 'direct' || auto) return ranUnderAuto(await radiusDirect(ctx, req), auto);
  return radiusBisection(ctx, req, method);
}

export function defaultDomain(center: ArrayLike<number>): Box {
  return {
    lower: Float64Array.from(center, (c) => c - DEFAULT_DOMAIN_HALF_WIDTH),
    upper: Float64Array.from(center, (c) => c + DEFAULT_DOMAIN_HALF_WIDTH),
  };
}
