// L2 certify: max ‖x − y‖₂ (BL) or ‖x − c‖₂ (PI) over B₂(c, r), as a certified interval (HiGHS has no MIQCP).
// 2-D and 1-D: UPPER bound from an outer polygon of the ball and K objective directions u_j
//   (‖d‖₂ ≤ max_j ⟨u_j, d⟩ / cos(π/2K)); LOWER bound from verified pairs found inside an inner polygon.
//   K doubles until the relative gap is under the tolerance (default 1%).
// n ≥ 3: B∞(c, r/√n) ⊆ B₂(c, r) ⊆ B∞(c, r) with ‖d‖₂ ≤ √n‖d‖∞: a valid but wider interval, said so.
// First of all, an L∞ certificate on B∞(c, r) ⊇ B₂(c, r) certifies the L2 question (optimum ≤ √n·ε).
import type { Box } from '../bounds/types';
import type { QueryResult, Witness } from '../../shared/results';
import { verifyPair } from '../witness/check';
import { ballBox } from '../queries/box';
import { boxPairs, certifyPair, fmt } from '../queries/certifyPair';
import type { QueryContext } from '../queries/context';
import { buildPairMip } from '../queries/pairMip';
import { boundsFor, proved, solveMilp } from '../queries/solveMilp';
import { distance } from './norm';
import { fullCircle, halfCircle } from './directions';

export interface L2CertifyRequest {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly radius: number;
  /** Optimum tolerance (separation floor). */
  readonly tolerance: number;
  /** Relative gap target of the interval. */
  readonly gapTolerance: number;
  readonly domain?: Box;
}

export async function l2Certify(ctx: QueryContext, req: L2CertifyRequest): Promise<QueryResult> {
  const started = Date.now();
  const c = req.center, n = c.length, r = req.radius;
  const inBall = (rho: number) => (p: Float64Array) => distance(p, c, '2') <= rho * (1 + 1e-9) + 1e-12;
  let lower = 0, upper = Infinity, solves = 0, allProved = true;
  let best: Witness | undefined;
  const note = (w: Witness | undefined) => { if (w && w.separation > lower) { lower = w.separation; best = w; } };
  // B₂(c, r) ⊆ B∞(c, r): an L∞ certificate there (no pair with ‖d‖∞ ≥ ε) bounds the L2 optimum by √n·ε.
  const linf = await certifyPair(ctx, { query: req.query, center: c, radius: r, norm: 'inf', method: 'direct', tolerance: req.tolerance, ...(req.domain ? { domain: req.domain } : {}) });
  solves += linf.result.stats.solves ?? 0;
  if (linf.result.status === 'certified') {
    upper = Math.sqrt(n) * req.tolerance;
  } else if (n >= 3) {
    const inner = await certifyPair(ctx, { query: req.query, center: c, radius: r / Math.sqrt(n), norm: 'inf', method: 'direct', tolerance: req.tolerance, ...(req.domain ? { domain: req.domain } : {}) });
    const outer = await certifyPair(ctx, { query: req.query, center: c, radius: r, norm: 'inf', method: 'direct', tolerance: req.tolerance, ...(req.domain ? { domain: req.domain } : {}) });
    solves += (inner.result.stats.solves ?? 0) + (outer.result.stats.solves ?? 0);
    if (inner.pair) note(await l2Witness(ctx, req, inner.pair.x, req.query === 'pi' ? null : inner.pair.y, inBall(r)));
    const ob = outer.result.status === 'certified' ? req.tolerance : outer.result.bound;
    allProved = inner.result.status !== 'unresolved' && outer.result.status !== 'unresolved';
    upper = ob === null ? Infinity : Math.sqrt(n) * ob;
  } else {
    const box = ballBox(c, r, req.domain);
    const bounds = await boundsFor(ctx, ctx.state.net, box, 'lp');
    for (let K = 16; K <= 128; K *= 2) {
      const objDirs = n === 1 ? (req.query === 'bl' ? [Float64Array.of(1)] : [Float64Array.of(1), Float64Array.of(-1)]) : (req.query === 'bl' ? halfCircle(K) : fullCircle(2 * K));
      const cosObj = n === 1 ? 1 : Math.cos(Math.PI / (2 * K));
      const polygon = n === 1 ? [Float64Array.of(1), Float64Array.of(-1)] : fullCircle(2 * K);
      const cosPoly = n === 1 ? 1 : Math.cos(Math.PI / (2 * K));
      let roundUpper = 0;
      const found = new Set<number>();
      for (const [radius, outerSide] of [[r, true], [r * cosPoly, false]] as const) {
        for (const [j, u] of objDirs.entries()) {
          // The inner polygon lies inside the outer one: where the outer MILP found nothing, so will the inner.
          if (!outerSide && !found.has(j)) continue;
          const mip = buildPairMip({
            net: ctx.state.net, box, bounds,
            ball: { norm: 'poly', center: c, radius, dirs: polygon },
            objective: { kind: 'linear', u, floor: req.tolerance },
            ...(req.query === 'pi' ? { fixedSecond: c } : {}),
          });
          const res = await solveMilp(ctx, mip.problem, `L2 ${outerSide ? 'outer' : 'inner'} K=${K}`);
          solves++;
          if (!proved(res)) allProved = false;
          if (outerSide) roundUpper = Math.max(roundUpper, res.status === 'infeasible' ? req.tolerance : (res.bound ?? Infinity) / cosObj);
          if (!res.colValue || res.objective === null || res.status === 'infeasible') continue;
          if (outerSide) found.add(j);
          const x = Float64Array.from(mip.xCols, (col) => res.colValue?.[col] ?? NaN);
          const y = mip.yCols ? Float64Array.from(mip.yCols, (col) => res.colValue?.[col] ?? NaN) : null;
          note(await l2Witness(ctx, req, x, y, inBall(r)));
        }
      }
      upper = Math.min(upper, roundUpper);
      if (upper <= req.tolerance || (lower > 0 && upper - lower <= req.gapTolerance * upper) || n === 1) break;
    }
  }
  upper = Math.max(upper, lower);
  const certifiedByLinf = linf.result.status === 'certified';
  const gap = upper > 0 && Number.isFinite(upper) ? (upper - lower) / upper : null;
  const base = { query: req.query, norm: '2', tolerance: req.tolerance, epsilon: req.tolerance, center: Array.from(c), boxRadius: r, domain: boxPairs(ballBox(c, r, req.domain)), objectiveLower: lower, objectiveUpper: upper,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method: certifiedByLinf ? 'l2-from-linf-certificate' : n >= 3 ? 'l2-linf-sandwich' : 'l2-polygons', solves } } as const;
  const interval = `[${fmt(lower)}, ${fmt(upper)}]`;
  if (certifiedByLinf || (allProved && upper <= req.tolerance)) {
    return { ...base, status: 'certified', objective: 0, bound: upper, gap, message: `certified: ${req.query === 'bl' ? 'injective' : 'no other preimage of F(c)'} on B₂(c, ${r}) (L2 optimum ≤ ${fmt(upper)})` };
  }
  if (best && lower > req.tolerance) {
    return { ...base, status: 'counterexample', objective: lower, bound: upper, gap, witness: best, message: `counterexample in B₂(c, ${r}): L2 optimum in ${interval}` };
  }
  return { ...base, status: 'unresolved', objective: lower, bound: Number.isFinite(upper) ? upper : null, gap, message: `unresolved: L2 optimum in ${interval}` };
}

async function l2Witness(ctx: QueryContext, req: L2CertifyRequest, x: Float64Array, y: Float64Array | null, inDomain: (p: Float64Array) => boolean): Promise<Witness | undefined> {
  const box = ballBox(req.center, req.radius, req.domain);
  const v = await verifyPair({ state: ctx.state, box, norm: '2', minSeparation: 0, inDomain, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) }, x, y, req.query === 'pi' ? req.center : null);
  return v.ok ? v.witness : undefined;
}
