// The scale-out examples are valid files, checked by a kept parser (js-yaml) and JSON Schemas (ajv, schemas in
// test/fixtures/schemas/), and they run what they say: every shard index of the Indexed Job / the matrix once, of
// the same shard count, on a study file that plans (parses, checks and expands) as invcert batch plans it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { parseShard } from '../../src/cli/commands/batch';
import { planBatch } from '../../src/server/studies/plan';
import { repoRoot } from '../helpers/sharedModels';

// js-yaml ships no types: its one function used here, typed.
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };
const dir = join(repoRoot, 'examples', 'scale-out');
const schema = (name: string): object => JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'schemas', name), 'utf8')) as object;
const yaml = (name: string): unknown => load(readFileSync(join(dir, name), 'utf8'));

function validator(name: string): (doc: unknown) => string[] {
  const check = new Ajv({ allErrors: true, strict: false }).compile(schema(name));
  return (doc) => (check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

interface Job {
  spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: Array<{ command: string[]; args: string[] }> } } };
}
interface Workflow {
  jobs: Record<string, { needs?: string | string[]; strategy?: { matrix: Record<string, unknown[]> }; steps: Array<{ run?: string }> }>;
}

/** The invcert command line of a shell line, e.g. 'batch FILE --shard 0/4 --out out'. */
function invcertArgs(line: string, vars: Record<string, string>): string[] {
  const expanded = Object.entries(vars).reduce((s, [k, v]) => s.split(k).join(v), line);
  const words = expanded.trim().split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ['npx', 'invcert'], line);
  return words.slice(2);
}

void test('the Kubernetes Indexed Job validates against the batch/v1 Job schema and runs each shard of N once', async () => {
  const job = yaml('brusselator-study-job.yaml');
  assert.deepEqual(validator('k8s-batch-v1-job.json')(job), []);
  const { spec } = job as Job;
  assert.equal(spec.completionMode, 'Indexed');
  const [container] = spec.template.spec.containers;
  assert.deepEqual(container.command, ['sh', '-c']);
  const shards = Array.from({ length: spec.completions }, (_, i) => {
    const args = invcertArgs(container.args[0], { $JOB_COMPLETION_INDEX: String(i) });
    assert.equal(args[0], 'batch');
    return parseShard(args[args.indexOf('--shard') + 1], undefined, {});
  });
  assert.deepEqual(shards, Array.from({ length: spec.completions }, (_, i) => [i, spec.completions]));
  const args = invcertArgs(container.args[0], { $JOB_COMPLETION_INDEX: '0' });
  const plan = await planBatch(join(repoRoot, args[1]));
  assert.equal(plan.instances.length, 41 * 2 + 40 * 40);
});

void test('the GitHub Actions workflow validates against the workflow schema: a matrix of every shard, then a merge job', () => {
  const wf = yaml('brusselator-study.yml');
  assert.deepEqual(validator('github-workflow.json')(wf), []);
  const { jobs } = wf as Workflow;
  const shardValues = jobs.shard.strategy!.matrix.shard;
  const run = jobs.shard.steps.find((s) => s.run?.includes('invcert batch'))!.run!;
  const shards = shardValues.map((v) => {
    const args = invcertArgs(run, { '${{ matrix.shard }}': String(v) });
    return parseShard(args[args.indexOf('--shard') + 1], undefined, {});
  });
  assert.deepEqual(shards, shardValues.map((_, i) => [i, shardValues.length]));
  assert.deepEqual([jobs.merge.needs].flat(), ['shard']);
  assert.ok(jobs.merge.steps.some((s) => s.run?.startsWith('npx invcert') && invcertArgs(s.run, {})[0] === 'merge'));
});

void test('the schemas refuse a misspelt field, so the validation above is not vacuous', () => {
  const job = yaml('brusselator-study-job.yaml') as { spec: Record<string, unknown> };
  assert.notDeepEqual(validator('k8s-batch-v1-job.json')({ ...job, spec: { ...job.spec, completionsMode: 'Indexed' } }), []);
  const wf = yaml('brusselator-study.yml') as Workflow;
  const broken = { ...wf, jobs: { ...wf.jobs, merge: { ...wf.jobs.merge, need: 'shard' } } };
  assert.notDeepEqual(validator('github-workflow.json')(broken), []);
});
