// invcert certify MODEL --query bl|pi --center a,b,... --radius R [--norm inf|1|2] [--fix IDX=VAL ...]
//                       [--method direct|paper] [--time-limit S] [--export-lp F | --export-mps F] [--json]
import type { ParsedArgs } from './queryArgs';
import { UsageError, choice, modelRef, num, numberList, one, parseArgs, parseNorm, required } from './queryArgs';
import { runCommand } from './runCommand';

export const certifyUsage = 'invcert certify MODEL --query bl|pi --center a,b,... --radius R [--norm inf|1|2] [--fix IDX=VAL ...] [--method direct|paper] [--time-limit S] [--export-lp FILE|--export-mps FILE] [--json]';

export async function certifyCommand(argv: readonly string[]): Promise<number> {
  const p: ParsedArgs = parseArgs(argv);
  const [model] = p.positional;
  if (!model || p.positional.length !== 1) throw new UsageError(`usage: ${certifyUsage}`);
  const tl = one(p, 'time-limit');
  return runCommand({
    kind: 'certify', model: modelRef(model, p), query: choice(p, 'query', ['bl', 'pi'] as const),
    center: numberList(required(p, 'center'), '--center'), radius: num(required(p, 'radius'), '--radius'),
    norm: parseNorm(p),
    ...(one(p, 'method') !== undefined ? { method: choice(p, 'method', ['direct', 'paper'] as const) } : {}),
    ...(tl !== undefined ? { timeLimitSeconds: num(tl, '--time-limit') } : {}),
  }, p);
}
