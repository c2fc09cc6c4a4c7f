// A failed query (an engine error, or a crashed worker) as a QueryResult with status 'error'.
import type { QuerySpec } from '../../shared/querySpec';
import type { QueryKind, QueryResult } from '../../shared/results';

export function queryKindOf(spec: QuerySpec): QueryKind {
  switch (spec.kind) {
    case 'certify': return spec.query;
    case 'radius': return spec.query === 'bl' ? 'radius-bl' : 'radius-pi';
    case 'match': return spec.query;
    case 'prune': return 'prune';
  }
}

export function errorResult(spec: QuerySpec, code: string, message: string, seconds: number): QueryResult {
  return {
    query: queryKindOf(spec),
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
