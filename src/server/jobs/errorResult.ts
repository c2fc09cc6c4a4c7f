// A failed query (an engine error, or a crashed worker) as a QueryResult with status 'error'.
import type { QuerySpec } from '../../shared/querySpec';
import type { QueryResult } from '../../shared/results';
import { queryKind } from '../../engine/cancelledResult';

export function errorResult(spec: QuerySpec, code: string, message: string, seconds: number): QueryResult {
  return {
    query: queryKind(spec),
    status: 'error',
    norm: spec.norm,
    objective: null,
    bound: null,
    gap: null,
    tolerance: 0,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds },
    message: `${code}: ${message}`,
    error: { code, message },
  };
}
