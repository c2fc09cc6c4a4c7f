// Running one MILP for a query: time limit, cancellation, progress and the optional LP/MPS export.
import { writeFileSync } from 'node:fs';
import type { BoundMethod, Box, NetworkBounds } from '../bounds';
import { computeBounds } from '../bounds';
import { Cancelled, throwIfAborted } from '../errors';
import type { Network } from '../ir/network';
import type { MipProblem, SolveOptions, SolveResult } from '../solver/problem';
import type { QueryContext } from './context';

export interface MilpRun {
  readonly result: SolveResult;
  readonly problem: MipProblem;
}

/** rawStatus of a MILP that was not started because the query's time budget was already spent. */
export const BUDGET_SPENT = 'query time budget spent';

/** The share of the query's remaining budget that LP bound tightening (OBBT) may use. */
export const OBBT_BUDGET_SHARE = 0.5;

/** Seconds left of the query's budget (Infinity without one). */
export function budgetLeftSeconds(ctx: Pick<QueryContext, 'deadlineAt'>): number {
  return ctx.deadlineAt === undefined ? Infinity : (ctx.deadlineAt - Date.now()) / 1000;
}

/**
 * Solves `problem` under the context's limits (the per-MILP limit and what is left of the query's budget);
 * writes it first when the user asked for an export.
 */
export async function solveMilp(
  ctx: QueryContext, problem: MipProblem, label: string, extra: Partial<SolveOptions> = {},
): Promise<SolveResult> {
  throwIfAborted(ctx.signal);
  if (ctx.exportModel && ctx.solver.exportModel) {
    const text = await ctx.solver.exportModel(problem, ctx.exportModel.format);
    writeFileSync(ctx.exportModel.path, text);
  }
  const left = budgetLeftSeconds(ctx);
  if (left <= 0) {
    return { status: 'timeLimit', objective: null, bound: null, gap: null, colValue: null, nodes: 0, seconds: 0, rawStatus: BUDGET_SPENT };
  }
  const limit = Math.min(ctx.timeLimitSeconds ?? Infinity, left);
  ctx.onProgress?.({ phase: 'mip', message: `${label}: ${problem.numCols} columns, ${problem.numRows} rows` });
  const result = await ctx.solver.solve(problem, {
    ...(Number.isFinite(limit) ? { timeLimitSeconds: limit } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (p) => ctx.onProgress?.({
      phase: 'mip', message: `${label}: ${p.nodes} nodes, ${p.seconds.toFixed(1)} s`,
      incumbent: p.incumbent, bound: p.bound, gap: p.gap,
    }),
    ...extra,
  });
  throwIfAborted(ctx.signal);
  return result;
}

/**
 * Bounds for big-M over `box` by computeBounds. Method 'lp' needs the context's pool (without one: interval
 * arithmetic) and runs on at most OBBT_BUDGET_SHARE of what is left of the query's budget; cut short, it falls back
 * to 'crown' (CROWN ∩ interval: looser, still sound), so the MILPs get the rest instead of the query overrunning in
 * the LPs.
 */
export function boundsFor(ctx: QueryContext, net: Network, box: Box, method: BoundMethod): Promise<NetworkBounds> {
  return ctx.boundsMemo ? ctx.boundsMemo.get(net, box, method, () => computeBoundsFor(ctx, net, box, method)) : computeBoundsFor(ctx, net, box, method);
}

async function computeBoundsFor(ctx: QueryContext, net: Network, box: Box, method: BoundMethod): Promise<NetworkBounds> {
  ctx.onProgress?.({ phase: 'bounds', message: `${method} bounds` });
  if (method !== 'lp') return computeBounds(net, box, { method });
  const pool = ctx.lpBoundsPool;
  if (!pool) return computeBounds(net, box, { method: 'interval' });
  const left = budgetLeftSeconds(ctx);
  if (left <= 0) return computeBounds(net, box, { method: 'crown' });
  // Half of what is left at most: the MILPs need the rest to say anything.
  const budget = Number.isFinite(left) ? AbortSignal.timeout(Math.ceil(OBBT_BUDGET_SHARE * left * 1000)) : null;
  const signals = [ctx.signal, budget].filter((s): s is AbortSignal => s !== null && s !== undefined);
  try {
    return await computeBounds(net, box, { method: 'lp', pool, ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}) });
  } catch (e) {
    if (!(e instanceof Cancelled) || ctx.signal?.aborted || !budget?.aborted) throw e;
    return computeBounds(net, box, { method: 'crown' });
  }
}

/** True when the MILP proved its optimum (or proved there is no feasible point). */
export function proved(r: SolveResult): boolean {
  return r.status === 'optimal' || r.status === 'infeasible';
}
