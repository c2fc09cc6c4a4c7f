// Every subcommand, registered once. Adding a command = one line here.
import type { CliCommand } from '../registry';
import { registerCommand } from '../registry';
import { certifyUsage, parseCertify } from './certify';
import { inspectCommand } from './inspect';
import { matchUsage, parseMatch } from './match';
import { parsePrune, pruneUsage } from './prune';
import type { QueryInvocation } from './queryArgs';
import { parseRadius, radiusUsage } from './radius';
import { runCommand } from './runCommand';

/** A query command: parse the command line into a QuerySpec, then run it. */
function queryCommand(name: string, summary: string, usage: string, parse: (argv: readonly string[]) => QueryInvocation): CliCommand {
  return { name, summary, usage: `usage: ${usage}`, run: (argv, engine) => runCommand(engine, parse(argv)) };
}

registerCommand(inspectCommand);
registerCommand(queryCommand('certify', 'certify injectivity on a ball (BL) or the nearest other preimage (PI)', certifyUsage, parseCertify));
registerCommand(queryCommand('radius', 'the largest ball around a centre on which the network is injective', radiusUsage, parseRadius));
registerCommand(queryCommand('match', 'compare two models on a box (transform or discrepancy)', matchUsage, parseMatch));
registerCommand(queryCommand('prune', 'prune by magnitude at several levels and certify each copy', pruneUsage, parsePrune));
