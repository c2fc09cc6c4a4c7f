// The transform query under method 'auto' where the split path applies to f₁ (at most 3 free inputs, a square or
// tall map): the input-space branch and bound of transformSearch.ts with the split path's options (the query's
// solver, budget, cancel and progress), its bracket handed to ctx.onPartial as it tightens so a cancel keeps it.
import type { Box } from '../bounds/types';
import type { Network } from '../ir/network';
import type { QueryContext } from '../queries/context';
import { boxPairs, fmt } from '../queries/certifyPair';
import { SEPARATION_FLOOR } from '../queries/radius';
import { unresolved } from '../results/build';
import { FULL_SPLIT_MAX_DIMS, splitApplies, splitOptionsFor, toStats } from '../split/lowDimQuery';
import type { QueryStats } from '../../shared/results';
import type { TransformSearchOutcome } from './transformSearch';
import { searchTransform } from './transformSearch';

/** The default tolerance of the transform query under 'auto': absolute, on max ‖f₂(x) − f₂(y)‖∞. */
export const AUTO_TRANSFORM_TOLERANCE = 1e-3;

/** Halvings of one pair before its MILP, per free input (deeper than BL's 3: bounds are cheaper than MILPs here). */
const DEPTH_PER_INPUT = 4;

export function transformSplitApplies(f1: Network, f2: Network): boolean {
  return splitApplies(f1) && f1.inputSize <= FULL_SPLIT_MAX_DIMS && !f2.layers[f2.layers.length - 1].relu;
}

export interface TransformBySplit extends TransformSearchOutcome {
  readonly queryStats: QueryStats;
}

export async function transformBySplit(ctx: QueryContext, f1: Network, f2: Network, box: Box, tolerance: number): Promise<TransformBySplit> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const opts = { ...splitOptionsFor(ctx, SEPARATION_FLOOR), maxDepth: DEPTH_PER_INPUT * f1.inputSize, workers: 1 };
  const out = await searchTransform({ f1, f2, box, tolerance }, opts, (b) => ctx.onPartial?.(unresolved({
    query: 'transform', norm: 'inf', tolerance, domain: boxPairs(box), objective: null, bound: b.upper, gap: null,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: seconds(), method: 'auto:split' },
    message: `unresolved: max ‖f₂(x) − f₂(y)‖∞ s.t. f₁(x) = f₁(y) in [${fmt(b.lower)}, ${fmt(b.upper)}], ${b.pairsLeft} cell pairs open`,
  })));
  return { ...out, queryStats: toStats(out.stats, seconds()) };
}
