// The match query as the user sees it (engine.run's match, and each level of a prune sweep): its witness is
// re-evaluated in onnxruntime-web for BOTH models (float64 was checked by the query), each against its own file
// (verifyMatchWitness); a witness the runtime contradicts is dropped and the result becomes 'unresolved'.
import type { MatchResult } from '../../shared/results';
import { verifyMatchWitness } from '../witness/check';
import type { CheckedModel, QuerySettings } from './checkedModel';
import { queryContextFor } from './checkedModel';
import type { MatchQuery } from './match';
import { runMatch } from './match';

export function runCheckedMatch(settings: QuerySettings, q: Omit<MatchQuery, 'a' | 'b' | 'recheck'>, a: CheckedModel, b: CheckedModel): Promise<MatchResult> {
  return runMatch(queryContextFor(settings, a), { ...q, a: a.state, b: b.state, recheck: (w) => verifyMatchWitness(w, [a, b]) });
}
