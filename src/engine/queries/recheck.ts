// Results from the fast path are re-checked here like every MILP witness: a pair that fails re-evaluation is
// never shown as a counterexample (the result becomes 'unresolved' with a note).
import type { Box } from '../bounds/types';
import type { QueryResult } from '../../shared/results';
import { verifyPair } from '../witness/check';
import type { QueryContext } from './context';

export async function recheckWitness(ctx: QueryContext, result: QueryResult, box: Box, piCenter: Float64Array | null): Promise<QueryResult> {
  const w = result.witness;
  if (!w) return result;
  const slack = { lower: box.lower.map((v) => v - 1e-9 * (1 + Math.abs(v))), upper: box.upper.map((v) => v + 1e-9 * (1 + Math.abs(v))) };
  const v = await verifyPair(
    { state: ctx.state, box: slack, norm: result.norm, minSeparation: 0, ...(ctx.ortEvaluate ? { ortEvaluate: ctx.ortEvaluate } : {}) },
    Float64Array.from(w.x), piCenter ? null : Float64Array.from(w.y), piCenter,
  );
  if (v.ok) return { ...result, witness: { ...v.witness, separation: v.witness.separation } };
  const { witness: _dropped, ...rest } = result;
  void _dropped;
  return {
    ...rest,
    status: result.status === 'counterexample' ? 'unresolved' : result.status,
    message: `${result.status === 'counterexample' ? 'unresolved' : result.message}: a reported pair failed re-checking (${v.reason})`,
  };
}
