// invcert certify MODEL --query bl|pi --center a,b,... --radius R [--norm inf|1|2] [--fix IDX=VAL ...]
//                       [--method auto|direct|paper] [--time-limit S] [--budget S] [--export-lp F | --export-mps F] [--json]
import type { OptionSpecs } from '../args';
import { optional, parseCommandLine, requiredOption } from '../args';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, num, numberList, parseNorm, timeLimit } from './queryArgs';

export const certifyUsage = 'invcert certify MODEL --query bl|pi --center a,b,... --radius R [--norm inf|1|2] [--fix IDX=VAL ...] [--method auto|direct|paper] [--time-limit S] [--budget S] [--export-lp FILE|--export-mps FILE] [--json]';

const OPTIONS: OptionSpecs = { ...QUERY_OPTIONS, query: {}, center: {}, radius: {}, method: {} };

export function parseCertify(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, OPTIONS);
  const [model] = modelPaths(p, 1, certifyUsage);
  return invocation({
    kind: 'certify', model: modelRef(model, p), query: choice(p, 'query', ['bl', 'pi'] as const),
    center: numberList(requiredOption(p, 'center'), '--center'), radius: num(requiredOption(p, 'radius'), '--radius'),
    norm: parseNorm(p),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
