// The BL (safety) radius by the split certificate: a fold scan guesses the radius and often supplies a verified
// colliding pair; the lower end is always a split-certificate proof. The search is aimed, not blind: it tries just
// below the best pair's reach (stepping down geometrically), or, with no pair yet, just below the nearest fold and
// then a little past it, so the next proof or pair lands near the radius rather than halfway to the cap.
// Every collision found tightens the upper end to max(‖x − c‖∞, ‖y − c‖∞), not just to the tried radius — but only
// once it passed the full acceptance rule (`accept`: float64 + onnxruntime-web). A pair that fails it settles
// nothing: that radius counts as unresolved and the search goes on below it.
// The certifications share one set of cells (radiusFrame.ts): a cell pair proved clear is not screened again.
import type { Network } from '../ir/network';
import type { VerifiedWitness } from '../witness/check';
import type { Box } from '../bounds/types';
import { ballBox, inscribedRadius } from '../queries/box';
import type { Collision } from './collision';
import { infDistance } from './collision';
import { nearestFold } from './foldScan';
import { certifyInjectiveOnBox } from './pairSearch';
import type { FoldFreeCells } from './foldFreeCells';
import type { SplitWorkerPool } from './parallelPool';
import { RadiusFrame } from './radiusFrame';
import type { SplitOptions, SplitStats } from './types';
import { addStats, emptyStats } from './types';

export interface RadiusOutcome {
  /** Largest radius proved ε-injective (certified lower end). */
  readonly lower: number;
  /** Upper end: the distance of a verified collision, or the cap when none was found. */
  readonly upper: number;
  /** The accepted pair at `upper` (re-checked by `accept`). */
  readonly witness: VerifiedWitness | null;
  /** No collision anywhere up to the cap, and the cap itself certified. */
  readonly invertibleOnDomain: boolean;
  /** True when lower/upper bracket the radius to within the tolerance. */
  readonly resolved: boolean;
  readonly certifications: number;
  readonly reason?: string;
  readonly stats: SplitStats;
}

/** The full acceptance rule for a pair the search found: its re-checked witness, or why it fails. */
export type AcceptPair = (c: Collision) => Promise<{ readonly witness: VerifiedWitness } | { readonly reason: string }>;

export interface RadiusHooks {
  readonly accept: AcceptPair;
  /** The bracket so far, after every step (for a cancel or a spent budget to keep it). */
  readonly onBracket?: (o: RadiusOutcome) => void;
  /** Worker threads for each certification (opts.workers > 1); absent = serial. */
  readonly pool?: SplitWorkerPool;
  /** True: every certification grids its ball afresh, as without reuse (the tests compare the two). */
  readonly freshCells?: boolean;
  /** Fold-free cells of the domain shared with the study's other instances (studies/studyReuse.ts); absent = the scan's own. */
  readonly foldCells?: FoldFreeCells;
}

/**
 * A new frame reaches this far past its first radius (at least FRAME_RIM_TOLERANCES tolerances, at most to the
 * best pair's reach or the cap): room for the probes past a fold without a new grid.
 */
export const FRAME_RIM_FRACTION = 1 / 8;
export const FRAME_RIM_TOLERANCES = 32;

export async function blRadius(net: Network, c: Float64Array, domain: Box, tolerance: number,
  opts: SplitOptions, hooks: RadiusHooks): Promise<RadiusOutcome> {
  const stats = emptyStats();
  const started = performance.now();
  const cap = inscribedRadius(c, domain);
  const eps = opts.epsilon;
  let lower = 0;
  let upper = cap;
  let witness: VerifiedWitness | null = null;
  let certifications = 0;
  let reason: string | undefined;
  let frame: RadiusFrame | null = null;
  const frameFor = (r: number): RadiusFrame => {
    if (!frame || !frame.serves(r)) {
      const rim = Math.max(FRAME_RIM_TOLERANCES * tolerance, FRAME_RIM_FRACTION * r);
      frame = new RadiusFrame(c, r, Math.max(r, Math.min(witness ? upper : cap, r + rim)), opts.gridPerDim);
    }
    return frame;
  };
  /** Tightens the upper end with an accepted pair; the reason when the pair fails the rule. */
  const seen = async (col: Collision): Promise<string | null> => {
    const d = Math.max(infDistance(col.x, c), infDistance(col.y, c));
    if (!(d < upper || (!witness && d <= upper))) return null;
    const verdict = await hooks.accept(col);
    if ('reason' in verdict) return verdict.reason;
    upper = Math.max(infDistance(verdict.witness.x, c), infDistance(verdict.witness.y, c));
    witness = verdict.witness;
    return null;
  };
  const outcome = (): RadiusOutcome => {
    const invertibleOnDomain = !witness && lower >= cap;
    return {
      lower, upper, witness, invertibleOnDomain, resolved: (witness !== null && upper - lower <= tolerance) || invertibleOnDomain,
      certifications, stats, ...(reason ? { reason } : {}),
    };
  };
  const scanStep = (2 * cap) / Math.pow(2e5, 1 / net.inputSize);
  opts.onProgress?.('radius: scanning det DF for the nearest fold');
  const fold = nearestFold(net, c, domain, cap, Math.max(scanStep, tolerance / 2), eps, tolerance / 4, undefined, hooks.foldCells);
  if (fold?.collision) {
    const failed = await seen(fold.collision);
    if (failed) reason = `the pair across the nearest fold failed re-checking (${failed})`;
  }
  hooks.onBracket?.(outcome());
  // First try just below the best upper guess. After a collision just below the upper end, step down
  // geometrically (galloping) before bisecting. With no collision yet but a fold, step up past the fold
  // geometrically (the pairs across it lie just beyond it); with neither, try the cap at once, to decide
  // "invertible on the whole domain".
  let step = 0.6 * tolerance;
  let probe = tolerance;
  let next: number | null = witness ? Math.max(0.5 * (lower + upper), upper - step)
    : fold ? Math.max(0, fold.distance - step) : cap;
  // A radius whose certification ran out of its budget caps the bisection from above (not a proof).
  let stuckAt = Infinity;
  const ceiling = (): number => Math.min(upper, stuckAt);
  for (;;) {
    if (next === null) {
      if (ceiling() - lower <= tolerance) break;
      next = 0.5 * (lower + ceiling());
    }
    if (next >= stuckAt) next = 0.5 * (lower + stuckAt);
    const r = next;
    next = null;
    opts.onProgress?.(`radius: certifying r = ${r.toFixed(6)} (bracket [${lower.toFixed(6)}, ${upper.toFixed(6)}])`, undefined,
      Number.isFinite(upper) ? { bracket: [lower, upper] } : {});
    // The query's budget is the whole search's: each certification gets what is left of it. Without one, no
    // wall-clock limit at all, so a loaded machine answers as an idle one does (only later).
    const left = opts.deadlineSeconds === undefined ? undefined : opts.deadlineSeconds - (performance.now() - started) / 1000;
    if (left !== undefined && left <= 0) { reason = `time budget of ${opts.deadlineSeconds} s spent`; break; }
    const cells = hooks.freshCells ? null : frameFor(r);
    const out = await certifyInjectiveOnBox(net, ballBox(c, r), { ...opts, ...(left !== undefined ? { deadlineSeconds: left } : {}) },
      { pool: hooks.pool }, cells?.at(r));
    cells?.record(r, out);
    certifications++;
    addStats(stats, out.stats);
    const failed = out.status === 'collision' && out.collision ? await seen(out.collision) : null;
    if (failed) {
      // A pair that fails re-checking settles nothing: r is not proved either way.
      reason = `a colliding pair within r = ${r.toFixed(6)} failed re-checking (${failed})`;
      stuckAt = r;
      if (r - lower <= tolerance) break;
    } else if (out.status === 'injective') {
      lower = Math.max(lower, r);
      if (!witness && lower < cap && upper - lower <= tolerance) next = cap;
      // Optimistic: the upper end usually sits within a tolerance of the radius.
      else if (witness && upper - lower > tolerance) next = Math.max(0.5 * (lower + upper), upper - 0.6 * tolerance);
      else if (!witness && fold && lower < cap) { next = Math.min(cap, lower + probe); probe *= 4; }
    } else if (out.status === 'collision' && out.collision) {
      step *= 4;
      if (upper - lower > tolerance) next = Math.max(0.5 * (lower + upper), upper - step);
    } else {
      reason = out.reason ?? 'unresolved';
      stuckAt = r;
      if (r - lower <= tolerance) break;
    }
    hooks.onBracket?.(outcome());
    if (lower >= cap) break;
  }
  return outcome();
}
