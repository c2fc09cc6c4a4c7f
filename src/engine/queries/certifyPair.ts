// Certify BL / PI on one ball: "is F injective on B(c, r)?" (BL) or "does any other point of B(c, r) share
// F(c)?" (PI). Exact for L∞ and L1; L2 lives in ../norms/l2Certify.ts.
//  - direct (what the default 'auto' falls back to): one MILP per direction/sign, each maximising that coordinate of d = x − y subject to
//    d_k ≥ ε (BL needs only the + sign: swapping x and y covers the other), L1 adds the sign-split objective.
//    All infeasible ⇔ no pair with ‖d‖∞ ≥ ε, i.e. the optimum is below ε = the stated tolerance.
//  - paper: the paper's single MILP (two copies, one-hot ∞-norm binaries, interval bounds).
import type { Box } from '../bounds/types';
import { ballMembership, ballText } from '../norms/norm';
import { neuronStatus } from '../bounds';
import { assertNetworkMipFits } from '../solver/sizeGuard';
import type { CertifyResult, NormName } from '../../shared/results';
import { certified, counterexample, unresolved } from '../results/build';
import type { RadiusMethod } from '../../shared/querySpec';
import type { VerifiedWitness } from '../witness/check';
import { verifyPair } from '../witness/check';
import { ballBox, unitVector } from './box';
import type { QueryContext } from './context';
import type { PairObjective, BallConstraint, PairMip } from './pairMip';
import { buildPairMip, retargetLinear } from './pairMip';
import type { MipProblem, SolveResult } from '../solver/problem';
import { BUDGET_SPENT, boundsFor, budgetLeftSeconds, proved, solveMilp } from './solveMilp';
import { forEachConcurrently } from './concurrency';
import { Cancelled, throwIfAborted } from '../errors';

export interface CertifyRequest {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly radius: number;
  readonly norm: 'inf' | '1';
  readonly method: RadiusMethod;
  /** Optimum tolerance = separation floor ε. */
  readonly tolerance: number;
  readonly domain?: Box;
  /** Each MILP stops at its first feasible point instead of maximising the separation (radius drivers). */
  readonly feasibilityOnly?: boolean;
  /**
   * A yes/no question (certify under auto, the radius drivers): the first verified pair stops the other directions.
   * Without it every direction runs and a counterexample's separation is the proved maximum.
   */
  readonly firstPairAnswers?: boolean;
  /**
   * A pair already verified on this ball (the null-space pass): the best pair until a MILP beats it, so a budget,
   * time-out or cancel ends in a counterexample ("not proved maximal") rather than unresolved.
   */
  readonly incumbent?: VerifiedPair;
}

export interface CertifyOutcome {
  readonly result: CertifyResult;
  /** Verified pair, when one was found, with its re-checked witness (the result's). */
  readonly pair: VerifiedPair | null;
}

export interface VerifiedPair { readonly witness: VerifiedWitness; readonly x: Float64Array; readonly y: Float64Array }

interface Tally { binaries: number; unstable: number; nodes: number; solves: number; }

export async function certifyPair(ctx: QueryContext, req: CertifyRequest): Promise<CertifyOutcome> {
  const started = Date.now();
  const net = ctx.state.net;
  const n = net.inputSize;
  const c = req.center;
  const box = ballBox(c, req.radius, req.domain);
  const paper = req.method === 'paper';
  assertNetworkMipFits([{ net, copies: req.query === 'bl' ? 2 : 1 }]);
  const bounds = await boundsFor(ctx, net, box, paper ? 'interval' : 'lp');
  const ball: BallConstraint | undefined = req.norm === '1' ? { norm: '1', center: c, radius: req.radius } : undefined;
  const inDomain = ballMembership(c, req.radius, req.norm);
  const check = { state: ctx.state, box, norm: req.norm as NormName, minSeparation: paper ? 0 : req.tolerance * 0.5, ...(inDomain ? { inDomain } : {}), ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) };
  // Unstable ReLUs as the bounds leave them (both copies for BL), stated even when no MILP gets to run.
  const unstableOnce = neuronStatus(net, bounds).reduce((s, l) => s + l.unstable, 0);
  const tally: Tally = { binaries: 0, unstable: req.query === 'bl' ? 2 * unstableOnce : unstableOnce, nodes: 0, solves: 0 };
  const objectives: PairObjective[] = paper && req.norm === 'inf'
    ? [{ kind: 'paperInf' }]
    : directions(n, req.query).map((u) => (req.norm === '1' ? { kind: 'l1', floor: { u, value: req.tolerance } } : { kind: 'linear', u, floor: req.tolerance }));
  let best: VerifiedPair | null = req.incumbent ?? null;
  let bound = 0;
  let allProved = true;
  let budgetSpent = false;
  const notes: string[] = [];
  // The direction MILPs are independent: they run side by side on the pool's workers; for a yes/no question the
  // first verified pair stops the others.
  const stopOthers = new AbortController();
  const onOuterAbort = (): void => stopOthers.abort();
  ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const local: QueryContext = { ...ctx, signal: stopOthers.signal };
  const spec = { net, box, bounds, ...(ball ? { ball } : {}), ...(req.query === 'pi' ? { fixedSecond: c } : {}) };
  // Linear direction objectives share one network encoding; only the floor row and objective differ.
  let shared: PairMip | null = null;
  const mipFor = (objective: PairObjective): { mip: PairMip; problem: MipProblem } => {
    if (objective.kind !== 'linear') { const mip = buildPairMip({ ...spec, objective }); return { mip, problem: mip.problem }; }
    shared ??= buildPairMip({ ...spec, objective });
    return { mip: shared, problem: retargetLinear(shared, objective.u, objective.floor, spec.fixedSecond) };
  };
  const solveOne = async (objective: PairObjective, i: number): Promise<void> => {
    throwIfAborted(local.signal);
    // Checked before encoding: past the budget, the remaining directions cost nothing.
    if (budgetLeftSeconds(ctx) <= 0) { budgetSpent = true; allProved = false; return; }
    const { mip, problem } = mipFor(objective);
    tally.binaries = Math.max(tally.binaries, mip.binaries);
    tally.unstable = mip.unstable;
    const r: SolveResult = await solveMilp(local, problem, `${req.query.toUpperCase()} ${i + 1}/${objectives.length}`,
      { ...(req.feasibilityOnly ? { stopAtFirstSolution: true } : {}), ...(paper ? {} : { presolve: false }) });
    tally.nodes += r.nodes;
    tally.solves++;
    if (r.rawStatus === BUDGET_SPENT) budgetSpent = true;
    if (!proved(r)) allProved = false;
    if (r.status === 'infeasible') { bound = Math.max(bound, req.tolerance); return; }
    bound = Math.max(bound, r.bound ?? Infinity, r.status === 'optimal' ? r.objective ?? 0 : 0);
    if (!r.colValue || r.objective === null) return;
    if (r.objective <= req.tolerance && r.status === 'optimal') return;
    const x = Float64Array.from(mip.xCols, (col) => r.colValue?.[col] ?? NaN);
    const y = mip.yCols ? Float64Array.from(mip.yCols, (col) => r.colValue?.[col] ?? NaN) : null;
    const v = await verifyPair(check, x, y, req.query === 'pi' ? c : null);
    if (!v.ok) {
      allProved = false;
      notes.push(`a solver pair failed re-checking (${v.reason})`);
      return;
    }
    if (!best || v.witness.separation > best.witness.separation) best = { witness: v.witness, x: v.x, y: v.y };
    if (req.firstPairAnswers || req.feasibilityOnly) stopOthers.abort();
  };
  try {
    await forEachConcurrently(objectives, Math.max(1, ctx.solver.size ?? 1), async (objective, i) => {
      try {
        await solveOne(objective, i);
      } catch (e) {
        // Siblings stopped because a verified pair was found are not failures; a user cancel is rethrown below.
        if (!(e instanceof Cancelled) || ctx.signal?.aborted || !best) throw e;
        allProved = false;
      }
    });
  } finally {
    ctx.signal?.removeEventListener('abort', onOuterAbort);
  }
  throwIfAborted(ctx.signal);
  const winner = best;
  const seconds = (Date.now() - started) / 1000;
  const stats = { ...tally, seconds, method: paper ? 'paper' : 'direct' };
  const kind = req.query;
  const ballName = ballText(req.norm, req.radius);
  const base = { query: kind, norm: req.norm, tolerance: req.tolerance, center: Array.from(c), boxRadius: req.radius, domain: boxPairs(box), stats } as const;
  const tolText = paper ? `optimum ≤ ${req.tolerance}` : `no pair with separation ≥ ε = ${req.tolerance}`;
  if (winner && winner.witness.separation > req.tolerance) {
    const exact = allProved && !req.feasibilityOnly;
    return {
      pair: winner,
      result: counterexample({
        // objective holds the proven maximum separation only; a pair from unfinished or stopped MILPs is just a pair.
        ...base, objective: exact ? winner.witness.separation : null, bound: exact ? Math.max(bound, winner.witness.separation) : (Number.isFinite(bound) ? bound : null),
        gap: null, epsilon: req.tolerance, witness: winner.witness,
        message: `counterexample: ${kind === 'bl' ? 'two inputs' : 'another input'} in ${ballName} with the same output, separation ${fmt(winner.witness.separation)}${exact ? ' (the maximum)' : ' (not proved maximal)'}`,
      }),
    };
  }
  if (allProved && notes.length === 0) {
    return {
      pair: null,
      result: certified({
        ...base, objective: 0, bound: req.tolerance, gap: null, epsilon: req.tolerance,
        message: `certified: ${kind === 'bl' ? 'injective' : 'no other preimage of F(c)'} on ${ballName} (${tolText}, proved by HiGHS)`,
      }),
    };
  }
  return {
    pair: null,
    result: unresolved({
      ...base, objective: 0, bound: Number.isFinite(bound) ? bound : null, gap: null, epsilon: req.tolerance,
      message: `unresolved on ${ballName}: ${notes[0] ?? (budgetSpent ? `the query's time budget was spent before every direction was proved` : 'the solver stopped before proving the optimum')}`,
    }),
  };
}

/** BL: + sign per coordinate (symmetry); PI: both signs. */
export function directions(n: number, query: 'bl' | 'pi'): Float64Array[] {
  const out: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    out.push(unitVector(n, k, 1));
    if (query === 'pi') out.push(unitVector(n, k, -1));
  }
  return out;
}

export function boxPairs(box: Box): Array<[number, number]> {
  return Array.from(box.lower, (lo, i) => [lo, box.upper[i]]);
}

export function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(7);
}
