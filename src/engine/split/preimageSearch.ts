// PI by splitting: other preimages of F(c) near c. Best-first over cells by their L∞ distance from c:
// a cell is dropped when its output box misses F(c), or when the Jacobian certificate holds on
// hull(cell, c) (then F(x) ≠ F(c) for every x ≠ c in the cell). Newton from the cell centre finds
// preimages; a cell where F is injective and a preimage was found holds no other one. Leaves that stay
// open at the resolution get a feasibility MILP.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { forward } from '../ir/forward';
import { center, containsPoint, grid, halve, hull, maxDistanceTo, maxWidth, minDistanceTo, pointBox } from './box';
import type { Collision } from './collision';
import { infDistance, measure, passesFloat64Rule } from './collision';
import { polishPreimage, snapIntoBox } from '../witness/polish';
import { buildPointMilp, feasibleDirections } from './pairMilp';
import { MinHeap } from './minHeap';
import { SearchContext } from './searchContext';
import type { SplitOptions, SplitStats } from './types';

export interface PreimageOutcome {
  /** Nearest verified other preimage found (x, with y = c), or null. */
  readonly witness: Collision | null;
  /** Every point of the box closer to c than this (and at least ε from c) is proved not a preimage. */
  readonly provedClearBelow: number;
  readonly status: 'complete' | 'incomplete';
  readonly reason?: string;
  readonly stats: SplitStats;
}

interface Cell { readonly box: Box; readonly dist: number }

/**
 * Searches `box` for points x with F(x) = F(c), ‖x − c‖∞ ≥ ε, nearest first. With `stopAtFirst`, returns
 * at the first verified one (PI certify); otherwise finds the nearest (PI radius).
 */
export async function searchPreimages(net: Network, c: Float64Array, box: Box, opts: SplitOptions,
  stopAtFirst: boolean, resolution: number): Promise<PreimageOutcome> {
  const ctx = new SearchContext(net, opts);
  const eps = opts.epsilon;
  const target = forward(net, c);
  const cBox = pointBox(c);
  const heap = new MinHeap<Cell>((cell) => cell.dist);
  for (const b of grid(box, opts.gridPerDim)) heap.push({ box: b, dist: minDistanceTo(b, c) });
  ctx.stats.cells = heap.size;
  let best: Collision | null = null;
  let bestDist = Infinity;
  let openBelow = Infinity; // smallest distance of a cell left unresolved
  let reason: string | undefined;
  const consider = (x: Float64Array): boolean => {
    const cand = measure(net, x, Float64Array.from(c));
    if (!passesFloat64Rule(net, cand, box, eps, true)) return false;
    const d = infDistance(x, c);
    if (d < bestDist) { best = cand; bestDist = d; }
    return true;
  };
  while (heap.size > 0) {
    const cell = heap.pop()!;
    if (cell.dist >= bestDist || cell.dist >= openBelow) { heap.push(cell); break; }
    if (ctx.overBudget()) { heap.push(cell); reason = `time budget of ${opts.deadlineSeconds} s spent`; break; }
    if (maxDistanceTo(cell.box, c) < eps) continue;
    const info = ctx.info(cell.box);
    if (!containsPoint(info.out, target)) continue;
    if (ctx.certify(hull(cell.box, cBox))) continue;
    const x = polishPreimage(net, target, center(cell.box), box);
    const found = consider(x);
    if (found && stopAtFirst) break;
    if (found && containsPoint(cell.box, x) && ctx.certify(cell.box)) continue;
    if (maxWidth(cell.box) <= resolution) {
      const leaf = await solvePointLeaf(ctx, cell.box, c, box);
      const ok = leaf.kind === 'point' && consider(leaf.x);
      if (ok && stopAtFirst) break;
      if (leaf.kind === 'unknown' || (leaf.kind === 'point' && !ok)) {
        openBelow = Math.min(openBelow, cell.dist);
        reason = leaf.kind === 'unknown' ? leaf.reason : 'leaf MILP point failed the float64 re-check';
      }
      continue;
    }
    for (const half of halve(cell.box)) heap.push({ box: half, dist: minDistanceTo(half, c) });
  }
  ctx.stats.seconds = ctx.elapsedSeconds();
  // Everything nearer than the nearest unprocessed or unresolved cell is proved clear.
  const next = heap.pop();
  const provedClearBelow = Math.min(openBelow, next ? next.dist : Infinity, bestDist);
  const complete = reason === undefined;
  return { witness: best, provedClearBelow, status: complete ? 'complete' : 'incomplete', ...(reason ? { reason } : {}), stats: ctx.stats };
}

type PointLeaf = { kind: 'none' } | { kind: 'point'; x: Float64Array } | { kind: 'unknown'; reason: string };

async function solvePointLeaf(ctx: SearchContext, cell: Box, c: Float64Array, searchBox: Box): Promise<PointLeaf> {
  const eps = ctx.opts.epsilon;
  const info = ctx.info(cell);
  let unknown: string | undefined;
  for (const dir of feasibleDirections(cell, pointBox(c), eps, false)) {
    const v = await ctx.solveLeaf(buildPointMilp(ctx.net, cell, info.bounds, c, dir, eps));
    if (v.kind === 'infeasible') continue;
    if (v.kind === 'unknown') { unknown = v.reason; continue; }
    const x = polishPreimage(ctx.net, forward(ctx.net, c), snapIntoBox(cell, v.x), searchBox);
    return { kind: 'point', x };
  }
  return unknown ? { kind: 'unknown', reason: unknown } : { kind: 'none' };
}
