// Direct radius (default): grow the ball ×5 with yes/no MILPs until a verified pair appears, then solve
// min t s.t. x, y ∈ B(c, t), F(x) = F(y), d_k ≥ ε, one MILP per direction (BL: + sign only, by symmetry),
// over the box B∞(c, r_hi) where the pair was found, with t ≥ r_lo (already certified) as a cut.
// The result is the ε-radius: the smallest ball holding a pair at L∞ separation ≥ ε (ε stated).
import type { Box } from '../bounds/types';
import { distance } from '../norms/norm';
import type { RadiusResult } from '../../shared/results';
import { certified, unresolved } from '../results/build';
import type { VerifiedWitness } from '../witness/check';
import { verifyPair } from '../witness/check';
import { ballBox } from './box';
import { certifyPair, directions, boxPairs, fmt } from './certifyPair';
import type { QueryContext } from './context';
import { buildPairMip } from './pairMip';
import { radiusBeyondBox } from './radiusBeyondBox';
import { boundsFor, proved, solveMilp } from './solveMilp';

/** Bisect with yes/no MILPs until hi ≤ NARROW_RATIO · lo before the exact minimisation. */
const NARROW_RATIO = 1.1;

export interface RadiusRequest {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly norm: 'inf' | '1';
  readonly domain: Box;
  /** Cap of the growth phase: the largest ball radius that still meets the domain. */
  readonly cap: number;
  readonly tolerance: number;
  readonly epsilon: number;
}

export interface Bracket {
  readonly lo: number;
  readonly hi: number | null;
  readonly pair: { x: Float64Array; y: Float64Array } | null;
  /** The re-checked witness of `pair`. */
  readonly witness?: VerifiedWitness;
  readonly solves: number;
  /** null when every step was proved; otherwise why it stopped. */
  readonly unresolved: string | null;
}

/**
 * Geometric growth from 0.1, capped at the domain: ×5 for the paper's driver, ×2 for ours (a pair found in a
 * smaller box makes every later MILP cheaper: fewer unstable neurons).
 */
export async function growBracket(ctx: QueryContext, req: RadiusRequest, method: 'direct' | 'paper', factor = method === 'paper' ? 5 : 2): Promise<Bracket> {
  let lo = 0;
  let r = Math.min(0.1, req.cap);
  let solves = 0;
  for (;;) {
    ctx.onProgress?.({ phase: 'radius', message: `radius: trying r = ${fmt(r)}` });
    const out = await certifyPair(ctx, { query: req.query, center: req.center, radius: r, norm: req.norm, method, tolerance: req.epsilon, domain: req.domain, feasibilityOnly: method === 'direct' });
    solves += out.result.stats.solves ?? 1;
    if (out.result.status === 'counterexample' && out.pair) {
      const hi = Math.min(r, pairRadius(out.pair, req));
      reportBracket(ctx, req, lo, hi, out.pair.witness);
      return { lo, hi, pair: out.pair, witness: out.pair.witness, solves, unresolved: null };
    }
    if (out.result.status !== 'certified') return { lo, hi: r, pair: null, solves, unresolved: out.result.message };
    lo = r;
    reportBracket(ctx, req, lo, null, undefined);
    if (r >= req.cap) return { lo, hi: null, pair: null, solves, unresolved: null };
    r = Math.min(factor * r, req.cap);
  }
}

export function pairRadius(pair: { x: Float64Array; y: Float64Array }, req: { center: Float64Array; norm: 'inf' | '1' | '2'; query: 'bl' | 'pi' }): number {
  const dx = distance(pair.x, req.center, req.norm);
  return req.query === 'pi' ? dx : Math.max(dx, distance(pair.y, req.center, req.norm));
}

/**
 * The bracket so far as an 'unresolved' radius result, for a cancel to keep (QueryContext.onPartial). An upper end
 * is stated only with its re-checked pair.
 */
export function reportBracket(ctx: QueryContext, req: RadiusRequest, lo: number, hi: number | null, witness: VerifiedWitness | undefined): void {
  if (!ctx.onPartial) return;
  const upper = hi !== null && witness ? { radiusUpper: hi, witness } : {};
  ctx.onPartial(unresolved({
    query: req.query === 'bl' ? 'radius-bl' : 'radius-pi', norm: req.norm, objective: null, bound: lo, gap: null,
    tolerance: req.tolerance, epsilon: req.epsilon, center: Array.from(req.center), domain: boxPairs(req.domain), radiusLower: lo, ...upper,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 0 },
    message: `unresolved: radius ${'witness' in upper ? `in [${fmt(lo)}, ${fmt(hi ?? NaN)}]` : `≥ ${fmt(lo)}`}`,
  }));
}

export async function radiusDirect(ctx: QueryContext, req: RadiusRequest): Promise<RadiusResult> {
  const started = Date.now();
  const grown = await growBracket(ctx, req, 'direct');
  let solves = grown.solves;
  const kind = req.query === 'bl' ? 'radius-bl' : 'radius-pi';
  const base = { query: kind, norm: req.norm, tolerance: req.tolerance, epsilon: req.epsilon, center: Array.from(req.center), domain: boxPairs(req.domain) } as const;
  const stats = (extra: { binaries?: number; unstable?: number; nodes?: number } = {}) => ({ binaries: extra.binaries ?? 0, unstable: extra.unstable ?? 0, nodes: extra.nodes ?? 0, seconds: (Date.now() - started) / 1000, method: 'direct', solves });
  if (grown.hi === null) {
    return radiusBeyondBox({ query: req.query, norm: req.norm, center: req.center, domain: req.domain, reach: grown.lo, tolerance: req.tolerance, epsilon: req.epsilon, stats: stats() });
  }
  if (!grown.pair) {
    // The growth stopped at a radius it could not decide: no pair is known, so the radius has no upper end.
    return unresolved({ ...base, objective: null, bound: null, gap: null, radiusLower: grown.lo, radiusUpper: null, stats: stats(),
      message: `unresolved: radius ≥ ${fmt(grown.lo)}; undecided at ${fmt(grown.hi)}: ${grown.unresolved ?? ''}` });
  }
  // Narrow the bracket with yes/no MILPs first: the min-t MILP is much cheaper over a small box.
  let hi = grown.hi;
  let lo = grown.lo;
  let best = grown.pair;
  let witness = grown.witness;
  while (lo > 0 && hi > NARROW_RATIO * lo) {
    const mid = (lo + hi) / 2;
    ctx.onProgress?.({ phase: 'radius', message: `radius: narrowing [${fmt(lo)}, ${fmt(hi)}]`, bracket: [lo, hi] });
    const out = await certifyPair(ctx, { query: req.query, center: req.center, radius: mid, norm: req.norm, method: 'direct', tolerance: req.epsilon, domain: req.domain, feasibilityOnly: true });
    solves += out.result.stats.solves ?? 1;
    if (out.result.status === 'certified') lo = mid;
    else if (out.result.status === 'counterexample' && out.pair) { best = out.pair; hi = Math.min(mid, pairRadius(out.pair, req)); witness = out.pair.witness; }
    else break;
    reportBracket(ctx, req, lo, hi, witness);
  }
  const box = ballBox(req.center, hi, req.domain);
  const net = ctx.state.net;
  const bounds = await boundsFor(ctx, net, box, 'lp');
  const check = { state: ctx.state, box, norm: req.norm, minSeparation: req.epsilon * 0.5, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) };
  let lower = Infinity;
  let allProved = true;
  let binaries = 0, unstable = 0, nodes = 0;
  for (const u of directions(req.center.length, req.query)) {
    const mip = buildPairMip({
      net, box, bounds,
      ball: { norm: req.norm, center: req.center, radius: 'variable' },
      objective: { kind: 'minRadius', u, floor: req.epsilon, tLower: lo, tUpper: hi },
      ...(req.query === 'pi' ? { fixedSecond: req.center } : {}),
    });
    binaries = Math.max(binaries, mip.binaries); unstable = mip.unstable;
    const r = await solveMilp(ctx, mip.problem, `radius direction ${u.join(',')}`, { mipRelGap: 1e-9, mipAbsGap: 1e-9 });
    solves++; nodes += r.nodes;
    if (r.status === 'infeasible') { lower = Math.min(lower, hi); continue; }
    if (!proved(r)) allProved = false;
    lower = Math.min(lower, Math.max(lo, r.bound ?? lo));
    if (!r.colValue || r.objective === null) continue;
    const x = Float64Array.from(mip.xCols, (col) => r.colValue?.[col] ?? NaN);
    const y = mip.yCols ? Float64Array.from(mip.yCols, (col) => r.colValue?.[col] ?? NaN) : null;
    const v = await verifyPair(check, x, y, req.query === 'pi' ? req.center : null);
    if (!v.ok) { allProved = false; continue; }
    const pr = pairRadius(v, req);
    if (pr < hi) { hi = pr; best = { x: v.x, y: v.y }; }
  }
  lower = Math.min(lower, hi);
  const check2 = await verifyPair({ ...check, box: ballBox(req.center, hi * (1 + 1e-9) + 1e-12, req.domain) }, best.x, req.query === 'pi' ? null : best.y, req.query === 'pi' ? req.center : null);
  // The upper end is a radius only with its pair re-checked: without it the answer stays unresolved.
  const gap = hi > 0 ? (hi - lower) / hi : 0;
  if (allProved && check2.ok) {
    return certified({
      ...base, objective: hi, bound: lower, gap, radius: hi, radiusLower: lower, radiusUpper: hi, boxRadius: hi, witness: check2.witness,
      stats: stats({ binaries, unstable, nodes }),
      message: `radius ${fmt(hi)}: the nearest ${req.query === 'bl' ? 'colliding pair' : 'other preimage of F(c)'} (L${req.norm === 'inf' ? '∞' : '1'}, separation floor ε = ${req.epsilon}), proved minimal by HiGHS`,
    });
  }
  return unresolved({
    ...base, objective: null, bound: lower, gap, radiusLower: lower, radiusUpper: hi, boxRadius: hi, ...(check2.ok ? { witness: check2.witness } : {}),
    stats: stats({ binaries, unstable, nodes }),
    message: `unresolved: radius in [${fmt(lower)}, ${fmt(hi)}]${check2.ok ? '' : `: the pair at ${fmt(hi)} failed re-checking (${check2.reason})`}`,
  });
}
