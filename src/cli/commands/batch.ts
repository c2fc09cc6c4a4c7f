// invcert batch FILE.invq [--shard i/N | --shard i --shard-count N] [--out DIR] [--results FILE] [--json]
// Runs a deterministic 1/N of the file's query instances (each grid cell and orbit state of a study is one), one
// result file per instance in DIR, skipping those finished before; unsharded, it also writes the results file.
import { writeSync } from 'node:fs';
import type { Engine } from '../../engine/engine';
import { resultsPath } from '../../server/results/sidecar';
import type { OptionSpecs } from '../args';
import { UsageError, optional, parseCommandLine } from '../args';
import { writeJoinedResults } from '../../server/studies/join';
import { planBatch, shardOf } from '../../server/studies/plan';
import type { CommandDeclaration } from '../help';
import { helpText } from '../help';
import { runShard } from '../../server/studies/runShard';
import { finishedInstances, openBatchDir, storedPlan } from '../../server/studies/store';
import type { CliCommand } from '../registry';
import { EXIT } from '../registry';

const batchDeclaration: CommandDeclaration = {
  name: 'batch',
  summary: 'run an .invq file\'s queries and studies as instances, optionally one shard of N',
  positionals: [['FILE.invq', 'the query file; a query line is one instance, each level of a prune line, orbit state and map grid\ncell is one']],
  options: {
    shard: {
      value: 'i/N',
      help: 'run shard i (0-based) of N: every N-th instance from position i. Without it, the shard index is\nread from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with --shard-count N',
    },
    'shard-count': { value: 'N', help: 'the number of shards, with --shard i or JOB_COMPLETION_INDEX' },
    out: { value: 'DIR', help: 'the batch folder (default FILE.invq.batch); every shard of a study writes to the same one' },
    results: {
      value: 'FILE',
      help: 'unsharded only: where the results file goes (default .invcert/results/FILE.invq.results.json in\nthe query file\'s folder, which the extension opens); sharded runs are joined by \'invcert merge DIR\'',
    },
  },
  notes: [
    'Writes each instance\'s result atomically to DIR/instances/ as it finishes. A re-run skips the instances',
    'already finished, so a stopped or killed shard is simply run again.',
  ],
};
const OPTIONS: OptionSpecs = batchDeclaration.options;

function wholeNumber(text: string, what: string, min: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new UsageError(`${what} must be a whole number ≥ ${min}, got '${text}'`);
  return Number(text);
}

/** [index, count] from --shard i/N, --shard i --shard-count N, or JOB_COMPLETION_INDEX with --shard-count N. */
export function parseShard(shard: string | undefined, shardCount: string | undefined, env: NodeJS.ProcessEnv): readonly [number, number] {
  let index: number | undefined, count: number | undefined;
  if (shardCount !== undefined) count = wholeNumber(shardCount, '--shard-count', 1);
  if (shard !== undefined) {
    const m = /^\s*([^/]+)\/(.+)$/.exec(shard);
    if (m) {
      index = wholeNumber(m[1], '--shard index', 0);
      const n = wholeNumber(m[2], '--shard count', 1);
      if (count !== undefined && count !== n) throw new UsageError(`--shard ${shard} says ${n} shards but --shard-count says ${count}`);
      count = n;
    } else {
      index = wholeNumber(shard, '--shard', 0);
    }
  } else if (env.JOB_COMPLETION_INDEX !== undefined && env.JOB_COMPLETION_INDEX !== '') {
    index = wholeNumber(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX', 0);
  }
  if (index === undefined) {
    if (count !== undefined && count > 1) throw new UsageError('--shard-count needs --shard i or JOB_COMPLETION_INDEX');
    return [0, 1];
  }
  if (count === undefined) throw new UsageError(`shard ${index} of how many? give --shard ${index}/N or --shard-count N`);
  if (index >= count) throw new UsageError(`shard index ${index} is out of range for ${count} shards (0..${count - 1})`);
  return [index, count];
}

async function runBatch(argv: readonly string[], engine: Engine): Promise<number> {
  const p = parseCommandLine(argv, OPTIONS);
  if (p.positional.length !== 1) throw new UsageError('expected one FILE.invq');
  const [index, count] = parseShard(optional(p, 'shard'), optional(p, 'shard-count'), process.env);
  const results = optional(p, 'results');
  if (results !== undefined && count > 1) throw new UsageError("--results is for an unsharded run: join shards with 'invcert merge DIR --results FILE'");
  const plan = await planBatch(p.positional[0]);
  const dir = optional(p, 'out') ?? `${plan.queryFile}.batch`;
  const stored = storedPlan(plan);
  await openBatchDir(dir, stored);
  const mine = shardOf(plan.instances, index, count);
  const finished = await finishedInstances(dir, plan.textSha256);
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let run;
  try {
    run = await runShard(engine, plan, mine, dir, finished, {
      signal: abort.signal,
      onProgress: (k, n, id) => writeSync(2, `${k} of ${n} instances (${id})\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  let resultsFile: string | undefined;
  if (count === 1) {
    resultsFile = results ?? resultsPath(plan.queryFile, []);
    await writeJoinedResults(stored, await finishedInstances(dir, plan.textSha256), resultsFile);
  }
  const summary = { shard: index, shards: count, instances: mine.length, ran: run.ran, skipped: run.skipped, total: plan.instances.length, dir, ...(resultsFile ? { resultsFile } : {}) };
  writeSync(1, p.flags.has('json') ? `${JSON.stringify(summary, null, 2)}\n`
    : `shard ${index}/${count}: ${mine.length} of ${plan.instances.length} instances, ${run.ran} run, ${run.skipped} finished before${resultsFile ? `; results in ${resultsFile}` : `; join the shards with 'invcert merge ${dir}'`}\n`);
  return EXIT.ok;
}

export const batchCommand: CliCommand = {
  name: batchDeclaration.name,
  summary: batchDeclaration.summary,
  usage: helpText(batchDeclaration),
  run: runBatch,
};
