// The result kind a query spec answers (QueryResult.query), for results built without running it: an error, a cancel.
import type { QuerySpec } from '../shared/querySpec';
import type { QueryKind } from '../shared/results';

export function queryKind(spec: QuerySpec): QueryKind {
  switch (spec.kind) {
    case 'certify': return spec.query;
    case 'radius': return spec.query === 'bl' ? 'radius-bl' : 'radius-pi';
    case 'match': return spec.query;
    case 'prune': return 'prune';
    default: {
      // A new QuerySpec kind must name its result kind here: this fails to compile until it does.
      const unhandled: never = spec;
      return unhandled;
    }
  }
}
