// invcert merge DIR [--results FILE] [--json]
// Joins the shards of a batch folder into the one results file an unsharded run writes.
import { writeSync } from 'node:fs';
import { resultsPath } from '../../server/results/sidecar';
import type { OptionSpecs } from '../args';
import { UsageError, optional, parseCommandLine } from '../args';
import { missingInstances, writeJoinedResults } from '../../server/studies/join';
import { finishedInstances, readPlan } from '../../server/studies/store';
import type { CommandDeclaration } from '../help';
import { helpText } from '../help';
import type { CliCommand } from '../registry';
import { EXIT } from '../registry';

const mergeDeclaration: CommandDeclaration = {
  name: 'merge',
  summary: 'join the shards of a batch folder into one results file',
  positionals: [['DIR', 'the batch folder every shard of \'invcert batch\' wrote to']],
  options: {
    results: { value: 'FILE', help: 'where the results file goes (default .invcert/results/FILE.invq.results.json in the query\nfile\'s folder, which the extension opens)' },
  },
  notes: ['Fails, naming them, when instances are missing: run the shards that hold them again (finished', 'instances are skipped).'],
};
const OPTIONS: OptionSpecs = mergeDeclaration.options;

export const mergeCommand: CliCommand = {
  name: mergeDeclaration.name,
  summary: mergeDeclaration.summary,
  usage: helpText(mergeDeclaration),
  async run(argv) {
    const p = parseCommandLine(argv, OPTIONS);
    if (p.positional.length !== 1) throw new UsageError('expected one batch folder DIR');
    const dir = p.positional[0];
    const plan = await readPlan(dir);
    const done = await finishedInstances(dir, plan.textSha256);
    const target = optional(p, 'results') ?? resultsPath(plan.queryFile, []);
    await writeJoinedResults(plan, done, target);
    const summary = { instances: plan.instances.length, missing: missingInstances(plan, done).length, resultsFile: target };
    writeSync(1, p.flags.has('json') ? `${JSON.stringify(summary, null, 2)}\n` : `merged ${plan.instances.length} instances of ${plan.lines.length} lines into ${target}\n`);
    return EXIT.ok;
  },
};
