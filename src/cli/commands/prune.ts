// invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [options]: a magnitude-pruning sweep, each level's
// discrepancy against the model and (with --center) its BL radius.
import { optional, parseCommandLine, requiredOption } from '../args';
import type { CommandLine } from '../help';
import { synopsis } from '../help';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, numberList, parseNorm, requiredBox, timeLimit } from './queryArgs';

export const pruneLine: CommandLine = {
  name: 'prune',
  positionals: [['MODEL', 'the ONNX model']],
  options: {
    levels: { required: true, value: '10,30,50', help: 'percentages of weights removed by magnitude, one pruned copy each' },
    out: { required: true, value: 'DIR', help: 'where the pruned models are written' },
    box: { required: true, value: 'lo:hi,...', help: 'the domain of each level\'s discrepancy' },
    center: { value: 'a,b,...', help: 'also each level\'s BL radius around this point' },
    method: { value: 'auto|direct|paper', help: 'how each level\'s discrepancy is answered (see invcert help match)' },
    ...QUERY_OPTIONS,
  },
};

export function parsePrune(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, pruneLine.options);
  const [model] = modelPaths(p, 1, synopsis(pruneLine));
  const center = optional(p, 'center');
  return invocation({
    kind: 'prune', model: modelRef(model, p), levels: numberList(requiredOption(p, 'levels'), '--levels'), outDir: requiredOption(p, 'out'),
    domain: requiredBox(p), norm: parseNorm(p),
    ...(center !== undefined ? { center: numberList(center, '--center') } : {}),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
