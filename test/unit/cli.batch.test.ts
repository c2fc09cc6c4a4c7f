// invcert batch / merge: a study split into shards that run in separate processes joins into the very results file
// of an unsharded run, and a shard killed in the middle (SIGKILL) finishes on its re-run without redoing the
// instances it had finished.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';
import { repoRoot } from '../helpers/sharedModels';
import { parseShard } from '../../src/cli/commands/batch';

const MAIN = join(repoRoot, 'src', 'cli', 'main.ts');

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: repoRoot, timeout: 900_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, err: stderr }));
  });
}

/** A study of the fold network: one radius query, an orbit of 3 states and a 3 × 2 radius map: 10 instances. */
function studyFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'invcert-batch-'));
  const file = join(dir, 'study.invq');
  writeFileSync(file, [
    `model F = "${onnxFixture(foldNet())}"`,
    'domain D = [-2, 2] x [-2, 2]',
    'point P = (1, 0.5)',
    'radius F bl at P within D tolerance 0.01',
    'orbit F from (0.3, -0.2) steps 2 radius bl within D tolerance 0.01',
    'map F bl on D grid 3 x 2 tolerance 0.01',
  ].join('\n'));
  return file;
}

/** The results file without what differs between two runs of the same instances: wall times and finish times. */
function comparable(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'), (key, value: unknown) => (key === 'seconds' || key === 'finishedAt' ? 0 : value));
}

void test('a study sharded 3 ways in separate processes and merged equals the unsharded run', async () => {
  const file = studyFile();
  const whole = await cli(['batch', file, '--out', `${file}.whole`, '--results', `${file}.whole.json`, '--json']);
  assert.equal(whole.code, 0, whole.err);
  assert.equal((JSON.parse(whole.out) as { ran: number }).ran, 10);
  const dir = `${file}.shards`;
  // Shard 2 takes its index from JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job gives it.
  const shards = await Promise.all([
    cli(['batch', file, '--shard', '0/3', '--out', dir, '--json']),
    cli(['batch', file, '--shard', '1/3', '--out', dir, '--json']),
    cli(['batch', file, '--shard-count', '3', '--out', dir, '--json'], { JOB_COMPLETION_INDEX: '2' }),
  ]);
  for (const s of shards) assert.equal(s.code, 0, s.err);
  assert.deepEqual(shards.map((s) => (JSON.parse(s.out) as { ran: number }).ran), [4, 3, 3]);
  const before = await cli(['merge', dir, '--results', `${file}.merged.json`]);
  assert.equal(before.code, 0, before.err);
  assert.deepEqual(comparable(`${file}.merged.json`), comparable(`${file}.whole.json`));
  const joined = comparable(`${file}.merged.json`) as { records: unknown[]; studies: Array<{ instances: unknown[] }> };
  assert.equal(joined.records.length, 1);
  assert.deepEqual(joined.studies.map((s) => s.instances.length), [3, 6]);
});

void test('a pruning sweep\'s levels are instances of their own: two shards merged give the table, level by level, that one prune run gives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'invcert-batch-prune-'));
  const model = onnxFixture(foldNet());
  const file = join(dir, 'sweep.invq');
  writeFileSync(file, [`model F = "${model}"`, 'domain D = [-2, 2] x [-2, 2]', 'prune F levels 10, 50 on D at (1, 0.5)'].join('\n'));
  const shards = await Promise.all([0, 1].map((i) => cli(['batch', file, '--shard', `${i}/2`, '--out', `${file}.shards`, '--json'])));
  for (const s of shards) assert.equal(s.code, 0, s.err);
  assert.deepEqual(shards.map((s) => (JSON.parse(s.out) as { ran: number }).ran), [1, 1], 'one level in each shard');
  const merged = await cli(['merge', `${file}.shards`, '--results', `${file}.merged.json`]);
  assert.equal(merged.code, 0, merged.err);
  type Row = { level: number; discrepancy: number | null; discrepancyBound: number | null; radiusLower: number | null; radiusStatus: string; notRun: boolean };
  const record = (JSON.parse(readFileSync(`${file}.merged.json`, 'utf8')) as { records: Array<{ result: { query: string; status: string; prune: Row[]; message: string } }> }).records[0];
  assert.equal(record.result.query, 'prune');
  assert.deepEqual(record.result.prune.map((r) => [r.level, r.notRun]), [[10, false], [50, false]]);
  const whole = await cli(['prune', model, '--levels', '10,50', '--out', join(dir, 'whole'), '--box', '-2:2,-2:2', '--center', '1,0.5', '--json']);
  assert.equal(whole.code, 0, whole.err);
  const one = JSON.parse(whole.out) as { status: string; prune: Row[] };
  const columns = (rows: Row[]): unknown => rows.map((r) => [r.level, r.discrepancy, r.discrepancyBound, r.radiusLower, r.radiusStatus]);
  assert.deepEqual(columns(record.result.prune), columns(one.prune));
  assert.equal(record.result.status, one.status);
  assert.match(record.result.message, /pruned at 10, 50%: 10% → discrepancy .*; 50% → discrepancy /);
});

void test('merge names the missing instances when a shard has not run', async () => {
  const file = studyFile();
  const dir = `${file}.partial`;
  assert.equal((await cli(['batch', file, '--shard', '0/5', '--out', dir])).code, 0);
  const merged = await cli(['merge', dir]);
  assert.equal(merged.code, 3);
  assert.match(merged.err, /8 of 10 instances are not finished \(first: L5-k0-bl, L5-k1-bl, L5-k2-bl, L6-i0-j0, L6-i2-j0\)/);
});

void test('a shard killed in the middle (SIGKILL) and run again completes without redoing its finished instances', async () => {
  const file = studyFile();
  const dir = `${file}.killed`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'batch', file, '--out', dir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let progress = '';
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      progress += d.toString();
      // Killed once three instances are written: a hard stop, no handler runs.
      if (/^3 of 10 instances/m.test(progress) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
  assert.equal(child.signalCode, 'SIGKILL');
  const instances = join(dir, 'instances');
  const finished = readdirSync(instances).filter((n) => n.endsWith('.json'));
  assert.ok(finished.length >= 3 && finished.length < 10, `finished before the kill: ${finished.length}`);
  const stamps = new Map(finished.map((n) => [n, statSync(join(instances, n)).mtimeMs]));
  const rerun = await cli(['batch', file, '--out', dir, '--json']);
  assert.equal(rerun.code, 0, rerun.err);
  const summary = JSON.parse(rerun.out) as { ran: number; skipped: number; resultsFile: string };
  assert.deepEqual({ ran: summary.ran, skipped: summary.skipped }, { ran: 10 - finished.length, skipped: finished.length });
  for (const [n, t] of stamps) assert.equal(statSync(join(instances, n)).mtimeMs, t, `${n} was written again`);
  assert.equal(readdirSync(instances).filter((n) => n.endsWith('.json')).length, 10);
  assert.equal((JSON.parse(readFileSync(summary.resultsFile, 'utf8')) as { studies: unknown[] }).studies.length, 2);
});

void test('--shard reads i/N, i with --shard-count, and JOB_COMPLETION_INDEX; a bad shard is a usage error', () => {
  assert.deepEqual(parseShard('2/4', undefined, {}), [2, 4]);
  assert.deepEqual(parseShard('1', '3', {}), [1, 3]);
  assert.deepEqual(parseShard(undefined, '3', { JOB_COMPLETION_INDEX: '2' }), [2, 3]);
  assert.deepEqual(parseShard(undefined, undefined, {}), [0, 1]);
  assert.throws(() => parseShard('4/4', undefined, {}), /out of range for 4 shards/);
  assert.throws(() => parseShard(undefined, undefined, { JOB_COMPLETION_INDEX: '1' }), /of how many/);
  assert.throws(() => parseShard('1/2', '3', {}), /says 2 shards but --shard-count says 3/);
});
