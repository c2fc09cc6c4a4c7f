// invcert radius MODEL --query bl|pi --center a,b,... [options]: the largest ball around the centre on which BL (or PI)
// holds, as a certified value or a bracket.
import { optional, parseCommandLine, requiredOption } from '../args';
import type { CommandLine } from '../help';
import { synopsis } from '../help';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, num, numberList, parseBox, parseNorm, timeLimit } from './queryArgs';

export const radiusLine: CommandLine = {
  name: 'radius',
  positionals: [['MODEL', 'the ONNX model']],
  options: {
    query: { required: true, value: 'bl|pi', help: 'bl: the safety radius (local invertibility); pi: the distance to the nearest other preimage of the centre\'s output' },
    center: { required: true, value: 'a,b,...', help: 'the centre, one value per free input' },
    method: { value: 'auto|direct|bisection|paper', help: 'auto (default): the split path for few inputs, else direct MILPs; bisection: certify/refute steps; paper: the paper\'s formulation' },
    tolerance: { value: 'T', help: 'how narrow the final bracket must be (default 1e-3)' },
    box: { value: 'lo:hi,...', help: 'the domain the radius is capped at (default: a generous box around the centre)' },
    ...QUERY_OPTIONS,
  },
};

export function parseRadius(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, radiusLine.options);
  const [model] = modelPaths(p, 1, synopsis(radiusLine));
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
