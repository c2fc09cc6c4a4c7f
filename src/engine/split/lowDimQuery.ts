// Maps the split path's outcomes onto the shared QueryResult shape that certify and radius return (lowDimensional.ts).
// A pair found here is the first one found, not the farthest: `objective` stays null (it holds proven optima only)
// and the pair's separation is in witness.separation. Every pair is accepted by the full rule (verifyPair: float64 +
// onnxruntime-web against ctx's model) before it is reported or ends a radius bracket; a pair that fails makes the
// answer 'unresolved' (or, inside a radius search, settles nothing).
import type { Network, RestrictedNetwork } from '../ir/network';
import type { Box } from '../bounds/types';
import { containsPoint } from './box';
import { nearestFold } from './foldScan';
import type { CertifyResult, QueryResult, QueryStats, RadiusResult } from '../../shared/results';
import { certified, counterexample, unresolved } from '../results/build';
import type { QueryContext } from '../queries/context';
import { budgetLeftSeconds } from '../queries/solveMilp';
import { blRadius } from './blRadius';
import { radiusBeyondBox } from '../queries/radiusBeyondBox';
import { domainReach, inscribedRadius } from '../queries/box';
import { fmt } from '../queries/certifyPair';
import type { Collision } from './collision';
import { splitMinSeparation } from './collision';
import type { OrtEvaluate } from '../witness/check';
import { verifyPair } from '../witness/check';
import type { AcceptPair, RadiusOutcome } from './blRadius';
import { defaultGrid, certifyInjectiveOnBox } from './pairSearch';
import { certifyByInputBranching } from './inputBranch';
import { searchPreimageByBranching } from './preimageBranch';
import { searchPreimages } from './preimageSearch';
import type { LowDimRequest, SplitOptions, SplitStats } from './types';
import { DEFAULT_SPLIT_OPTIONS } from './types';

/** stats.method of a split-path answer (shown as 'auto:split': only the default method runs it). */
export const SPLIT_METHOD = 'split';

/** True when the split path can answer for this network (square-or-tall map, no output ReLU). */
export function splitApplies(net: Network): boolean {
  return net.outputSize >= net.inputSize && !net.layers[net.layers.length - 1].relu && net.inputSize >= 1;
}

export function splitOptionsFor(ctx: QueryContext, epsilon: number): SplitOptions {
  const n = ctx.state.net.inputSize;
  return {
    ...DEFAULT_SPLIT_OPTIONS,
    gridPerDim: defaultGrid(n),
    maxDepth: 3 * n,
    epsilon,
    solver: ctx.solver,
    milpTimeLimitSeconds: ctx.timeLimitSeconds ?? DEFAULT_SPLIT_OPTIONS.milpTimeLimitSeconds,
    // Screened pairs shared by 2 worker threads (scripts/measure-parallel-split.ts: 1.7-2.3x wall on the
    // Brusselator proofs with two free cores); parallelPool falls back to serial on one core.
    workers: SPLIT_WORKERS,
    ...(ctx.deadlineAt !== undefined ? { deadlineSeconds: Math.max(0, budgetLeftSeconds(ctx)) } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (message, fraction, detail) => ctx.onProgress?.({ phase: 'split', message, ...(fraction !== undefined ? { fraction } : {}), ...detail }),
  };
}

/** Above this many free inputs the split path is only a budgeted pre-pass (decisive answers or null). */
export const FULL_SPLIT_MAX_DIMS = 3;
export const PREPASS_BUDGET_SECONDS = 5;
/** Above 3 free inputs, the split BL radius search gets this long before the MILP radius takes over. */
export const RADIUS_PREPASS_BUDGET_SECONDS = 8;
/**
 * PI's pre-pass gets longer: on a box with many unstable ReLUs it is one point MILP (preimageBranch.ts) over the
 * same question as the MILP path's direction MILPs, only smaller (robot PI r = 0.1: 6.7 s at a load average of 20,
 * where the MILP path took 40 s at a load of 4 and did not finish in 118 s at 35).
 */
export const PREIMAGE_PREPASS_BUDGET_SECONDS = 20;
export const SPLIT_WORKERS = 2;
/** The det-sign scan for a fold pair runs up to 5 free inputs (its lattice shrinks above 3, see quickFoldPair). */
export const FOLD_SCAN_MAX_DIMS = 5;

export function runLowDimensional(ctx: QueryContext, request: LowDimRequest & { kind: 'certify' }): Promise<CertifyResult | null>;
export function runLowDimensional(ctx: QueryContext, request: LowDimRequest & { kind: 'radius' }): Promise<RadiusResult | null>;
export function runLowDimensional(ctx: QueryContext, request: LowDimRequest): Promise<QueryResult | null>;
export async function runLowDimensional(ctx: QueryContext, request: LowDimRequest): Promise<QueryResult | null> {
  const net = ctx.state.net;
  if (!splitApplies(net)) return null;
  if (net.inputSize > FULL_SPLIT_MAX_DIMS) {
    const left = budgetLeftSeconds(ctx);
    if (request.kind === 'radius') {
      if (request.query !== 'bl') return null;
      // The BL radius by the same fold scan and certifications as in 2-D, under a budget: near a fold the balls
      // it certifies are small, so the whole-ball certificate or a few cell pairs settle them
      // (residual_fold_4x20 at 0: 3 certifications, about 1.5 s, against 7 s for the MILP radius). Only a
      // radius it resolves is returned; otherwise the MILP radius runs.
      ctx.splitWorkers?.prewarm(SPLIT_WORKERS);
      const res = await runSplit(ctx, request, { deadlineSeconds: Math.max(0, Math.min(RADIUS_PREPASS_BUDGET_SECONDS, left / 2)) });
      return res && res.status === 'certified' ? res : null;
    }
    const budget = request.query === 'pi' ? PREIMAGE_PREPASS_BUDGET_SECONDS : PREPASS_BUDGET_SECONDS;
    const res = await runSplit(ctx, request, { gridPerDim: 2, maxDepth: 10, workers: 1, deadlineSeconds: Math.max(0, Math.min(budget, left / 4)) });
    return res && (res.status === 'certified' || res.status === 'counterexample') ? res : null;
  }
  // Warm split workers start while the fold scan runs (a cold worker screens several times slower).
  ctx.splitWorkers?.prewarm(SPLIT_WORKERS);
  return runSplit(ctx, request, {});
}

function runSplit(ctx: QueryContext, request: LowDimRequest, override: Partial<SplitOptions>): Promise<QueryResult | null> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const opts = { ...splitOptionsFor(ctx, request.epsilon), ...override };
  return request.kind === 'certify' ? splitCertify(ctx, request, opts, seconds) : splitRadius(ctx, request, opts, seconds);
}

async function splitCertify(ctx: QueryContext, request: LowDimRequest & { kind: 'certify' }, opts: SplitOptions, seconds: () => number): Promise<CertifyResult> {
  const net = ctx.state.net;
  const eps = request.epsilon;
  const piCenter = request.query === 'pi' ? request.center : null;
  const base = { query: request.query, norm: 'inf', tolerance: request.tolerance, epsilon: eps, center: Array.from(request.center), boxRadius: request.radius } as const;
  const accept = splitPairAcceptor(ctx.state, request.box, eps, piCenter, ctx.ortEvaluate);
  const failedCheck = (reason: string, stats: QueryStats): CertifyResult => unresolved({ ...base, objective: null, bound: null, gap: null, stats,
    message: `unresolved: the ${request.query === 'pi' ? 'other preimage' : 'colliding pair'} found failed re-checking (${reason})` });
  if (request.query === 'bl') {
    // A fold inside the box is found in milliseconds and gives a verified pair without any MILP.
    const fold = net.inputSize <= FOLD_SCAN_MAX_DIMS ? quickFoldPair(net, request.center, request.box, eps) : null;
    const foldPair = fold ? await accept(fold) : null;
    if (foldPair && 'witness' in foldPair) {
      return counterexample({ ...base, objective: null, bound: null, gap: null,
        stats: { binaries: 0, unstable: 0, nodes: 0, seconds: seconds(), method: SPLIT_METHOD, solves: 0 },
        witness: foldPair.witness, message: `${firstPairText('a colliding pair', foldPair.witness.separation)}, across a fold of F` });
    }
    // Above 3 free inputs a grid of cell pairs does not scale: branch and bound from the pair (box, box) instead.
    const out = net.inputSize > FULL_SPLIT_MAX_DIMS ? await certifyByInputBranching(net, request.box, opts)
      : await certifyInjectiveOnBox(net, request.box, opts, { pool: ctx.splitWorkers });
    const stats = toStats(out.stats, seconds());
    if (out.status === 'injective') {
      return certified({ ...base, objective: 0, bound: eps, gap: null, stats,
        message: `certified: no two points of B∞(c, ${request.radius}) at L∞ distance ≥ ε = ${eps} share an image (${describe(out.stats)})` });
    }
    if (out.status === 'collision' && out.collision) {
      const v = await accept(out.collision);
      if ('reason' in v) return failedCheck(v.reason, stats);
      return counterexample({ ...base, objective: null, bound: null, gap: null, stats,
        witness: v.witness, message: firstPairText('a colliding pair', v.witness.separation) });
    }
    return unresolved({ ...base, objective: null, bound: null, gap: null, stats, message: `unresolved: ${out.reason ?? ''}` });
  }
  // Above 3 free inputs the grid of 2^n cells halved to a fixed resolution does not close: branch and bound instead.
  const out = net.inputSize > FULL_SPLIT_MAX_DIMS ? await searchPreimageByBranching(net, request.center, request.box, opts)
    : await searchPreimages(net, request.center, request.box, opts, true, resolutionFor(request.radius));
  const stats = toStats(out.stats, seconds());
  if (out.witness) {
    const v = await accept(out.witness);
    if ('reason' in v) return failedCheck(v.reason, stats);
    return counterexample({ ...base, objective: null, bound: null, gap: null, stats,
      witness: v.witness, message: firstPairText('another preimage of F(c)', v.witness.separation) });
  }
  if (out.status === 'complete') {
    return certified({ ...base, objective: 0, bound: eps, gap: null, stats,
      message: `certified: no other preimage of F(c) in B∞(c, ${request.radius}) at L∞ distance ≥ ε = ${eps} (${describe(out.stats)})` });
  }
  return unresolved({ ...base, objective: null, bound: null, gap: null, stats, message: `unresolved: ${out.reason ?? ''}` });
}

async function splitRadius(ctx: QueryContext, request: LowDimRequest & { kind: 'radius' }, opts: SplitOptions, seconds: () => number): Promise<RadiusResult> {
  const net = ctx.state.net;
  const eps = request.epsilon;
  const center = Array.from(request.center);
  const piCenter = request.query === 'pi' ? request.center : null;
  const kind = request.query === 'bl' ? 'radius-bl' : 'radius-pi';
  const domain = [...request.domain.lower].map((l, i) => [l, request.domain.upper[i]] as [number, number]);
  const base = { query: kind, norm: 'inf', tolerance: request.tolerance, epsilon: eps, center, domain } as const;
  const cap = inscribedRadius(request.center, request.domain);
  const accept = splitPairAcceptor(ctx.state, request.domain, eps, piCenter, ctx.ortEvaluate);
  if (request.query === 'bl') {
    const stats = (out: RadiusOutcome): QueryStats => ({ ...toStats(out.stats, seconds()), solves: out.certifications });
    // Without an accepted pair, out.upper is the search cap, not an upper end of the radius.
    const bracket = (out: RadiusOutcome) => unresolved({ ...base, radiusLower: out.lower, radiusUpper: out.witness ? out.upper : null,
      ...(out.witness ? { witness: out.witness } : {}), objective: null, bound: out.lower,
      gap: out.witness && out.upper > 0 ? (out.upper - out.lower) / out.upper : null, stats: stats(out),
      message: `unresolved: BL radius ${out.witness ? `in [${fmt(out.lower)}, ${fmt(out.upper)}]` : `≥ ${fmt(out.lower)} (no re-checked colliding pair)`}${out.reason ? `: ${out.reason}` : ''}` });
    const out = await blRadius(net, request.center, request.domain, request.tolerance, opts, {
      accept, onBracket: (o) => ctx.onPartial?.(bracket(o)), pool: ctx.splitWorkers,
      ...(ctx.reuse ? { foldCells: ctx.reuse.foldCells(net, request.domain) } : {}),
    });
    if (out.invertibleOnDomain) {
      return radiusBeyondBox({ query: 'bl', norm: 'inf', center: request.center, domain: request.domain, reach: cap, tolerance: request.tolerance, epsilon: eps, stats: stats(out) });
    }
    if (!out.resolved || !out.witness) return bracket(out);
    return certified({ ...base, radius: out.lower, radiusLower: out.lower, radiusUpper: out.upper, witness: out.witness, objective: out.upper, bound: out.lower,
      gap: out.upper > 0 ? (out.upper - out.lower) / out.upper : null, stats: stats(out),
      message: `BL radius in [${fmt(out.lower)}, ${fmt(out.upper)}]: injective (pairs ≥ ε = ${eps}) below, verified colliding pair at ${fmt(out.upper)}` });
  }
  const found = await searchPreimages(net, request.center, request.domain, opts, false, request.tolerance / 4);
  const stats = toStats(found.stats, seconds());
  const checked = found.witness ? await accept(found.witness) : null;
  if (checked && 'reason' in checked) {
    const lower = Math.min(found.provedClearBelow, cap);
    return unresolved({ ...base, objective: null, bound: lower, gap: null, radiusLower: lower, radiusUpper: null, stats,
      message: `unresolved: PI radius ≥ ${fmt(lower)}: the nearest other preimage found failed re-checking (${checked.reason})` });
  }
  const out = { ...found, witness: checked ? checked.witness : null };
  if (!out.witness) {
    const clear = Math.min(out.provedClearBelow, cap);
    if (out.status === 'complete') {
      // The search covered the whole domain, so the clear region is B∞(c, reach) ∩ domain, as on the MILP path.
      return radiusBeyondBox({ query: 'pi', norm: 'inf', center: request.center, domain: request.domain, reach: domainReach(request.center, request.domain), tolerance: request.tolerance, epsilon: eps, stats });
    }
    return unresolved({ ...base, objective: null, bound: null, gap: null, radiusLower: clear, radiusUpper: null, stats,
      message: `unresolved: PI radius ≥ ${fmt(clear)}: ${out.reason ?? ''}` });
  }
  const upper = out.witness.separation;
  const lower = Math.min(out.provedClearBelow, upper);
  const gap = upper > 0 ? (upper - lower) / upper : 0;
  return upper - lower <= request.tolerance
    ? certified({ ...base, objective: upper, bound: lower, gap, radius: lower, radiusLower: lower, radiusUpper: upper, witness: out.witness, stats,
      message: `PI radius ${fmt(upper)}: nearest other preimage of F(c) (every nearer point proved clear, ε = ${eps})` })
    : unresolved({ ...base, objective: null, bound: lower, gap, radiusLower: lower, radiusUpper: upper, witness: out.witness, stats,
      message: `unresolved: PI radius in [${fmt(lower)}, ${fmt(upper)}]${out.reason ? `: ${out.reason}` : ''}` });
}

/** A verified colliding pair straddling the nearest fold, when that fold lies inside the box. */
function quickFoldPair(net: Network, c: Float64Array, box: Box, eps: number): Collision | null {
  const cap = inscribedRadius(c, box);
  if (!(cap > 0)) return null;
  // Up to 3 inputs: a lattice of about 5,000 points. Above: only the 3^n − 1 points of the outer shell (242 for
  // n = 5), since the full lattice would cost seconds of Jacobians on a box that has no fold at all.
  const step = net.inputSize <= FULL_SPLIT_MAX_DIMS ? (2 * cap) / Math.pow(5e3, 1 / net.inputSize) : cap;
  const fold = nearestFold(net, c, box, cap, step, eps, cap, 0);
  const col = fold?.collision;
  return col && containsPoint(box, col.x) && containsPoint(box, col.y) ? col : null;
}

/** Leaf cell width for PI certify: fine enough that a leaf MILP is small. */
function resolutionFor(radius: number): number {
  return Math.max(1e-6, radius / 512);
}

/**
 * The full acceptance rule for the split path's pairs in `box` (PI: the second point is the centre), checked
 * against `state`'s model in float64 and, given ortEvaluate, in onnxruntime-web.
 */
export function splitPairAcceptor(state: RestrictedNetwork, box: Box, epsilon: number, piCenter: Float64Array | null, ortEvaluate?: OrtEvaluate): AcceptPair {
  const rule = { state, box, norm: 'inf', minSeparation: splitMinSeparation(epsilon), ...(ortEvaluate ? { ortEvaluate } : {}) } as const;
  return async (c: Collision) => {
    const v = await verifyPair(rule, c.x, piCenter ? null : c.y, piCenter);
    return v.ok ? { witness: v.witness } : { reason: v.reason };
  };
}

/** A split search's counters as the stats of a result (method 'split'; ranUnderAuto names it 'auto:split'). */
export function toStats(s: SplitStats, seconds: number): QueryStats {
  return { binaries: s.binaries, unstable: 0, nodes: s.milpNodes, seconds, method: SPLIT_METHOD, solves: s.leafMilps };
}

function describe(s: SplitStats): string {
  return `${s.cells} cells, ${s.pairsSurvived} of ${s.pairsScreened} pairs after the screen, ${s.certificates} Jacobian certificates, ${s.leafMilps} leaf MILPs`;
}

/** The text of a pair found by the split path, which stops at the first pair: it says so, and how to get the maximum. */
function firstPairText(what: string, separation: number): string {
  return `counterexample: ${what} at separation ${Number(separation.toPrecision(6))} (first found; method direct gives the maximum)`;
}

