// invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--norm inf] [--fix IDX=VAL ...] [--method auto|direct|paper] [--json]
import type { OptionSpecs } from '../args';
import { optional, parseCommandLine } from '../args';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, parseNorm, requiredBox, timeLimit } from './queryArgs';

export const matchUsage = 'invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--norm inf] [--fix IDX=VAL ...] [--method auto|direct|paper] [--time-limit S] [--budget S] [--json]';

const OPTIONS: OptionSpecs = { ...QUERY_OPTIONS, query: {}, box: {}, method: {} };

export function parseMatch(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, OPTIONS);
  const [a, b] = modelPaths(p, 2, matchUsage);
  return invocation({
    kind: 'match', modelA: modelRef(a, p), modelB: modelRef(b, p), query: choice(p, 'query', ['transform', 'discrepancy'] as const),
    domain: requiredBox(p), norm: parseNorm(p),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
