// invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center ...] [--fix IDX=VAL ...] [--method auto|direct|paper] [--json]
import type { OptionSpecs } from '../args';
import { optional, parseCommandLine, requiredOption } from '../args';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, numberList, parseNorm, requiredBox, timeLimit } from './queryArgs';

export const pruneUsage = 'invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center a,b,...] [--fix IDX=VAL ...] [--method auto|direct|paper] [--time-limit S] [--budget S] [--json]';

const OPTIONS: OptionSpecs = { ...QUERY_OPTIONS, levels: {}, out: {}, box: {}, center: {}, method: {} };

export function parsePrune(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, OPTIONS);
  const [model] = modelPaths(p, 1, pruneUsage);
  const center = optional(p, 'center');
  return invocation({
    kind: 'prune', model: modelRef(model, p), levels: numberList(requiredOption(p, 'levels'), '--levels'), outDir: requiredOption(p, 'out'),
    domain: requiredBox(p), norm: parseNorm(p),
    ...(center !== undefined ? { center: numberList(center, '--center') } : {}),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
