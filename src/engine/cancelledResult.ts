// What a cancelled query keeps (dispatchQuery attaches it to the Cancelled error; the language server stores it when the
// user cancelled): its bounds so far, or none, as 'unresolved', saying it was cancelled; a verified pair found
// before the cancel stays a counterexample.
import type { QuerySpec } from '../shared/querySpec';
import type { QueryResult } from '../shared/results';
import { queryKind } from './queryKind';

/** What a cancelled query keeps: its bounds so far (or none), as 'unresolved', saying it was cancelled. */
export function cancelledResult(spec: QuerySpec, partial: QueryResult | undefined, seconds: number): QueryResult {
  if (!partial) {
    return {
      query: queryKind(spec), status: 'unresolved', norm: spec.norm, objective: null, bound: null, gap: null, tolerance: 0,
      stats: { binaries: 0, unstable: 0, nodes: 0, seconds }, message: 'unresolved: cancelled before any bound was found',
    };
  }
  // A verified pair stays a counterexample: what was stopped is only the search for a larger separation.
  if (partial.status === 'counterexample' && partial.witness) {
    return { ...partial, objective: null, stats: { ...partial.stats, seconds }, message: `${partial.message} (cancelled)` };
  }
  const why = partial.message.replace(/^unresolved: /, '');
  return { ...partial, status: 'unresolved', stats: { ...partial.stats, seconds }, message: `unresolved (cancelled): ${why}` };
}
