// invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [options]: how far two networks differ
// on a box, or whether the second is a function of the first there.
import { optional, parseCommandLine } from '../args';
import type { CommandLine } from '../help';
import { synopsis } from '../help';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, parseNorm, requiredBox, timeLimit } from './queryArgs';

export const matchLine: CommandLine = {
  name: 'match',
  positionals: [['MODEL_A', 'the first ONNX model (f₁)'], ['MODEL_B', 'the second ONNX model (f₂), with the same inputs']],
  options: {
    box: { required: true, value: 'lo:hi,...', help: 'the domain, one interval per free input' },
    query: { required: true, value: 'transform|discrepancy', help: 'discrepancy: the largest ‖f₁(x) − f₂(x)‖∞ on the box; transform: whether f₂ is a function of f₁ there' },
    method: { value: 'auto|direct|paper', help: 'auto (default): the input-space search where it applies, else direct MILPs; paper: the paper\'s two-copy MILP' },
    ...QUERY_OPTIONS,
  },
};

export function parseMatch(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, matchLine.options);
  const [a, b] = modelPaths(p, 2, synopsis(matchLine));
  return invocation({
    kind: 'match', modelA: modelRef(a, p), modelB: modelRef(b, p), query: choice(p, 'query', ['transform', 'discrepancy'] as const),
    domain: requiredBox(p), norm: parseNorm(p),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
