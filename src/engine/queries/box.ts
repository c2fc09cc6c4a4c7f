// Boxes around a centre, cut to the user's domain.
import type { Box } from '../bounds/types';
import { InvalidDomain } from '../errors';

/** B∞(center, r) ∩ domain. Throws InvalidDomain when the centre lies outside the domain. */
export function ballBox(center: ArrayLike<number>, r: number, domain?: Box): Box {
  const n = center.length;
  const lower = new Float64Array(n), upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lower[i] = center[i] - r;
    upper[i] = center[i] + r;
    if (domain) {
      if (center[i] < domain.lower[i] || center[i] > domain.upper[i]) {
        throw new InvalidDomain(`centre coordinate ${i} (${center[i]}) lies outside the domain [${domain.lower[i]}, ${domain.upper[i]}]`);
      }
      lower[i] = Math.max(lower[i], domain.lower[i]);
      upper[i] = Math.min(upper[i], domain.upper[i]);
    }
  }
  return { lower, upper };
}

/** The largest r with B∞(center, r) ⊆ domain: the ball the split path's radius search caps itself at. */
export function inscribedRadius(center: ArrayLike<number>, domain: Box): number {
  let cap = Infinity;
  for (let i = 0; i < center.length; i++) cap = Math.min(cap, center[i] - domain.lower[i], domain.upper[i] - center[i]);
  return Math.max(0, cap);
}

/**
 * The smallest r with B∞(center, r) ⊇ domain: past it, B∞(center, r) ∩ domain is the whole domain (the cap of the
 * MILP radius drivers, which search the ball cut to the domain).
 */
export function domainReach(center: ArrayLike<number>, domain: Box): number {
  let r = 0;
  for (let i = 0; i < center.length; i++) r = Math.max(r, center[i] - domain.lower[i], domain.upper[i] - center[i]);
  return r;
}

export function boxFromSpec(spec: ReadonlyArray<readonly [number, number]>): Box {
  spec.forEach(([lo, hi], i) => {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw new InvalidDomain(`box entry ${i} is [${lo}, ${hi}]: need finite lo ≤ hi`);
  });
  return { lower: Float64Array.from(spec, (p) => p[0]), upper: Float64Array.from(spec, (p) => p[1]) };
}

export function unitVector(n: number, k: number, sign: number): Float64Array {
  const u = new Float64Array(n);
  u[k] = sign;
  return u;
}
