// invcert certify MODEL --query bl|pi --center a,b,... --radius R [options]: is the model injective (BL) on the ball,
// or has the centre no other preimage (PI) in it.
import { optional, parseCommandLine, requiredOption } from '../args';
import type { CommandLine } from '../help';
import { synopsis } from '../help';
import type { QueryInvocation } from './queryArgs';
import { QUERY_OPTIONS, choice, invocation, modelPaths, modelRef, num, numberList, parseNorm, timeLimit } from './queryArgs';

export const certifyLine: CommandLine = {
  name: 'certify',
  positionals: [['MODEL', 'the ONNX model']],
  options: {
    query: { required: true, value: 'bl|pi', help: 'bl: no two inputs in the ball share an output (local invertibility); pi: no other input in the ball maps to the centre\'s output (nearest other preimage)' },
    center: { required: true, value: 'a,b,...', help: 'the ball\'s centre, one value per free input' },
    radius: { required: true, value: 'R', help: 'the ball\'s radius' },
    method: { value: 'auto|direct|paper', help: 'auto (default): the split path for few inputs, else the MILPs; direct: the MILPs; paper: the paper\'s formulation' },
    ...QUERY_OPTIONS,
  },
};

export function parseCertify(argv: readonly string[]): QueryInvocation {
  const p = parseCommandLine(argv, certifyLine.options);
  const [model] = modelPaths(p, 1, synopsis(certifyLine));
  return invocation({
    kind: 'certify', model: modelRef(model, p), query: choice(p, 'query', ['bl', 'pi'] as const),
    center: numberList(requiredOption(p, 'center'), '--center'), radius: num(requiredOption(p, 'radius'), '--radius'),
    norm: parseNorm(p),
    ...(optional(p, 'method') !== undefined ? { method: choice(p, 'method', ['auto', 'direct', 'paper'] as const) } : {}),
    ...timeLimit(p),
  }, p);
}
