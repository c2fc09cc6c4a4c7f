// Every subcommand, registered once. The query commands are the queries of engine/queryDefinitions.ts (their name and
// help line come from there); each has its command line here, and a query without one fails to compile.
import type { QueryName } from '../../engine/queryDefinitions';
import { QUERIES, queryNames } from '../../engine/queryDefinitions';
import { registerCommand } from '../registry';
import { certifyUsage, parseCertify } from './certify';
import { inspectCommand } from './inspect';
import { matchUsage, parseMatch } from './match';
import { parsePrune, pruneUsage } from './prune';
import type { QueryInvocation } from './queryArgs';
import { parseRadius, radiusUsage } from './radius';
import { runCommand } from './runCommand';

interface QueryCommandLine {
  readonly usage: string;
  /** The command line as the engine's spec. */
  readonly parse: (argv: readonly string[]) => QueryInvocation;
}

const QUERY_COMMAND_LINES: { readonly [K in QueryName]: QueryCommandLine } = {
  certify: { usage: certifyUsage, parse: parseCertify },
  radius: { usage: radiusUsage, parse: parseRadius },
  match: { usage: matchUsage, parse: parseMatch },
  prune: { usage: pruneUsage, parse: parsePrune },
};

registerCommand(inspectCommand);
for (const name of queryNames) {
  const { usage, parse } = QUERY_COMMAND_LINES[name];
  registerCommand({ name, summary: QUERIES[name].summary, usage: `usage: ${usage}`, run: (argv, engine) => runCommand(engine, parse(argv)) });
}
