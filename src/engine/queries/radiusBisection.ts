// The paper's radius driver: r = 0.1, ×5 until noninvertible (capped at the domain), then bisect to the
// tolerance. `paper` runs the paper's own MILP at each step (interval bounds, one-hot ∞-norm, no symmetry
// breaking); `bisection` runs our direct yes/no MILPs. Every found pair shrinks the upper end to its radius.
import type { RadiusResult } from '../../shared/results';
import { certified, unresolved } from '../results/build';
import type { VerifiedWitness } from '../witness/check';
import { verifyPair } from '../witness/check';
import { ballBox } from './box';
import { boxPairs, certifyPair, fmt } from './certifyPair';
import type { QueryContext } from './context';
import type { RadiusRequest } from './radiusDirect';
import { growBracket, pairRadius, reportBracket } from './radiusDirect';
import { radiusBeyondBox } from './radiusBeyondBox';

export async function radiusBisection(ctx: QueryContext, req: RadiusRequest, method: 'bisection' | 'paper'): Promise<RadiusResult> {
  const started = Date.now();
  const inner = method === 'paper' ? 'paper' : 'direct';
  const grown = await growBracket(ctx, req, inner, 5);
  let solves = grown.solves;
  const kind = req.query === 'bl' ? 'radius-bl' : 'radius-pi';
  const base = { query: kind, norm: req.norm, tolerance: req.tolerance, epsilon: req.epsilon, center: Array.from(req.center), domain: boxPairs(req.domain) } as const;
  const stats = () => ({ binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method, solves });
  if (grown.hi === null) {
    return radiusBeyondBox({ query: req.query, norm: req.norm, center: req.center, domain: req.domain, reach: grown.lo, tolerance: req.tolerance, epsilon: req.epsilon, stats: stats() });
  }
  let lo = grown.lo, hi = grown.hi;
  let pair = grown.pair;
  let stopped = grown.unresolved;
  let found: VerifiedWitness | undefined = grown.witness;
  while (pair && !stopped && hi - lo > req.tolerance) {
    const mid = (lo + hi) / 2;
    ctx.onProgress?.({ phase: 'radius', message: `bisection: [${fmt(lo)}, ${fmt(hi)}], trying ${fmt(mid)}`, fraction: Math.min(1, req.tolerance / (hi - lo)), ...(Number.isFinite(hi) ? { bracket: [lo, hi] as const } : {}) });
    const out = await certifyPair(ctx, { query: req.query, center: req.center, radius: mid, norm: req.norm, method: inner, tolerance: req.epsilon, domain: req.domain, feasibilityOnly: inner === 'direct' });
    solves += out.result.stats.solves ?? 1;
    if (out.result.status === 'certified') lo = mid;
    else if (out.result.status === 'counterexample' && out.pair) { pair = out.pair; hi = Math.min(mid, pairRadius(out.pair, req)); found = out.pair.witness; }
    else stopped = out.result.message;
    reportBracket(ctx, req, lo, hi, found);
  }
  let witness: VerifiedWitness | undefined;
  if (pair) {
    const box = ballBox(req.center, hi * (1 + 1e-9) + 1e-12, req.domain);
    const v = await verifyPair({ state: ctx.state, box, norm: req.norm, minSeparation: 0, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) }, pair.x, req.query === 'pi' ? null : pair.y, req.query === 'pi' ? req.center : null);
    if (v.ok) witness = v.witness;
  }
  if (pair && !witness) stopped = `the pair at ${fmt(hi)} failed re-checking`;
  // Without a pair, hi is only the radius the search could not decide, not an upper end of the radius.
  if (!stopped && pair !== null && witness !== undefined) {
    return certified({
      ...base, objective: null, bound: lo, gap: null, radius: lo, radiusLower: lo, radiusUpper: hi, witness, stats: stats(),
      message: lo === 0 ? `radius 0: a pair already collides in B(c, ${fmt(hi)})` : `radius ${fmt(lo)} (bisection to ${req.tolerance}: injective up to ${fmt(lo)}, a verified pair at ${fmt(hi)})`,
    });
  }
  return unresolved({
    ...base, objective: null, bound: lo, gap: null, radiusLower: lo, radiusUpper: pair ? hi : null, ...(witness ? { witness } : {}), stats: stats(),
    message: `unresolved: radius ${pair ? `in [${fmt(lo)}, ${fmt(hi)}]` : `≥ ${fmt(lo)}`}${stopped ? `: ${stopped}` : ''}`,
  });
}
