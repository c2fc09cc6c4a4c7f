// invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--norm inf] [--fix IDX=VAL ...] [--json]
import type { ParsedArgs } from './queryArgs';
import { UsageError, choice, modelRef, num, one, parseArgs, parseBox, parseNorm, required } from './queryArgs';
import { runCommand } from './runCommand';

export const matchUsage = 'invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--norm inf] [--fix IDX=VAL ...] [--time-limit S] [--json]';

export async function matchCommand(argv: readonly string[]): Promise<number> {
  const p: ParsedArgs = parseArgs(argv);
  const [a, b] = p.positional;
  if (!a || !b || p.positional.length !== 2) throw new UsageError(`usage: ${matchUsage}`);
  const tl = one(p, 'time-limit');
  return runCommand({
    kind: 'match', modelA: modelRef(a, p), modelB: modelRef(b, p), query: choice(p, 'query', ['transform', 'discrepancy'] as const),
    domain: parseBox(required(p, 'box')), norm: parseNorm(p),
    ...(tl !== undefined ? { timeLimitSeconds: num(tl, '--time-limit') } : {}),
  }, p);
}
