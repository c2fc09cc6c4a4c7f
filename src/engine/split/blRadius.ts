// The BL (safety) radius by the split certificate: a fold scan guesses the upper end and supplies a
// verified colliding pair; the lower end is always a split-certificate proof; bisection closes the gap.
// Every collision found tightens the upper end to max(‖x − c‖∞, ‖y − c‖∞), not just to the tried radius.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { ballBox } from './box';
import type { Collision } from './collision';
import { infDistance } from './collision';
import { nearestFold } from './foldScan';
import { certifyInjectiveOnBox } from './pairSearch';
import type { SplitOptions, SplitStats } from './types';
import { addStats, emptyStats } from './types';

export interface RadiusOutcome {
  /** Largest radius proved ε-injective (certified lower end). */
  readonly lower: number;
  /** Upper end: the distance of a verified collision, or the cap when none was found. */
  readonly upper: number;
  readonly witness: Collision | null;
  /** No collision anywhere up to the cap, and the cap itself certified. */
  readonly invertibleOnDomain: boolean;
  /** True when lower/upper bracket the radius to within the tolerance. */
  readonly resolved: boolean;
  readonly certifications: number;
  readonly reason?: string;
  readonly stats: SplitStats;
}

/** Wall-clock budget of one certification inside the radius search (seconds). */
export const CERTIFICATION_BUDGET_SECONDS = 20;

/** Largest r with B∞(c, r) ⊆ domain. */
export function capRadius(c: ArrayLike<number>, domain: Box): number {
  let cap = Infinity;
  for (let i = 0; i < c.length; i++) cap = Math.min(cap, c[i] - domain.lower[i], domain.upper[i] - c[i]);
  return Math.max(0, cap);
}

export async function blRadius(net: Network, c: Float64Array, domain: Box, tolerance: number,
  opts: SplitOptions): Promise<RadiusOutcome> {
  const stats = emptyStats();
  const cap = capRadius(c, domain);
  const eps = opts.epsilon;
  let lower = 0;
  let upper = cap;
  let witness: Collision | null = null;
  const seen = (col: Collision): void => {
    const d = Math.max(infDistance(col.x, c), infDistance(col.y, c));
    if (d < upper || (!witness && d <= upper)) { upper = d; witness = col; }
  };
  const scanStep = (2 * cap) / Math.pow(2e5, 1 / net.inputSize);
  opts.onProgress?.('radius: scanning det DF for the nearest fold');
  const fold = nearestFold(net, c, domain, cap, Math.max(scanStep, tolerance / 2), eps, tolerance / 4);
  if (fold?.collision) seen(fold.collision);
  let certifications = 0;
  let reason: string | undefined;
  // First try just below the best upper guess; afterwards plain bisection. With no collision yet, the
  // cap itself is tried once the bracket is closed, to decide "invertible on the whole domain".
  // After a collision just below the upper end, step down geometrically (galloping) before bisecting.
  let step = 0.6 * tolerance;
  let next: number | null = witness ? Math.max(0.5 * (lower + upper), upper - step)
    : fold ? Math.max(0, fold.distance - step) : cap;
  // A radius whose certification ran out of its budget caps the bisection from above (not a proof).
  let stuckAt = Infinity;
  const ceiling = (): number => Math.min(upper, stuckAt);
  for (;;) {
    if (next === null) {
      if (ceiling() - lower <= tolerance) break;
      next = 0.5 * (lower + ceiling());
    }
    if (next >= stuckAt) next = 0.5 * (lower + stuckAt);
    const r = next;
    next = null;
    opts.onProgress?.(`radius: certifying r = ${r.toFixed(6)} (bracket [${lower.toFixed(6)}, ${upper.toFixed(6)}])`);
    const perCertification = opts.deadlineSeconds ?? CERTIFICATION_BUDGET_SECONDS;
    const out = await certifyInjectiveOnBox(net, ballBox(c, r), { ...opts, deadlineSeconds: perCertification });
    certifications++;
    addStats(stats, out.stats);
    if (out.status === 'injective') {
      lower = Math.max(lower, r);
      if (!witness && lower < cap && upper - lower <= tolerance) next = cap;
      // Optimistic: the upper end usually sits within a tolerance of the radius.
      else if (witness && upper - lower > tolerance) next = Math.max(0.5 * (lower + upper), upper - 0.6 * tolerance);
    } else if (out.status === 'collision' && out.collision) {
      seen(out.collision);
      step *= 4;
      if (upper - lower > tolerance) next = Math.max(0.5 * (lower + upper), upper - step);
    } else {
      reason = out.reason ?? 'unresolved';
      stuckAt = r;
      if (r - lower <= tolerance) break;
    }
    if (lower >= cap) break;
  }
  const invertibleOnDomain = !witness && lower >= cap;
  return {
    lower, upper, witness, invertibleOnDomain, resolved: upper - lower <= tolerance || invertibleOnDomain,
    certifications, stats, ...(reason ? { reason } : {}),
  };
}
