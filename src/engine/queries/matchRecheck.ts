// Match witnesses are re-evaluated in onnxruntime-web for BOTH models (float64 was checked by the query), each
// against its own file: a witness the runtime contradicts is dropped and the result becomes 'unresolved'.
// runCheckedMatch is the match query as the user sees it (engine.run's match, and each level of a prune sweep).
import { forward } from '../ir/forward';
import { maxAbs } from '../norms/norm';
import type { QueryResult } from '../../shared/results';
import { ORT_AGREEMENT_RTOL, expandFree } from '../witness/check';
import type { CheckedModel, QuerySettings } from './checkedModel';
import { queryContextFor } from './checkedModel';
import type { MatchQuery } from './match';
import { runMatch } from './match';

export async function runCheckedMatch(settings: QuerySettings, q: Omit<MatchQuery, 'a' | 'b'>, a: CheckedModel, b: CheckedModel): Promise<QueryResult> {
  const result = await runMatch(queryContextFor(settings, a), { ...q, a: a.state, b: b.state });
  return recheckMatchWitness(result, a, b);
}

export async function recheckMatchWitness(result: QueryResult, a: CheckedModel, b: CheckedModel): Promise<QueryResult> {
  const w = result.witness;
  if (!w) return result;
  for (const p of [w.x, w.y]) {
    for (const model of [a, b]) {
      const F = forward(model.state.net, p);
      const out = await model.ortEvaluate(expandFree(model.state, p));
      const diff = maxAbs(out.map((v, i) => v - F[i]));
      if (!(diff <= ORT_AGREEMENT_RTOL * (1 + maxAbs(F)))) {
        const { witness: _w, ...rest } = result;
        void _w;
        return { ...rest, status: 'unresolved', message: `unresolved: onnxruntime-web disagrees with the float64 pass of ${model.state.original.source} by ${diff.toExponential(3)} at the witness` };
      }
    }
  }
  return { ...result, witness: { ...w, checkedBy: ['float64', 'onnxruntime-web'] } };
}
