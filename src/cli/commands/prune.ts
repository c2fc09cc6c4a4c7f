// invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center ...] [--fix IDX=VAL ...] [--json]
import type { ParsedArgs } from './queryArgs';
import { UsageError, modelRef, num, numberList, one, parseArgs, parseBox, parseNorm, required } from './queryArgs';
import { runCommand } from './runCommand';

export const pruneUsage = 'invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center a,b,...] [--fix IDX=VAL ...] [--time-limit S] [--json]';

export async function pruneCommand(argv: readonly string[]): Promise<number> {
  const p: ParsedArgs = parseArgs(argv);
  const [model] = p.positional;
  if (!model || p.positional.length !== 1) throw new UsageError(`usage: ${pruneUsage}`);
  const center = one(p, 'center'), tl = one(p, 'time-limit');
  return runCommand({
    kind: 'prune', model: modelRef(model, p), levels: numberList(required(p, 'levels'), '--levels'), outDir: required(p, 'out'),
    domain: parseBox(required(p, 'box')), norm: parseNorm(p),
    ...(center !== undefined ? { center: numberList(center, '--center') } : {}),
    ...(tl !== undefined ? { timeLimitSeconds: num(tl, '--time-limit') } : {}),
  }, p);
}
