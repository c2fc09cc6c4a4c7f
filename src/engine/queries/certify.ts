// The certify query: BL or PI on one ball, any norm. Dispatches to the null-space pair, the whole-box Jacobian
// certificate (BL, any dimension), the fast path, the L2 bounds or the exact MILPs.
import { InvalidArgument } from '../errors';
import type { CertifyResult, NormName } from '../../shared/results';
import { counterexample } from '../results/build';
import type { RadiusMethod } from '../../shared/querySpec';
import type { Box } from '../bounds/types';
import { l2Certify } from '../norms/l2Certify';
import { ballBox } from './box';
import type { VerifiedPair } from './certifyPair';
import { boxPairs, certifyPair, fmt } from './certifyPair';
import { nullSpacePair } from './nullSpacePair';
import { ballMembership, ballText } from '../norms/norm';
import { budgetLeftSeconds } from './solveMilp';
import type { QueryContext } from './context';
import { jacobianCertify } from './jacobianCertify';
import { lowDimensionalApplies, ranUnderAuto, tryLowDimensional } from './lowDimensional';

/** Default optimum tolerance = separation floor ε of the certify query. */
export const DEFAULT_CERTIFY_TOLERANCE = 1e-4;

export interface CertifyQuery {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  readonly radius: number;
  readonly norm: NormName;
  readonly method?: RadiusMethod;
  readonly tolerance?: number;
  readonly domain?: Box;
}

export async function runCertify(ctx: QueryContext, q: CertifyQuery): Promise<CertifyResult> {
  const started = Date.now();
  if (!(q.radius > 0) || !Number.isFinite(q.radius)) throw new InvalidArgument(`--radius must be a positive number, got ${q.radius}`);
  const tolerance = q.tolerance ?? DEFAULT_CERTIFY_TOLERANCE;
  const method = q.method ?? 'auto';
  if (method === 'paper' && q.norm !== 'inf') throw new InvalidArgument('--method paper is the paper\'s L∞ formulation: use --norm inf');
  if (method === 'bisection') throw new InvalidArgument('--method bisection is a radius driver: certify takes auto, direct or paper');
  const box = ballBox(q.center, q.radius, q.domain);
  const auto = method === 'auto';
  // The null-space pass runs under every method. auto asks yes/no: its pair answers it. An explicit --method direct /
  // paper asks for the maximum separation of its formulation (paper: the bench's baseline), so those still run in
  // full, with the pair as their incumbent: a budget, time-out or cancel then ends in that verified pair
  // ("not proved maximal"), not in unresolved.
  const fromNullSpace = await nullSpaceCertify(ctx, q, box, tolerance, started);
  if (fromNullSpace && auto) return ranUnderAuto(fromNullSpace.result, auto);
  if (fromNullSpace) ctx.onPartial?.(notProvedMaximal(fromNullSpace.result));
  const fromJacobian = auto ? jacobianCertify(ctx, q, box, tolerance, started) : null;
  if (fromJacobian) return ranUnderAuto(fromJacobian, auto);
  if (auto && lowDimensionalApplies(q.center.length, q.norm, q.query)) {
    const fast = await tryLowDimensional(ctx, { kind: 'certify', query: q.query, center: q.center, radius: q.radius, box, epsilon: tolerance, tolerance });
    // Its pair, if any, passed the full acceptance rule (float64 + onnxruntime-web) in lowDimQuery.
    if (fast) return ranUnderAuto(fast, auto);
  }
  if (q.norm === '2') {
    const l2 = await l2Certify(ctx, { query: q.query, center: q.center, radius: q.radius, tolerance, gapTolerance: 0.01, ...(q.domain ? { domain: q.domain } : {}) });
    // The L2 bounds did not end in a pair of their own: the verified null-space pair still answers the question.
    return ranUnderAuto(fromNullSpace && l2.status !== 'counterexample' ? notProvedMaximal(fromNullSpace.result) : l2, auto);
  }
  const out = await certifyPair(ctx, {
    query: q.query, center: q.center, radius: q.radius, norm: q.norm, method: auto ? 'direct' : method, firstPairAnswers: auto, tolerance,
    ...(q.domain ? { domain: q.domain } : {}), ...(fromNullSpace ? { incumbent: fromNullSpace.pair } : {}),
  });
  return ranUnderAuto(out.result, auto);
}

/**
 * The verified null-space pair of a certify query: in its ball (box and norm membership), farther apart than its
 * separation floor. One function for the query's pre-pass and the editor's note, so the note shows the pair the
 * query itself reads first.
 */
export async function certifyNullSpacePair(
  model: Pick<QueryContext, 'state' | 'ortEvaluate'>,
  q: Pick<CertifyQuery, 'query' | 'center' | 'radius' | 'norm'>,
  box: Box, tolerance: number, overBudget: () => boolean,
): Promise<VerifiedPair | null> {
  const inDomain = ballMembership(q.center, q.radius, q.norm);
  const check = { state: model.state, box, norm: q.norm, minSeparation: tolerance, ...(inDomain ? { inDomain } : {}), ...(model.ortEvaluate ? { ortEvaluate: model.ortEvaluate } : {}) };
  const found = await nullSpacePair({ query: q.query, center: q.center, check, overBudget });
  return found && found.witness.separation > tolerance ? found : null;
}

/** The null-space counterexample where a maximum was asked for: a verified pair, not the maximal one. */
function notProvedMaximal<R extends CertifyResult>(r: R): R {
  return { ...r, message: `${r.message}; not proved maximal` };
}

/**
 * The null-space pre-pass (nullSpacePair.ts): a counterexample read off the Jacobian in milliseconds, before any
 * bound or MILP, or null when there is none to read (then the other paths decide).
 */
async function nullSpaceCertify(ctx: QueryContext, q: CertifyQuery, box: Box, tolerance: number, started: number): Promise<{ result: CertifyResult & { status: 'counterexample' }; pair: VerifiedPair } | null> {
  const found = await certifyNullSpacePair(ctx, q, box, tolerance, () => budgetLeftSeconds(ctx) <= 0);
  if (!found) return null;
  const ball = ballText(q.norm, q.radius);
  const net = ctx.state.net;
  const result = counterexample({
    query: q.query, norm: q.norm, tolerance, epsilon: tolerance, center: Array.from(q.center), boxRadius: q.radius,
    // A pair, not a maximum: like the split path's first verified pair it has no objective.
    domain: boxPairs(box), objective: null, bound: null, gap: null, witness: found.witness,
    stats: { binaries: 0, unstable: 0, nodes: 0, solves: 0, seconds: (Date.now() - started) / 1000, method: 'null-space' },
    message: `counterexample: ${q.query === 'bl' ? 'two inputs' : 'another input'} in ${ball} with the same output, separation ${fmt(found.witness.separation)} ` +
      `(along a null vector of the Jacobian: F is linear between them${net.inputSize > net.outputSize ? `, and ${net.inputSize} free inputs → ${net.outputSize} outputs is never injective` : ''})`,
  });
  return { result, pair: found };
}
