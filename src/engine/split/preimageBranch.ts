// PI certify above 3 free inputs: "is there x in the box, ‖x − c‖∞ ≥ ε, with F(x) = F(c)?" by input-space branch
// and bound from the whole box, the point counterpart of inputBranch.ts (preimageSearch.ts's grid of 2^n first cells,
// halved down to a fixed resolution, spent its whole budget on robot's B∞(0.1·1, 0.1) without closing a cell that
// touches c). A box is dropped when its output bounds miss F(c), a slanted direction separates its image from F(c)
// (SearchContext.imagesApart), or the Jacobian certificate holds on its hull with c (F is injective there and c is its
// preimage); a Newton step from its centre may find another preimage at once; a box with few unstable ReLUs is settled
// by one point MILP with every separation direction (pairMilp.ts); the rest is halved along splitInput's input.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import { center, containsPoint, halveAlong, hull, maxDistanceTo, pointBox } from './box';
import type { Collision } from './collision';
import { measure, passesFloat64Rule } from './collision';
import { polishPreimage, snapIntoBox } from '../witness/polish';
import { countUnstable, phases } from './jacobian';
import { splitInput } from './inputBranch';
import { buildPointMilpAnyDirection } from './pairMilp';
import type { PreimageOutcome } from './preimageSearch';
import type { LeafVerdict } from './searchContext';
import { SearchContext } from './searchContext';
import type { SplitOptions } from './types';

/**
 * A box whose point MILP has at most this many ReLU binaries is solved rather than split (one copy of F). Each MILP
 * costs a fixed overhead that splitting multiplies: robot PI r = 0.1 (47 unstable on the whole box) took one MILP,
 * 599 nodes, 6.7 s at this limit; 17 MILPs, 360 nodes, 29 s at 24; 117 MILPs, 187 nodes, 91 s at 12 (load 20).
 */
export const PREIMAGE_LEAF_MAX_BINARIES = 64;

interface Cell { readonly box: Box; readonly depth: number }

/** A leaf MILP on its way: the cell it settles, and its verdict or the error it failed with (never a rejection). */
// The solver rejects with Error subclasses only (EngineError, Cancelled).
type Flight = Promise<{ readonly cell: Cell; readonly verdict?: LeafVerdict; readonly error?: Error }>;

/**
 * Another preimage of F(c) in `box` at ≥ ε from c (the first verified one), or a proof that there is none. Leaf
 * MILPs run on as many solver workers as there are, side by side; when the whole box would be one leaf, it is halved
 * first so that both halves' MILPs run at once (robot PI r = 0.1: one 47-binary MILP on one worker, the other idle).
 */
export async function searchPreimageByBranching(net: Network, c: Float64Array, box: Box, opts: SplitOptions,
  leafMaxBinaries = PREIMAGE_LEAF_MAX_BINARIES): Promise<PreimageOutcome> {
  // Leaf MILPs still running when the search ends (a pair found, the budget spent) are stopped through this.
  const stop = new AbortController();
  const ctx = new SearchContext(net, { ...opts, signal: opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal });
  const lanes = Math.max(1, opts.solver?.size ?? 1);
  const eps = opts.epsilon;
  const target = forward(net, c);
  const cBox = pointBox(c);
  const found = (x: Float64Array): Collision | null => {
    const cand = measure(net, x, Float64Array.from(c));
    return passesFloat64Rule(net, cand, box, eps, true) ? cand : null;
  };
  const ended = (witness: Collision | null, reason?: string): PreimageOutcome => {
    stop.abort();
    ctx.stats.seconds = ctx.elapsedSeconds();
    // Certify reads only the witness and whether the search completed; no radius is claimed from it.
    return { witness, provedClearBelow: reason === undefined ? Infinity : 0, status: reason === undefined ? 'complete' : 'incomplete', ...(reason !== undefined ? { reason } : {}), stats: ctx.stats };
  };
  const stack: Cell[] = [{ box, depth: 0 }];
  const inFlight = new Set<Flight>();
  let open: string | undefined;
  /** Waits for the first leaf MILP in flight to finish; its verified pair, if it found one. */
  const settleOne = async (): Promise<Collision | null> => {
    const { flight, cell, verdict, error } = await Promise.race([...inFlight].map((f) => f.then((v) => ({ ...v, flight: f }))));
    inFlight.delete(flight);
    if (error !== undefined) throw error;
    if (!verdict || verdict.kind === 'infeasible') return null;
    const pair = verdict.kind === 'feasible' ? found(polishPreimage(net, target, snapIntoBox(cell.box, verdict.x), box)) : null;
    if (pair) return pair;
    open = verdict.kind === 'unknown' ? verdict.reason : 'leaf MILP point failed the float64 re-check';
    ctx.stats.unresolvedLeaves++;
    return null;
  };
  try {
    while (stack.length > 0 || inFlight.size > 0) {
      if (stack.length === 0) {
        const pair = await settleOne();
        if (pair) return ended(pair);
        continue;
      }
      if (ctx.overBudget()) {
        ctx.stats.unresolvedLeaves += stack.length + inFlight.size;
        return ended(null, `time budget of ${opts.deadlineSeconds} s spent with ${stack.length + inFlight.size} boxes open`);
      }
      const cell = stack.pop()!;
      ctx.stats.cells++;
      if (maxDistanceTo(cell.box, c) < eps) continue;
      if (!containsPoint(ctx.info(cell.box).out, target) || ctx.imagesApart(cell.box, cBox)) continue;
      if (ctx.certify(hull(cell.box, cBox))) continue;
      const newton = found(polishPreimage(net, target, center(cell.box), box));
      if (newton) return ended(newton);
      const leaf = countUnstable(phases(net, ctx.info(cell.box).bounds)) <= leafMaxBinaries || cell.depth >= opts.maxDepth;
      const wholeBoxAlone = lanes > 1 && cell.depth === 0 && stack.length === 0 && inFlight.size === 0;
      if (leaf && !wholeBoxAlone) {
        const flight: Flight = ctx.solveLeaf(buildPointMilpAnyDirection(net, cell.box, ctx.info(cell.box).bounds, c, eps))
          .then((verdict) => ({ cell, verdict }), (error: unknown) => ({ cell, error: error as Error }));
        inFlight.add(flight);
        if (inFlight.size >= lanes) {
          const pair = await settleOne();
          if (pair) return ended(pair);
        }
        continue;
      }
      const [l, r] = halveAlong(cell.box, splitInput(net, cell.box));
      stack.push({ box: r, depth: cell.depth + 1 }, { box: l, depth: cell.depth + 1 });
    }
    return ended(null, open);
  } finally {
    stop.abort();
  }
}
