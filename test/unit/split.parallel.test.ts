// The parallel split search (SplitOptions.workers = 2): same answers as the serial search, every reported pair a
// real collision, a collision in one worker stops the other, cancel works, and no worker outlives its use.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { certifyInjectiveOnBox } from '../../src/engine/split/pairSearch';
import { SplitWorkerPool } from '../../src/engine/split/parallelPool';
import type { ParallelOutcome } from '../../src/engine/split/parallelSearch';
import { ballBox } from '../../src/engine/queries/box';
import { makeBox } from '../../src/engine/split/box';
import { forward } from '../../src/engine/ir/forward';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { loadOnnxModel } from '../../src/engine/onnx';
import type { Network } from '../../src/engine/ir/network';
import type { Box } from '../../src/engine/bounds/types';
import type { SplitOptions, SplitOutcome } from '../../src/engine/split/types';
import { Cancelled } from '../../src/engine/errors';
import { SolverPool } from '../../src/engine/solver';
import { foldNet, residualNet, singularNet } from '../helpers/paperCases';
import { randomNet } from '../helpers/splitNets';
import { repoRoot, sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const pool = new SolverPool({ size: 1 });
const splitWorkers = new SplitWorkerPool();
after(async () => {
  await pool.dispose();
  await splitWorkers.dispose();
});

/** certifyInjectiveOnBox with this file's split workers (used when opts.workers > 1). */
const search = (net: Network, box: Box, o: SplitOptions, workers = splitWorkers): Promise<ParallelOutcome> =>
  certifyInjectiveOnBox(net, box, o, { pool: workers });

const opts = (epsilon = 1e-4, workers = 1): SplitOptions =>
  ({ gridPerDim: 8, maxDepth: 6, maxEnumerate: 9, epsilon, milpTimeLimitSeconds: 20, solver: pool, workers });

function assertRealCollision(net: Network, out: SplitOutcome, eps: number, box: Box): void {
  const c = out.collision!;
  const fx = forward(net, c.x), fy = forward(net, c.y);
  let gap = 0, sep = 0, scale = 1;
  for (let i = 0; i < fx.length; i++) { gap = Math.max(gap, Math.abs(fx[i] - fy[i])); scale = Math.max(scale, 1 + Math.abs(fx[i])); }
  for (let i = 0; i < c.x.length; i++) sep = Math.max(sep, Math.abs(c.x[i] - c.y[i]));
  assert.ok(gap <= 1e-6 * scale, `output gap ${gap}`);
  assert.ok(sep >= 0.5 * eps, `separation ${sep}`);
  // Leaf-MILP points may sit outside the box by the solver's feasibility tolerance (1e-7), as in the serial search.
  for (const p of [c.x, c.y]) for (let i = 0; i < p.length; i++) assert.ok(p[i] >= box.lower[i] - 1e-6 && p[i] <= box.upper[i] + 1e-6, `${p[i]} outside the box`);
}

const brusselator = async (): Promise<Network> =>
  fixInputs(await loadOnnxModel(sharedModel('brusselator_param.onnx')), new Map([[2, 2.1]])).net;

void test('2 workers give the serial answer (injective / verified collision) on the paper cases and random networks, with both schedules', async () => {
  const cases: Array<[string, Network, Box, number]> = [
    ['fold r=0.7', foldNet(), ballBox([1, 0.5], 0.7), 1e-4],
    ['fold r=0.8', foldNet(), ballBox([1, 0.5], 0.8), 1e-4],
    ['singular', singularNet(), ballBox([0.3, -0.2], 0.5), 1e-4],
    ['residual', residualNet(), ballBox([0.3, -0.2], 1), 1e-4],
    ...[1, 2, 3].map((seed): [string, Network, Box, number] => [`random ${seed}`, randomNet(seed, [2, 8, 6, 2]), makeBox([-1, -1], [1, 1]), 1e-3]),
  ];
  let usedWorkers = 0;
  const statuses = new Set<string>();
  for (const [k, [name, net, box, eps]] of cases.entries()) {
    const serial = await search(net, box, opts(eps));
    for (const schedule of k % 2 === 0 ? ['queue', 'strided'] as const : ['queue'] as const) {
      const par: ParallelOutcome = await search(net, box, { ...opts(eps, 2), workerSchedule: schedule });
      assert.equal(par.status, serial.status, `${name} (${schedule})`);
      if (par.status === 'collision') assertRealCollision(net, par, eps, box);
      if (par.parallel) usedWorkers++;
    }
    statuses.add(serial.status);
  }
  assert.ok(usedWorkers >= 4, `the workers ran on only ${usedWorkers} searches (most boxes must need the grid)`);
  assert.deepEqual([...statuses].sort(), ['collision', 'injective']);
});

void test('SplitOptions.workers = 2 routes certifyInjectiveOnBox through the workers', async () => {
  const net = randomNet(3, [2, 8, 6, 2]);
  const box = makeBox([-1, -1], [1, 1]);
  const out: ParallelOutcome = await search(net, box, opts(1e-3, 2));
  assert.equal(out.parallel?.workers, 2);
  assert.equal(out.parallel?.reports.length, 2);
  assert.equal(out.status, (await search(net, box, opts(1e-3))).status);
});

void test('Brusselator: 2 workers certify B∞(P1, 0.65), screening the same pairs as the serial search', { skip: skipWithoutSharedModels }, async () => {
  const net = await brusselator();
  const box = ballBox([1.96433, 1.24951], 0.65);
  const serial = await search(net, box, { ...opts(1e-4), gridPerDim: 16 });
  const par: ParallelOutcome = await search(net, box, { ...opts(1e-4, 2), gridPerDim: 16 });
  assert.equal(serial.status, 'injective');
  assert.equal(par.status, 'injective');
  assert.ok(par.parallel, 'the workers ran');
  assert.equal(par.stats.pairsSurvived, serial.stats.pairsSurvived);
  assert.equal(par.parallel.reports.reduce((n, r) => n + r.claimed, 0), serial.stats.pairsSurvived, 'every pair was claimed exactly once');
});

void test('Brusselator B∞(P2, 1.195): the verified pair one worker finds stops the other before the pair queue is drained', { skip: skipWithoutSharedModels }, async () => {
  const net = await brusselator();
  const box = ballBox([0.666201, 1.99221], 1.195);
  const out: ParallelOutcome = await search(net, box, { ...opts(1e-4, 2), gridPerDim: 16 });
  assert.equal(out.status, 'collision');
  assertRealCollision(net, out, 1e-4, box);
  const reports = out.parallel!.reports;
  assert.ok(reports.some((r) => r.status === 'collision'));
  for (const r of reports) assert.ok(r.status === 'collision' || r.stopped, `a worker ended '${r.status}' without being stopped`);
  const claimed = reports.reduce((n, r) => n + r.claimed, 0);
  assert.ok(claimed < out.stats.pairsSurvived, `claimed ${claimed} of ${out.stats.pairsSurvived} pairs: the other worker went on to the end`);
});

void test('an abort stops the workers: the search rejects with Cancelled and the workers stay usable', async () => {
  const net = randomNet(2, [2, 16, 16, 2]);
  const box = makeBox([-2, -2], [2, 2]);
  const ac = new AbortController();
  const run = search(net, box, { ...opts(1e-4, 2), gridPerDim: 16, signal: ac.signal,
    onProgress: (m) => { if (m.includes('shared by')) ac.abort(); } });
  await assert.rejects(run, Cancelled);
  const again = await search(net, box, { ...opts(1e-4, 2), gridPerDim: 8 });
  assert.equal(again.status, (await search(net, box, { ...opts(1e-4), gridPerDim: 8 })).status);
});

void test('prewarmed workers are reused by the next search, and dispose ends every worker thread of the pool', async () => {
  const workers = new SplitWorkerPool();
  workers.prewarm(2);
  assert.equal(workers.live, 2);
  const out = await search(randomNet(3, [2, 8, 6, 2]), makeBox([-1, -1], [1, 1]), opts(1e-3, 2), workers);
  assert.ok(out.parallel, 'the search ran on the workers');
  assert.equal(workers.live, 2, 'the search started no further workers');
  await workers.dispose();
  assert.equal(workers.live, 0);
  workers.prewarm(2);
  assert.equal(workers.live, 0, 'a disposed pool starts no worker');
});

void test('idle split workers do not keep a process alive (a script that never disposes them still exits)', () => {
  const script = `
    const { certifyInjectiveOnBox } = require(${JSON.stringify(join(repoRoot, 'src/engine/split/pairSearch.ts'))});
    const { ballBox } = require(${JSON.stringify(join(repoRoot, 'src/engine/queries/box.ts'))});
    const { foldNet } = require(${JSON.stringify(join(repoRoot, 'test/helpers/paperCases.ts'))});
    const { SplitWorkerPool } = require(${JSON.stringify(join(repoRoot, 'src/engine/split/parallelPool.ts'))});
    certifyInjectiveOnBox(foldNet(), ballBox([1, 0.5], 0.8), { gridPerDim: 8, maxDepth: 6, maxEnumerate: 9, epsilon: 1e-4,
      milpTimeLimitSeconds: 20, workers: 2 }, { pool: new SplitWorkerPool() }).then((o) => console.log(o.status, o.parallel ? 'parallel' : 'serial'));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, 'the process did not exit on its own');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'collision parallel');
});
