// invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] [--fix IDX=VAL ...]
//                      [--method direct|bisection|paper] [--tolerance 1e-3] [--box lo:hi,...] [--time-limit S] [--json]
import type { ParsedArgs } from './queryArgs';
import { UsageError, choice, modelRef, num, numberList, one, parseArgs, parseBox, parseNorm, required } from './queryArgs';
import { runCommand } from './runCommand';

export const radiusUsage = 'invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] [--fix IDX=VAL ...] [--method direct|bisection|paper] [--tolerance 1e-3] [--box lo:hi,...] [--time-limit S] [--export-lp FILE|--export-mps FILE] [--json]';

export async function radiusCommand(argv: readonly string[]): Promise<number> {
  const p: ParsedArgs = parseArgs(argv);
  const [model] = p.positional;
  if (!model || p.positional.length !== 1) throw new UsageError(`usage: ${radiusUsage}`);
  const tol = one(p, 'tolerance'), tl = one(p, 'time-limit'), box = one(p, 'box');
  const method = one(p, 'method');
  return runCommand({
    kind: 'radius', model: modelRef(model, p), query: choice(p, 'query', ['bl', 'pi'] as const),
    center: numberList(required(p, 'center'), '--center'), norm: parseNorm(p),
    ...(method !== undefined ? { method: choice(p, 'method', ['direct', 'bisection', 'paper'] as const) } : {}),
    ...(tol !== undefined ? { tolerance: num(tol, '--tolerance') } : {}),
    ...(tl !== undefined ? { timeLimitSeconds: num(tl, '--time-limit') } : {}),
    ...(box !== undefined ? { domain: parseBox(box) } : {}),
  }, p);
}
