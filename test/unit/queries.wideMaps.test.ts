// Limits on 784-input MNIST and other wide maps: a colliding pair read off the Jacobian's null space, the
// whole-query budget kept on the MILP path, and yes/no drivers that stop at the first verified pair.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModelRef } from '../../src/engine/dispatchQuery';
import { createEngine } from '../../src/engine/engine';
import { certifyPair } from '../../src/engine/queries/certifyPair';
import type { QuerySpec } from '../../src/shared/querySpec';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';
import * as P from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

const engine = createEngine({ solver: { size: 2 } });
void after(() => engine.dispose());

const mnist = { path: sharedModel('mnist_256x2.onnx'), fixed: [] as Array<[number, number]> };
const mnist4 = { path: sharedModel('extra/mnist_256x4.onnx'), fixed: [] as Array<[number, number]> };
const grey = Array<number>(784).fill(0.5);

void describe('null-space pairs', () => {
  // 3 inputs → 2 outputs through a ReLU layer: never injective.
  const wide = { path: onnxFixture(P.mlp('wide3to2', [P.dense(3, 3, [1, 0, 0, 0, 1, 0, 1, 1, 1], [0.5, 0.5, 0.5], true), P.dense(3, 2, [1, -1, 0.5, 2, 1, -1], [0, 0], false)])), fixed: [] as Array<[number, number]> };
  void it('a 3 → 2 map: BL and PI are counterexamples from the null space, verified in float64 and onnxruntime-web, with no MILP', async () => {
    for (const query of ['bl', 'pi'] as const) {
      const r = await engine.run({ kind: 'certify', model: wide, query, center: [0.2, 0.1, 0.3], radius: 0.05, norm: 'inf' });
      assert.equal(r.status, 'counterexample', r.message);
      assert.match(r.stats.method ?? '', /null-space/);
      assert.equal(r.stats.solves, 0);
      assert.ok(r.witness && r.witness.separation > 1e-4);
      assert.deepEqual([...r.witness.checkedBy].sort(), ['float64', 'onnxruntime-web']);
      if (query === 'pi') assert.deepEqual(r.witness.y, [0.2, 0.1, 0.3]);
    }
  });
  void it('under --method direct and paper the 3 → 2 map still gets its null-space pair, and the MILPs then prove the maximum separation', async () => {
    for (const method of ['direct', 'paper'] as const) {
      const r = await engine.run({ kind: 'certify', model: wide, query: 'bl', center: [0.2, 0.1, 0.3], radius: 0.05, norm: 'inf', method });
      assert.equal(r.status, 'counterexample', `${method}: ${r.message}`);
      assert.equal(r.stats.method, method);
      assert.ok(r.objective !== null && r.witness && Math.abs(r.objective - r.witness.separation) <= 1e-9, `${method}: objective ${r.objective}`);
      assert.match(r.message, /the maximum/);
    }
  });
  void it('a square map with a singular Jacobian, (x + y, x + y), gets its pair the same way', async () => {
    const singular = { path: onnxFixture(P.mlp('sumTwice', [P.dense(2, 2, [1, 1, 1, 1], [0, 0], false)])), fixed: [] as Array<[number, number]> };
    const r = await engine.run({ kind: 'certify', model: singular, query: 'bl', center: [0.3, -0.2], radius: 0.1, norm: '1' });
    assert.equal(r.status, 'counterexample', r.message);
    assert.match(r.stats.method ?? '', /null-space/);
    assert.ok(r.witness && Math.abs(r.witness.x[0] + r.witness.x[1] - (r.witness.y[0] + r.witness.y[1])) <= 1e-12);
  });
  void it('784-input MNIST: BL and PI at a grey image are counterexamples without bounds or MILPs', { skip: skipWithoutSharedModels }, async () => {
    for (const query of ['bl', 'pi'] as const) {
      const r = await engine.run({ kind: 'certify', model: mnist, query, center: grey, radius: 0.01, norm: 'inf', budgetSeconds: 60 });
      assert.equal(r.status, 'counterexample', r.message);
      assert.match(r.stats.method ?? '', /null-space/);
      assert.equal(r.stats.solves, 0);
      assert.ok(r.witness?.checkedBy.includes('onnxruntime-web'));
      assert.match(r.message, /784 free inputs → 10 outputs/);
    }
  });
});

void describe('limits on 784 inputs', { skip: skipWithoutSharedModels }, () => {
  void it('the certify direction MILPs stop at the first verified pair instead of running one per input', async () => {
    const m = await loadModelRef(mnist);
    const ctx = { state: m.state, solver: engine.solverPool, lpBoundsPool: engine.solverPool };
    const out = await certifyPair(ctx, { query: 'bl', center: Float64Array.from(grey), radius: 0.01, norm: 'inf', method: 'direct', tolerance: 1e-4, firstPairAnswers: true });
    assert.equal(out.result.status, 'counterexample', out.result.message);
    assert.ok(out.result.stats.solves !== undefined && out.result.stats.solves <= 4, `solves ${out.result.stats.solves} of 784 directions`);
  });
  void it('certify --method direct --budget 5 on 784 inputs returns the verified null-space pair as a counterexample, not proved maximal, instead of unresolved', async () => {
    const started = Date.now();
    const r = await engine.run({ kind: 'certify', model: mnist, query: 'bl', center: grey, radius: 0.01, norm: 'inf', method: 'direct', budgetSeconds: 5 });
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(r.status, 'counterexample', r.message);
    assert.match(r.message, /not proved maximal/);
    assert.equal(r.objective, null);
    assert.ok(r.witness && r.witness.separation > 1e-4);
    assert.deepEqual([...r.witness.checkedBy].sort(), ['float64', 'onnxruntime-web']);
    assert.ok(elapsed < 5 + 20, `returned after ${elapsed} s on a 5 s budget`);
  });
  void it('a cancelled --method direct certify on 784 inputs keeps the verified null-space pair as its counterexample', async () => {
    const abort = new AbortController();
    let partialSeen = false;
    const run = engine.run({ kind: 'certify', model: mnist, query: 'pi', center: grey, radius: 0.01, norm: 'inf', method: 'direct' }, {
      signal: abort.signal,
      // Cancel once the engine has moved on from the null-space pass to bounds or MILPs.
      onProgress: (p) => { if (!partialSeen && (p.phase === 'bounds' || p.phase === 'mip')) { partialSeen = true; setTimeout(() => abort.abort(), 200); } },
    });
    await assert.rejects(run, (e: unknown) => {
      const partial = (e as { partial?: { status: string; message: string; witness?: { checkedBy: string[] } } }).partial;
      assert.equal(partial?.status, 'counterexample', partial?.message);
      assert.match(partial?.message ?? '', /not proved maximal.*\(cancelled\)/);
      assert.ok(partial?.witness?.checkedBy.includes('onnxruntime-web'));
      return true;
    });
  });
  void it('a match between two 784-input networks keeps a 3 s budget: unresolved (or answered) with a generous bound on the overshoot', async () => {
    const box = Array.from({ length: 784 }, () => [0.49, 0.51] as const);
    const spec: QuerySpec = { kind: 'match', modelA: mnist, modelB: mnist4, query: 'discrepancy', domain: box, norm: 'inf', budgetSeconds: 3 };
    const started = Date.now();
    const r = await engine.run(spec);
    const elapsed = (Date.now() - started) / 1000;
    assert.ok(r.status === 'unresolved' || r.status === 'certified' || r.status === 'counterexample', r.message);
    if (r.status === 'unresolved') assert.match(r.message, /time budget/);
    assert.ok(elapsed < 3 + 20, `returned after ${elapsed} s on a 3 s budget`);
  });
});
