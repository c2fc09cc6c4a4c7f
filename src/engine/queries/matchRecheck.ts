// Match witnesses are re-evaluated in onnxruntime-web for BOTH models (float64 was checked by the query):
// a witness the runtime contradicts is dropped and the result becomes 'unresolved'.
import { forward } from '../ir/forward';
import type { StateMap } from '../ir/network';
import { maxAbs } from '../norms/norm';
import type { QueryResult } from '../../shared/results';
import { ORT_AGREEMENT_RTOL, expandFree } from '../witness/check';
import type { OnnxRuntimeModel } from '../witness/onnxRuntime';

export async function recheckMatchWitness(result: QueryResult, a: StateMap, b: StateMap, ortA: OnnxRuntimeModel, ortB: OnnxRuntimeModel): Promise<QueryResult> {
  const w = result.witness;
  if (!w) return result;
  for (const p of [w.x, w.y]) {
    for (const [state, ort] of [[a, ortA], [b, ortB]] as const) {
      const F = forward(state.net, p);
      const out = await ort.evaluate(expandFree(state, p));
      const diff = maxAbs(out.map((v, i) => v - F[i]));
      if (!(diff <= ORT_AGREEMENT_RTOL * (1 + maxAbs(F)))) {
        const { witness: _w, ...rest } = result;
        void _w;
        return { ...rest, status: 'unresolved', message: `unresolved: onnxruntime-web disagrees with the float64 pass by ${diff.toExponential(3)} at the witness` };
      }
    }
  }
  return { ...result, witness: { ...w, checkedBy: ['float64', 'onnxruntime-web'] } };
}
