// invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] [--fix IDX=VAL ...]
//                      [--method auto|direct|bisection|paper] [--tolerance 1e-3] [--box lo:hi,...] [--time-limit S] [--budget S] [--json]
import type { OptionSpecs } from '../args';
import { optional, parseCommandLine, requiredOption } from '../args';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, num, numberList, parseBox, parseNorm, timeLimit } from './queryArgs';

export const radiusUsage = 'invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] [--fix IDX=VAL ...] [--method auto|direct|bisection|paper] [--tolerance 1e-3] [--box lo:hi,...] [--time-limit S] [--budget S] [--export-lp FILE|--export-mps FILE] [--json]';

const OPTIONS: OptionSpecs = { ...QUERY_OPTIONS, query: {}, center: {}, method: {}, tolerance: {}, box: {} };

export function parseRadius(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, OPTIONS);
  const [model] = modelPaths(p, 1, radiusUsage);
  const tol = optional(p, 'tolerance'), box = optional(p, 'box');
  return invocation({
    kind: 'radius', model: modelRef(model, p), query: choice(p, 'query', ['bl', 'pi'] as const),
    center: numberList(requiredOption(p, 'center'), '--center'), norm: parseNorm(p),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'bisection', 'paper'] as const) } : {}),
    ...(tol !== undefined ? { tolerance: num(tol, '--tolerance') } : {}),
    ...timeLimit(p),
    ...(box !== undefined ? { domain: parseBox(box) } : {}),
  }, p);
}
