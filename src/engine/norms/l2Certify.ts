// L2 certify: max ‖x − y‖₂ (BL) or ‖x − c‖₂ (PI) over B₂(c, r), as a certified interval (HiGHS has no MIQCP).
// 2-D and 1-D: UPPER bound from an outer polygon of the ball and objective sectors u_j
//   (‖d‖₂ ≤ ⟨u_j, d⟩ / cos(half-width)); LOWER bound from verified pairs found inside an inner polygon.
//   Sectors are split until the relative gap is under the tolerance (default 1%).
// n ≥ 3: B∞(c, r/√n) ⊆ B₂(c, r) ⊆ B∞(c, r) with ‖d‖₂ ≤ √n‖d‖∞: a valid but wider interval, said so.
// First of all, an L∞ certificate on B∞(c, r) ⊇ B₂(c, r) certifies the L2 question (optimum ≤ √n·ε).
import type { Box } from '../bounds/types';
import type { CertifyResult } from '../../shared/results';
import { certified, counterexample, unresolved } from '../results/build';
import type { VerifiedWitness } from '../witness/check';
import { verifyPair } from '../witness/check';
import { ballBox } from '../queries/box';
import { boxPairs, certifyPair, fmt } from '../queries/certifyPair';
import type { QueryContext } from '../queries/context';
import { buildPairMip } from '../queries/pairMip';
import { boundsFor, proved, solveMilp } from '../queries/solveMilp';
import { distance } from './norm';
import { fullCircle } from './directions';

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

export async function l2Certify(ctx: QueryContext, req: L2CertifyRequest): Promise<CertifyResult> {
  const started = Date.now();
  const c = req.center, n = c.length, r = req.radius;
  const inBall = (rho: number) => (p: Float64Array) => distance(p, c, '2') <= rho * (1 + 1e-9) + 1e-12;
  let lower = 0, upper = Infinity, solves = 0, allProved = true;
  let best: VerifiedWitness | undefined;
  const note = (w: VerifiedWitness | undefined) => { if (w && w.separation > lower) { lower = w.separation; best = w; } };
  // B₂(c, r) ⊆ B∞(c, r): an L∞ certificate there (no pair with ‖d‖∞ ≥ ε) bounds the L2 optimum by √n·ε.
  const linf = await certifyPair(ctx, { query: req.query, center: c, radius: r, norm: 'inf', method: 'direct', tolerance: req.tolerance, feasibilityOnly: true, ...(req.domain ? { domain: req.domain } : {}) });
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
    const res = await polygonBounds(ctx, req, inBall(r));
    solves += res.solves;
    allProved = res.allProved;
    upper = res.upper;
    for (const w of res.witnesses) note(w);
  }
  upper = Math.max(upper, lower);
  const certifiedByLinf = linf.result.status === 'certified';
  const gap = upper > 0 && Number.isFinite(upper) ? (upper - lower) / upper : null;
  const base = { query: req.query, norm: '2', tolerance: req.tolerance, epsilon: req.tolerance, center: Array.from(c), boxRadius: r, domain: boxPairs(ballBox(c, r, req.domain)), objectiveLower: lower, objectiveUpper: upper,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method: certifiedByLinf ? 'l2-from-linf-certificate' : n >= 3 ? 'l2-linf-sandwich' : 'l2-polygons', solves } } as const;
  const interval = `[${fmt(lower)}, ${fmt(upper)}]`;
  if (certifiedByLinf || (allProved && upper <= req.tolerance)) {
    return certified({ ...base, objective: 0, bound: upper, gap, message: `certified: ${req.query === 'bl' ? 'injective' : 'no other preimage of F(c)'} on B₂(c, ${r}) (L2 optimum ≤ ${fmt(upper)})` });
  }
  if (best && lower > req.tolerance) {
    return counterexample({ ...base, objective: null, bound: upper, gap, witness: best, message: `counterexample in B₂(c, ${r}): L2 optimum in ${interval}` });
  }
  return unresolved({ ...base, objective: null, bound: Number.isFinite(upper) ? upper : null, gap, message: `unresolved: L2 optimum in ${interval}` });
}

async function l2Witness(ctx: QueryContext, req: L2CertifyRequest, x: Float64Array, y: Float64Array | null, inDomain: (p: Float64Array) => boolean): Promise<VerifiedWitness | undefined> {
  const box = ballBox(req.center, req.radius, req.domain);
  const v = await verifyPair({ state: ctx.state, box, norm: '2', minSeparation: 0, inDomain, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) }, x, y, req.query === 'pi' ? req.center : null);
  return v.ok ? v.witness : undefined;
}

interface Sector { readonly angle: number; readonly half: number; }

/**
 * n ≤ 2. The domain ball is cut to a fine polygon (outer: contains the ball; inner: inside it). Objective
 * directions are sectors: for d within `half` of u, ‖d‖₂ ≤ ⟨u, d⟩ / cos(half), so max_j opt_j / cos(half_j)
 * is an UPPER bound. Only sectors whose bound still exceeds the best verified pair (LOWER bound) by more
 * than the gap tolerance are split in two, so refinement concentrates where the optimum is.
 */
async function polygonBounds(ctx: QueryContext, req: L2CertifyRequest, inDomain: (p: Float64Array) => boolean): Promise<{ upper: number; solves: number; allProved: boolean; witnesses: VerifiedWitness[] }> {
  const c = req.center, n = c.length, r = req.radius;
  const box = ballBox(c, r, req.domain);
  const bounds = await boundsFor(ctx, ctx.state.net, box, 'lp');
  const POLY = 256;
  const polygon = n === 1 ? [Float64Array.of(1), Float64Array.of(-1)] : fullCircle(POLY);
  const shrink = n === 1 ? 1 : Math.cos(Math.PI / POLY);
  const witnesses: VerifiedWitness[] = [];
  let lower = 0, solves = 0, allProved = true;
  const solveDir = async (u: Float64Array, radius: number): Promise<{ bound: number; feasible: boolean }> => {
    const mip = buildPairMip({
      net: ctx.state.net, box, bounds, ball: { norm: 'poly', center: c, radius, dirs: polygon },
      objective: { kind: 'linear', u, floor: req.tolerance }, ...(req.query === 'pi' ? { fixedSecond: c } : {}),
    });
    const res = await solveMilp(ctx, mip.problem, 'L2 sector');
    solves++;
    if (!proved(res)) allProved = false;
    if (res.status === 'infeasible') return { bound: req.tolerance, feasible: false };
    if (res.colValue && res.objective !== null) {
      const x = Float64Array.from(mip.xCols, (col) => res.colValue?.[col] ?? NaN);
      const y = mip.yCols ? Float64Array.from(mip.yCols, (col) => res.colValue?.[col] ?? NaN) : null;
      const w = await l2Witness(ctx, req, x, y, inDomain);
      if (w) { witnesses.push(w); lower = Math.max(lower, w.separation); }
    }
    return { bound: res.bound ?? Infinity, feasible: res.colValue !== null };
  };
  const vec = (a: number): Float64Array => (n === 1 ? Float64Array.of(Math.cos(a) >= 0 ? 1 : -1) : Float64Array.of(Math.cos(a), Math.sin(a)));
  // BL: d and −d are both attained (swap x, y), so half the circle suffices.
  const span = req.query === 'bl' ? Math.PI : 2 * Math.PI;
  const K0 = n === 1 ? (req.query === 'bl' ? 1 : 2) : 8;
  let open: Sector[] = Array.from({ length: K0 }, (_, j) => ({ angle: (span * (j + 0.5)) / K0 - (n === 1 ? span / (2 * K0) : 0), half: n === 1 ? 0 : span / (2 * K0) }));
  let settled = 0;
  for (let depth = 0; depth < 8 && open.length > 0; depth++) {
    const scored: Array<{ s: Sector; ub: number }> = [];
    for (const s of open) {
      const u = vec(s.angle);
      const out = await solveDir(u, r);
      // An inner solve (pairs truly inside the ball) only where the outer one found something.
      if (out.feasible) await solveDir(u, r * shrink);
      scored.push({ s, ub: out.bound / Math.cos(s.half) });
    }
    const target = (x: number): boolean => x > Math.max(req.tolerance, lower * (1 + req.gapTolerance));
    for (const { ub } of scored) if (!target(ub)) settled = Math.max(settled, ub);
    open = scored.filter(({ ub }) => target(ub)).flatMap(({ s }) => (s.half === 0 ? [] : [
      { angle: s.angle - s.half / 2, half: s.half / 2 }, { angle: s.angle + s.half / 2, half: s.half / 2 },
    ]));
    if (open.length === 0) break;
    if (depth === 7) settled = Math.max(settled, ...scored.filter(({ ub }) => target(ub)).map(({ ub }) => ub));
  }
  return { upper: Math.max(settled, lower), solves, allProved, witnesses };
}
