// The radius result when no pair exists anywhere in the searched box. The radius is then only known to be at
// least the box's reach: it is reported as radiusLower with radiusUpper = null and no `radius`, so no caller can
// mistake the search cap for a radius. Status 'certified' is of the statement "radius ≥ radiusLower".
import type { Box } from '../bounds/types';
import type { NormName, QueryStats, RadiusBeyondBox } from '../../shared/results';
import { certified } from '../results/build';
import { normSymbol } from '../norms/norm';

/**
 * "B∞(c, 10)" when the searched region is that ball, "B∞(c, 2) ∩ domain" when the domain cuts it. `reach` is the
 * radius the search went to; every point of B(c, reach) ∩ domain in the query's norm was searched (L2 searches
 * the L∞ box, which holds the L2 ball).
 */
export function searchedBoxText(norm: NormName, center: ArrayLike<number>, reach: number, domain: Box): string {
  let cut = false;
  for (let i = 0; i < center.length; i++) {
    if (center[i] - reach < domain.lower[i] || center[i] + reach > domain.upper[i]) cut = true;
  }
  return `B${normSymbol[norm]}(c, ${Number(reach.toPrecision(7))})${cut ? ' ∩ domain' : ''}`;
}

export interface BeyondBox {
  readonly query: 'bl' | 'pi';
  readonly norm: NormName;
  readonly center: Float64Array;
  readonly domain: Box;
  /** Half-width of the searched box: the radius is at least this. */
  readonly reach: number;
  readonly tolerance: number;
  readonly epsilon: number;
  readonly stats: QueryStats;
}

export function radiusBeyondBox(b: BeyondBox): RadiusBeyondBox {
  const box = searchedBoxText(b.norm, b.center, b.reach, b.domain);
  const name = b.query === 'pi' ? 'R' : 'r';
  const what = b.query === 'pi'
    ? `no other preimage of F(c) within ${box}`
    : `injective on the whole searched box ${box} (no two of its points at L∞ distance ≥ ε = ${b.epsilon} share an image)`;
  return certified({
    query: b.query === 'pi' ? 'radius-pi' : 'radius-bl', norm: b.norm,
    objective: null, bound: null, gap: null, tolerance: b.tolerance, epsilon: b.epsilon,
    center: Array.from(b.center), domain: Array.from(b.domain.lower, (lo, i) => [lo, b.domain.upper[i]]),
    radiusLower: b.reach, radiusUpper: null, invertibleOnDomain: true, stats: b.stats,
    message: `certified: ${name} ≥ ${Number(b.reach.toPrecision(7))}: ${what}${b.query === 'pi' ? ` (separation floor ε = ${b.epsilon})` : ''}`,
  });
}
