// The HiGHS worker pool, run from TypeScript sources (the worker is started through tsx).
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { Cancelled, ModelTooLarge, SolverFailed } from '../../src/engine/errors';
import { SolverPool } from '../../src/engine/solver';
import type { MipProblem, MipProgress } from '../../src/engine/solver';
import { MipBuilder } from '../../src/engine/solver/mipBuilder';
import { infeasibleLp, marketSplit, smallKnapsack, workshop } from '../helpers/mipProblems';

const pool = new SolverPool();
after(() => pool.dispose());

const hard = marketSplit(5, 40, 7);

void test('ready() resolves once the worker has started', async () => {
  await pool.ready();
  assert.ok(pool.workersStarted >= 1);
});

void test('an LP solves to its known optimum with the dual bound equal to the objective', async () => {
  const r = await pool.solve(workshop(false));
  assert.equal(r.status, 'optimal');
  assert.ok(Math.abs(r.objective! - 1100) < 1e-6);
  assert.ok(Math.abs(r.bound! - 1100) < 1e-6);
  assert.deepEqual(Array.from(r.colValue!).map((v) => Math.round(v * 1e6) / 1e6), [20, 10]);
  assert.equal(r.gap, 0);
});

void test('a MIP solves to its integer optimum, not the LP relaxation', async () => {
  const r = await pool.solve(smallKnapsack());
  assert.equal(r.status, 'optimal');
  assert.ok(Math.abs(r.objective! - 2) < 1e-6, `objective ${r.objective}`);
  assert.ok(Math.abs(r.bound! - 2) < 1e-6, `bound ${r.bound}`);
  for (const v of r.colValue!) assert.ok(Math.abs(v - Math.round(v)) < 1e-6);
});

void test('an infeasible problem reports infeasible with no point', async () => {
  const r = await pool.solve(infeasibleLp());
  assert.equal(r.status, 'infeasible');
  assert.equal(r.objective, null);
  assert.equal(r.colValue, null);
});

void test('a time limit ends a hard MIP with status timeLimit and a valid dual bound', async () => {
  const r = await pool.solve(hard, { timeLimitSeconds: 0.3 });
  assert.equal(r.status, 'timeLimit');
  assert.notEqual(r.bound, null);
  assert.ok(r.bound! >= 0, 'the objective is a sum of nonnegative slacks');
  if (r.objective !== null) assert.ok(r.bound! <= r.objective + 1e-9);
});

void test('progress is reported while a MIP runs', async () => {
  const seen: MipProgress[] = [];
  await pool.solve(hard, { timeLimitSeconds: 0.5, onProgress: (p) => seen.push(p) });
  assert.ok(seen.length > 0, 'at least one progress event');
  assert.ok(seen.every((p) => p.nodes >= 0 && p.seconds >= 0));
});

void test('aborting a running solve rejects with Cancelled and the next solve succeeds', async () => {
  const controller = new AbortController();
  const solving = pool.solve(hard, { signal: controller.signal, onProgress: () => controller.abort() });
  await assert.rejects(solving, (e: unknown) => e instanceof Cancelled);
  const next = await pool.solve(workshop(false));
  assert.equal(next.status, 'optimal');
});

void test('an already-aborted signal is refused before any work', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(pool.solve(workshop(false), { signal: controller.signal }), (e: unknown) => e instanceof Cancelled);
});

void test('a worker killed mid-solve fails that job with SolverFailed and a fresh worker takes the next', async () => {
  const before = pool.workersStarted;
  const solving = pool.solve(hard, { timeLimitSeconds: 30, onProgress: () => void pool.killWorkers() });
  await assert.rejects(solving, (e: unknown) => e instanceof SolverFailed);
  assert.ok(pool.workersStarted > before, 'a replacement worker was started');
  const next = await pool.solve(smallKnapsack());
  assert.equal(next.status, 'optimal');
});

void test('a job whose worker is killed before it is ready fails instead of hanging', async () => {
  const fresh = new SolverPool();
  try {
    const solving = fresh.solve(smallKnapsack()); // dispatched while the worker is still loading HiGHS
    void fresh.killWorkers();
    await assert.rejects(solving, (e: unknown) => e instanceof SolverFailed);
    assert.equal((await fresh.solve(smallKnapsack())).status, 'optimal');
  } finally {
    await fresh.dispose();
  }
});

void test('a worker that does not stop within the grace period is terminated and replaced', async () => {
  // Grace 0: the fallback timer usually fires before HiGHS polls the interrupt flag, so the terminate path runs.
  // Usually, not always: on a loaded machine the worker can notice the flag and answer first (a cooperative stop,
  // also Cancelled). So cancel up to five times; every cancel must reject with Cancelled and leave a working pool,
  // and at least one must have gone through the terminate-and-replace path.
  const impatient = new SolverPool({ interruptGraceMs: 0 });
  try {
    let replaced = false;
    for (let attempt = 0; attempt < 5 && !replaced; attempt++) {
      const controller = new AbortController();
      const started = impatient.workersStarted;
      const solving = impatient.solve(hard, { signal: controller.signal, onProgress: () => controller.abort() });
      await assert.rejects(solving, (e: unknown) => e instanceof Cancelled);
      replaced = impatient.workersStarted === started + 1;
      assert.equal((await impatient.solve(workshop(false))).status, 'optimal');
    }
    assert.ok(replaced, 'a worker that had not stopped when the grace period ended was terminated and replaced');
  } finally {
    await impatient.dispose();
  }
});

void test('stopAtFirstSolution stops with a feasible point', async () => {
  const r = await pool.solve(hard, { stopAtFirstSolution: true, timeLimitSeconds: 10 });
  assert.ok(r.status === 'solutionLimit' || r.status === 'optimal', r.status);
  assert.notEqual(r.colValue, null);
  assert.notEqual(r.objective, null);
});

void test('an initial solution is accepted as the first incumbent', async () => {
  const start = Float64Array.of(2, 0);
  const r = await pool.solve(smallKnapsack(), { initialSolution: start });
  assert.equal(r.status, 'optimal');
  assert.ok(Math.abs(r.objective! - 2) < 1e-6);
});

void test('an objective bound above a maximum stops with objectiveBound; one below it still finds the optimum', async () => {
  // Maximise x + y (optimum 2).
  const beyond = await pool.solve(smallKnapsack(), { objectiveBound: 5 });
  assert.equal(beyond.status, 'objectiveBound');
  assert.equal(beyond.objective, null);
  const within = await pool.solve(smallKnapsack(), { objectiveBound: 1.5 });
  assert.equal(within.status, 'optimal');
  assert.ok(Math.abs(within.objective! - 2) < 1e-6);
});

void test('an objective bound below a minimum stops with objectiveBound', async () => {
  const r = await pool.solve(hard, { objectiveBound: -1, timeLimitSeconds: 20 });
  assert.equal(r.status, 'objectiveBound');
});

void test('solveBatch returns results in input order', async () => {
  const rs = await pool.solveBatch([workshop(false), smallKnapsack(), infeasibleLp()]);
  assert.deepEqual(rs.map((r) => r.status), ['optimal', 'optimal', 'infeasible']);
});

void test('boundColumns returns the min and max of each column over the LP', async () => {
  // x + y ≤ 3, x ≤ 2y, x, y ∈ [0, 2]: x ∈ [0, 2], y ∈ [0, 2].
  const b = new MipBuilder();
  const x = b.addContinuous('x', 0, 2);
  const y = b.addContinuous('y', 0, 2);
  b.addRow('sum', [{ col: x, coef: 1 }, { col: y, coef: 1 }], -Infinity, 3);
  b.addRow('ratio', [{ col: x, coef: 1 }, { col: y, coef: -2 }], -Infinity, 0);
  const s = b.addContinuous('s', -Infinity, Infinity);
  b.addRow('s=x-y', [{ col: s, coef: 1 }, { col: x, coef: -1 }, { col: y, coef: 1 }], 0, 0);
  const r = await pool.boundColumns(b.build(), Int32Array.of(x, s));
  assert.ok(Math.abs(r.lower[0] - 0) < 1e-7 && Math.abs(r.upper[0] - 2) < 1e-7, `x ∈ [${r.lower[0]}, ${r.upper[0]}]`);
  // s = x − y: min −2 at (0, 2); max 1 at (2, 1), where x ≤ 2y and x + y ≤ 3 both bind.
  assert.ok(Math.abs(r.lower[1] + 2) < 1e-7, `min s ${r.lower[1]}`);
  assert.ok(Math.abs(r.upper[1] - 1) < 1e-7, `max s ${r.upper[1]}`);
  assert.equal(r.lps, 4);
});

void test('exportModel writes LP and MPS text with the builder names', async () => {
  const lp = await pool.exportModel(workshop(true), 'lp');
  assert.match(lp, /carpentry/);
  assert.match(lp, /chairs/);
  assert.match(lp, /max/i);
  const mps = await pool.exportModel(workshop(true), 'mps');
  assert.match(mps, /ROWS/);
  assert.match(mps, /finishing/);
});

void test('a model too large for the WASM heap is refused up front with ModelTooLarge', async () => {
  const before = pool.workersStarted;
  const n = 30_000_000;
  const huge: MipProblem = {
    numCols: 1, numRows: 1, sense: 'minimize', offset: 0,
    colCost: new Float64Array(1), colLower: new Float64Array(1), colUpper: Float64Array.of(1),
    rowLower: Float64Array.of(0), rowUpper: Float64Array.of(1),
    aStart: Int32Array.of(0, n), aIndex: new Int32Array(n), aValue: new Float64Array(n),
  };
  await assert.rejects(pool.solve(huge), (e: unknown) => e instanceof ModelTooLarge);
  assert.equal(pool.workersStarted, before);
});

void test('a disposed pool refuses new work with Cancelled', async () => {
  const p = new SolverPool();
  await p.dispose();
  await assert.rejects(p.solve(workshop(false)), (e: unknown) => e instanceof Cancelled);
});

void test('many solves sharing one abort signal leave no abort listeners behind', async () => {
  const controller = new AbortController();
  for (let i = 0; i < 15; i++) {
    const result = await pool.solve(workshop(false), { signal: controller.signal });
    assert.equal(result.status, 'optimal');
  }
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
});
