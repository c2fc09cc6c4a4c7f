// "Is F ε-injective on the box Q?" above 3 free inputs, by input-space branch and bound on pairs of boxes (the BL
// question is about pairs x, y of Q). The grid of pairSearch.ts does not scale there (8⁴ cells, 10⁶ pairs), so this
// starts from the pair (Q, Q) and splits only where the bounds say it must:
//   - a pair is dropped when its boxes lie closer than ε, when their images are apart (output boxes or a slanted
//     direction, SearchContext.imagesApart), or when the Jacobian certificate holds on their hull;
//   - a pair whose MILP is small (few unstable ReLUs under its boxes' CROWN bounds) is settled by ONE leaf MILP with
//     every separation direction in it (pairMilp.ts, buildPairMilpAnyDirection), whose encoding carries the stably
//     active neurons as expressions: robot's whole B∞(0.1·1, 0.01) is one such MILP of 15 binaries, proved
//     infeasible in a few hundred ms, where the MILP path's 5 direction MILPs over all 192 ReLUs took 7–17 s;
//   - otherwise the box that matters most is halved along the input that matters most, as in α,β-CROWN's input split:
//     the score of input i is its width times the absolute sum of column i of the Jacobian at the box's centre (how
//     far F moves across the box along i, which is what keeps neurons unstable and images overlapping).
// Depth first, under the caller's wall-clock budget: past it the search stops unresolved, and certify falls back to
// the MILP path on the whole question (lowDimQuery.ts). A pair found at a leaf is polished and pre-screened by the
// float64 rule here (checkedLeafPair) and accepted only by verifyPair in lowDimQuery.ts.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { jacobianAt } from '../ir/jacobian';
import { center, halveAlong, hull, maxSeparation, maxWidth } from './box';
import { countUnstable, phases } from './jacobian';
import { buildPairMilpAnyDirection } from './pairMilp';
import { checkedLeafPair } from './pairSearch';
import { SearchContext } from './searchContext';
import type { SplitOptions, SplitOutcome } from './types';

/**
 * A pair whose leaf MILP has at most this many ReLU binaries (both copies) is solved rather than split. In 5-D a
 * split of a same-box pair makes 3 pairs, each a MILP again unless the split stabilised neurons or separated
 * images; one MILP of ~20 binaries (robot, under the substituted encoding) closes in tens of nodes.
 */
export const BRANCH_LEAF_MAX_BINARIES = 20;

interface BoxPair {
  readonly a: Box;
  readonly c: Box;
  readonly depth: number;
}

/** Input-space branch and bound for BL on `box`; any dimension, meant for above 3 free inputs (pairSearch.ts below). */
export async function certifyByInputBranching(net: Network, box: Box, opts: SplitOptions): Promise<SplitOutcome> {
  const ctx = new SearchContext(net, opts);
  const eps = opts.epsilon;
  const unstable = (b: Box): number => countUnstable(phases(net, ctx.info(b).bounds));
  const ended = (o: Omit<SplitOutcome, 'stats'>): SplitOutcome => {
    ctx.stats.seconds = ctx.elapsedSeconds();
    return { ...o, stats: ctx.stats };
  };
  const stack: BoxPair[] = [{ a: box, c: box, depth: 0 }];
  let open: string | undefined;
  while (stack.length > 0) {
    if (ctx.overBudget()) {
      ctx.stats.unresolvedLeaves += stack.length;
      return ended({ status: 'unresolved', reason: `time budget of ${opts.deadlineSeconds} s spent with ${stack.length} box pairs open` });
    }
    const p = stack.pop()!;
    const same = p.a === p.c;
    ctx.stats.pairsScreened++;
    if (same ? maxWidth(p.a) < eps : maxSeparation(p.a, p.c) < eps || ctx.imagesApart(p.a, p.c)) continue;
    if (ctx.certify(same ? p.a : hull(p.a, p.c))) continue;
    ctx.stats.pairsSurvived++;
    const unstableA = unstable(p.a), unstableC = same ? unstableA : unstable(p.c);
    const binaries = unstableA + unstableC;
    if (binaries <= BRANCH_LEAF_MAX_BINARIES || p.depth >= opts.maxDepth) {
      const leaf = buildPairMilpAnyDirection(net, p.a, ctx.info(p.a).bounds, p.c, ctx.info(p.c).bounds, eps, same);
      const verdict = await ctx.solveLeaf(leaf);
      if (verdict.kind === 'infeasible') continue;
      if (verdict.kind === 'feasible') {
        const collision = checkedLeafPair(ctx, p, box, verdict.x, verdict.y);
        if (collision) return ended({ status: 'collision', collision });
      }
      open = verdict.kind === 'unknown' ? verdict.reason : 'leaf MILP point failed the float64 re-check';
      ctx.stats.unresolvedLeaves++;
      continue;
    }
    const d = p.depth + 1;
    if (same) {
      const [l, r] = halveAlong(p.a, splitInput(net, p.a));
      ctx.stats.cells += 2;
      stack.push({ a: r, c: r, depth: d }, { a: l, c: r, depth: d }, { a: l, c: l, depth: d });
    } else {
      // Halve the box with more unstable neurons: its binaries are the ones the pair's MILP would branch on.
      const first = unstableA >= unstableC;
      const [l, r] = halveAlong(first ? p.a : p.c, splitInput(net, first ? p.a : p.c));
      ctx.stats.cells += 2;
      stack.push(...(first ? [{ a: r, c: p.c, depth: d }, { a: l, c: p.c, depth: d }] : [{ a: p.a, c: r, depth: d }, { a: p.a, c: l, depth: d }]));
    }
  }
  return ended(open ? { status: 'unresolved', reason: open } : { status: 'injective' });
}

/** The input to halve: the largest width × Σ_r |J_ri| at the box's centre (ties and a zero Jacobian: the widest). */
export function splitInput(net: Network, b: Box): number {
  const n = net.inputSize, m = net.outputSize;
  const jac = jacobianAt(net, center(b));
  let best = 0, bestScore = -1;
  for (let i = 0; i < n; i++) {
    const width = b.upper[i] - b.lower[i];
    let s = 0;
    for (let r = 0; r < m; r++) s += Math.abs(jac[r * n + i]);
    // The width term alone breaks ties, so a flat direction is still split once it is the widest.
    const score = width * s + 1e-12 * width;
    if (score > bestScore) { best = i; bestScore = score; }
  }
  return best;
}
