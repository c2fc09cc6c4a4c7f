// The engine's lifecycle (engine.ts): dispose() ends every worker thread the engine started (solver pool and split
// workers), a query still running when it is called ends Cancelled with what it had found, and it is idempotent —
// also after a cancelled query. Worker threads are watched through Node's own 'worker' event, not the pools'
// bookkeeping, so a pool that dispose() forgot shows up as a thread that never exited.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { createEngine } from '../../src/engine/engine';
import { Cancelled } from '../../src/engine/errors';
import { SPLIT_WORKERS } from '../../src/engine/split/lowDimQuery';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import type { QuerySpec } from '../../src/shared/querySpec';
import * as P from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

/**
 * Every worker thread this thread starts while `use` runs, and how many of them are still running. Node announces a
 * thread on the next tick after creating it, which a query running on promises alone can postpone past its end, so
 * the counts are read after the pending ticks; a thread that has exited has empty resourceLimits (Node's docs).
 */
async function watchingWorkers<T>(use: (w: { readonly started: () => Promise<number>; readonly alive: () => Promise<number> }) => Promise<T>): Promise<T> {
  const started: Worker[] = [];
  const onWorker = (w: Worker): void => { started.push(w); };
  const ticked = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  process.on('worker', onWorker);
  try {
    return await use({
      started: async () => { await ticked(); return started.length; },
      alive: async () => { await ticked(); return started.filter((w) => Object.keys(w.resourceLimits ?? {}).length > 0).length; },
    });
  } finally {
    process.off('worker', onWorker);
  }
}

const fold = { path: onnxFixture(P.foldNet()), fixed: [] as Array<[number, number]> };

// onnxruntime-web's first session is started before any thread is watched: under tsx its dynamic import brings up
// the loader's own thread, which belongs to the process, not to an engine.
before(async () => {
  await (await OnnxRuntimeModel.load(await readFile(fold.path))).release();
  await new Promise((resolve) => setImmediate(resolve));
});

void test('createEngine, a real query and dispose leave no worker thread alive: solver pool and split workers both end', async () => {
  await watchingWorkers(async (threads) => {
    const engine = createEngine({ solver: { size: 1 } });
    assert.equal(await threads.started(), 0, 'an engine starts no thread before its first query');
    // A 2-D square map with the default method: the split path, whose workers are started warm, after the solver pool.
    const r = await engine.run({ kind: 'certify', model: fold, query: 'bl', center: [1, 0.5], radius: 0.8, norm: 'inf' });
    assert.equal(r.status, 'counterexample', r.message);
    const started = await threads.started();
    assert.ok(started >= 1 + SPLIT_WORKERS, `${started} worker threads started (1 solver + ${SPLIT_WORKERS} split expected)`);
    assert.ok(await threads.alive() > 0, 'the warm workers outlive the query');
    await engine.dispose();
    assert.equal(await threads.alive(), 0, `worker threads still alive after dispose, of ${started}`);
  });
});

void test('a query running when the engine is disposed ends Cancelled with its partial result, and no worker outlives it', async () => {
  await watchingWorkers(async (threads) => {
    const engine = createEngine({ solver: { size: 1 } });
    const spec: QuerySpec = {
      kind: 'prune', model: { path: onnxFixture(P.residualNet()), fixed: [] }, levels: [0, 30, 60], outDir: mkdtempSync(join(tmpdir(), 'invcert-dispose-')),
      domain: [[-1, 1], [-1, 1]], center: [0.3, -0.2], norm: 'inf',
    };
    let disposed: Promise<void> | undefined;
    const error = await engine.run(spec, { onProgress: (p) => { if (p.message.startsWith('level 30% (2 of 3)')) disposed ??= engine.dispose(); } }).then(
      (r) => assert.fail(`the sweep finished: ${r.message}`),
      (e: unknown) => e,
    );
    assert.ok(disposed, 'dispose was called while the sweep ran');
    assert.ok(error instanceof Cancelled, `Cancelled, got ${String(error)}`);
    const partial = error.partial;
    assert.ok(partial, 'the stopped query keeps a result');
    assert.equal(partial.status, 'unresolved');
    assert.match(partial.message, /cancelled/);
    assert.deepEqual((partial.prune ?? []).map((row) => [row.level, row.notRun]), [[0, false], [30, true], [60, true]], 'the level it finished keeps its row');
    await disposed;
    assert.ok(await threads.started() > 0, 'the sweep ran on worker threads');
    assert.equal(await threads.alive(), 0, 'worker threads still alive after dispose');
  });
});

void test('dispose is idempotent, also after a cancelled query, and a disposed engine refuses new queries with Cancelled', async () => {
  await watchingWorkers(async (threads) => {
    const engine = createEngine({ solver: { size: 1 } });
    const abort = new AbortController();
    const spec: QuerySpec = { kind: 'radius', model: { path: onnxFixture(P.tentNet()), fixed: [] }, query: 'pi', center: [0.2], norm: 'inf', method: 'bisection', tolerance: 1e-9 };
    await assert.rejects(engine.run(spec, { signal: abort.signal, onProgress: () => abort.abort() }), Cancelled);
    const first = engine.dispose();
    assert.equal(engine.dispose(), first, 'a second call while the first runs returns the same promise');
    await first;
    await engine.dispose();
    assert.ok(engine.disposed);
    assert.equal(await threads.alive(), 0);
    await assert.rejects(engine.run(spec), Cancelled);
    assert.equal(await threads.alive(), 0, 'a refused query starts no thread');
  });
});
