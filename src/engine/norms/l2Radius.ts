// L2 radius as a certified interval. HiGHS has no MIQCP, so the L2 ball is replaced by a polyhedron that
// contains it (cuts ⟨v, p − c⟩ ≤ t): the relaxed min t is a LOWER bound, and each verified pair's true L2
// radius an UPPER bound. Cuts are added at the points the relaxation returns (Kelley) until the relative
// gap is below the tolerance (default 1%) or no cut helps. Never reported as exact.
import type { Box } from '../bounds/types';
import type { RadiusResult } from '../../shared/results';
import { certified, unresolved } from '../results/build';
import { verifyPair } from '../witness/check';
import { ballBox } from '../queries/box';
import { boxPairs, directions, fmt } from '../queries/certifyPair';
import type { QueryContext } from '../queries/context';
import { buildPairMip } from '../queries/pairMip';
import { growBracket, pairRadius } from '../queries/radiusDirect';
import { radiusBeyondBox } from '../queries/radiusBeyondBox';
import { boundsFor, proved, solveMilp } from '../queries/solveMilp';
import { distance } from './norm';
import { initialDirections } from './directions';

export interface L2RadiusRequest {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly domain: Box;
  readonly cap: number;
  /** Relative gap target between the lower and upper bound. */
  readonly tolerance: number;
  readonly epsilon: number;
  readonly maxRounds?: number;
}

export async function l2Radius(ctx: QueryContext, req: L2RadiusRequest): Promise<RadiusResult> {
  const started = Date.now();
  const c = req.center;
  const n = c.length;
  const kind = req.query === 'bl' ? 'radius-bl' : 'radius-pi';
  const base = { query: kind, norm: '2', tolerance: req.tolerance, epsilon: req.epsilon, center: Array.from(c), domain: boxPairs(req.domain) } as const;
  // L∞ growth first: B₂(c, r) ⊆ B∞(c, r), so an L∞ certificate at r proves the L2 radius ≥ r.
  const grown = await growBracket(ctx, { query: req.query, center: c, norm: 'inf', domain: req.domain, cap: req.cap, tolerance: req.tolerance, epsilon: req.epsilon }, 'direct');
  let solves = grown.solves;
  const stats = () => ({ binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method: 'l2-cutting-planes', solves });
  if (grown.hi === null) {
    // The L∞ box B∞(c, lo) holds the L2 ball of the same radius, so the L2 radius is at least lo.
    return radiusBeyondBox({ query: req.query, norm: '2', center: c, domain: req.domain, reach: grown.lo, tolerance: req.tolerance, epsilon: req.epsilon, stats: stats() });
  }
  if (!grown.pair) {
    return unresolved({ ...base, objective: null, bound: null, gap: null, radiusLower: grown.lo, radiusUpper: null, stats: stats(), message: `unresolved: radius ≥ ${fmt(grown.lo)}: ${grown.unresolved ?? ''}` });
  }
  let best = grown.pair;
  let upper = pairRadius(best, { center: c, norm: '2', query: req.query });
  const box = ballBox(c, upper, req.domain);
  const bounds = await boundsFor(ctx, ctx.state.net, box, 'lp');
  const check = { state: ctx.state, box, norm: '2' as const, minSeparation: req.epsilon * 0.5, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) };
  const cuts = initialDirections(n);
  const dirs = directions(n, req.query);
  const lowerOf = dirs.map(() => grown.lo);
  const stale = dirs.map(() => true);
  let allProved = true;
  for (let round = 0; round < (req.maxRounds ?? 40); round++) {
    // Re-solve the direction that sets the lower bound (others are already at least as high).
    let k = -1;
    for (let i = 0; i < dirs.length; i++) if (stale[i] && (k < 0 || lowerOf[i] < lowerOf[k])) k = i;
    if (k < 0) break;
    const mip = buildPairMip({
      net: ctx.state.net, box, bounds,
      ball: { norm: 'poly', center: c, radius: 'variable', dirs: cuts },
      objective: { kind: 'minRadius', u: dirs[k], floor: req.epsilon, tLower: grown.lo, tUpper: upper },
      ...(req.query === 'pi' ? { fixedSecond: c } : {}),
    });
    const r = await solveMilp(ctx, mip.problem, `L2 radius round ${round + 1}`);
    solves++;
    stale[k] = false;
    if (r.status === 'infeasible') { lowerOf[k] = upper; continue; }
    if (!proved(r)) { allProved = false; lowerOf[k] = Math.max(lowerOf[k], r.bound ?? lowerOf[k]); continue; }
    lowerOf[k] = Math.max(lowerOf[k], r.objective ?? lowerOf[k]);
    if (!r.colValue) continue;
    const x = Float64Array.from(mip.xCols, (col) => r.colValue?.[col] ?? NaN);
    const y = mip.yCols ? Float64Array.from(mip.yCols, (col) => r.colValue?.[col] ?? NaN) : null;
    const v = await verifyPair(check, x, y, req.query === 'pi' ? c : null);
    if (v.ok) {
      const pr = pairRadius(v, { center: c, norm: '2', query: req.query });
      if (pr < upper) { upper = pr; best = { x: v.x, y: v.y }; }
    }
    // Cut off the relaxed points that stick out of the true ball; the direction must then be re-solved.
    const t = r.objective ?? 0;
    for (const p of y ? [x, y] : [x]) {
      const len = distance(p, c, '2');
      if (len > t * (1 + req.tolerance / 4) && len > 0) { cuts.push(p.map((v2, i) => (v2 - c[i]) / len)); stale[k] = true; }
    }
    const lower = Math.min(...lowerOf);
    if (upper - lower <= req.tolerance * upper) break;
  }
  const lower = Math.min(upper, ...lowerOf);
  const v = await verifyPair({ ...check, box: ballBox(c, upper * (1 + 1e-9) + 1e-12, req.domain) }, best.x, req.query === 'pi' ? null : best.y, req.query === 'pi' ? c : null);
  const gap = upper > 0 ? (upper - lower) / upper : 0;
  // The upper end is a radius only with its pair re-checked.
  const met = allProved && gap <= req.tolerance && v.ok;
  const found = {
    ...base, objective: null, objectiveLower: lower, objectiveUpper: upper, bound: lower, gap, radiusLower: lower, radiusUpper: upper, stats: stats(),
    message: `L2 radius in [${fmt(lower)}, ${fmt(upper)}] (relative gap ${(gap * 100).toFixed(2)}%${met ? '' : v.ok ? `, target ${req.tolerance * 100}% not met` : `, the pair at the upper end failed re-checking: ${v.reason}`}; ε = ${req.epsilon})`,
  };
  if (met && v.ok) return certified({ ...found, witness: v.witness });
  return unresolved({ ...found, ...(v.ok ? { witness: v.witness } : {}) });
}
