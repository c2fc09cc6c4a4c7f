// Every subcommand, registered once. The query commands are the queries of engine/queryDefinitions.ts (their name and
// help line come from there); each has its command line here, and a query without one fails to compile.
import type { QueryName } from '../../engine/queryDefinitions';
import { QUERIES, queryNames } from '../../engine/queryDefinitions';
import { registerCommand } from '../registry';
import type { CommandLine } from '../help';
import { helpText } from '../help';
import { batchCommand } from './batch';
import { certifyLine, parseCertify } from './certify';
import { inspectCommand } from './inspect';
import { matchLine, parseMatch } from './match';
import { mergeCommand } from './merge';
import { parsePrune, pruneLine } from './prune';
import type { QueryInvocation } from './queryArgs';
import { parseRadius, radiusLine } from './radius';
import { runCommand } from './runCommand';

interface QueryCommandLine {
  /** What the parser reads; the help is generated from it. */
  readonly line: CommandLine;
  /** The command line as the engine's spec. */
  readonly parse: (argv: readonly string[]) => QueryInvocation;
}

const QUERY_COMMAND_LINES: { readonly [K in QueryName]: QueryCommandLine } = {
  certify: { line: certifyLine, parse: parseCertify },
  radius: { line: radiusLine, parse: parseRadius },
  match: { line: matchLine, parse: parseMatch },
  prune: { line: pruneLine, parse: parsePrune },
};

registerCommand(inspectCommand);
registerCommand(batchCommand);
registerCommand(mergeCommand);
for (const name of queryNames) {
  const { line, parse } = QUERY_COMMAND_LINES[name];
  const summary = QUERIES[name].summary;
  registerCommand({ name, summary, usage: helpText({ ...line, summary }), run: (argv, engine) => runCommand(engine, parse(argv)) });
}
