// A failed query as a QueryResult with status 'error': a user-facing engine error (dispatchQuery), or a worker that
// crashed or could not start (the language server). One shape and one wording for both.
import type { QuerySpec } from '../shared/querySpec';
import type { QueryResult } from '../shared/results';
import { queryKind } from './queryKind';

export function errorResult(spec: QuerySpec, code: string, message: string, seconds = 0): QueryResult {
  return {
    query: queryKind(spec), status: 'error', norm: spec.norm, objective: null, bound: null, gap: null, tolerance: 0,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds },
    message: `error: ${message}`, error: { code, message },
  };
}
