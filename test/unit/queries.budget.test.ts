// The whole-query time budget, side-by-side direction MILPs on a 2-worker pool, and the det-sign fold pair
// for 4-5 free inputs: real models, real HiGHS, verified witnesses.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine/engine';
import type { QuerySpec } from '../../src/shared/querySpec';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';
import * as P from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

const engine1 = createEngine({ solver: { size: 1 } });
const engine2 = createEngine({ solver: { size: 2 } });
void after(async () => { await engine1.dispose(); await engine2.dispose(); });

const robot = { path: sharedModel('vnncomp2022_robot.onnx'), fixed: [] as Array<[number, number]> };
const robotCentre = [0.1, 0.1, 0.1, 0.1, 0.1];

void describe('whole-query time budget', { skip: skipWithoutSharedModels }, () => {
  void it('a PI query that needs tens of seconds comes back unresolved, with its bound and the reason, once the budget is spent', async () => {
    const spec: QuerySpec = { kind: 'certify', model: robot, query: 'pi', center: robotCentre, radius: 0.1, norm: 'inf', budgetSeconds: 1 };
    const started = Date.now();
    const r = await engine1.run(spec);
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(r.status, 'unresolved');
    assert.match(r.message, /time budget/);
    // Directions never started are not counted as solves; the bounds it got to are stated.
    assert.ok(r.stats.unstable > 0, 'the unstable ReLU count of its bounds is stated');
    assert.ok(elapsed < 1 + 10, `returned after ${elapsed} s on a 1 s budget`);
  });
  void it('a budget that is not a positive number is refused with a typed error', async () => {
    const spec: QuerySpec = { kind: 'certify', model: robot, query: 'bl', center: robotCentre, radius: 0.01, norm: 'inf', budgetSeconds: 0 };
    const r = await engine1.run(spec);
    assert.equal(r.status, 'error');
    assert.equal(r.error?.code, 'InvalidArgument');
    assert.match(r.message, /time budget/);
  });
});

void describe('fold pair for 5 free inputs', { skip: skipWithoutSharedModels }, () => {
  void it('robot BL at r = 0.1 is a counterexample found across a fold of F, with no MILP, and the pair checks out in both evaluators', async () => {
    const r = await engine1.run({ kind: 'certify', model: robot, query: 'bl', center: robotCentre, radius: 0.1, norm: 'inf' });
    assert.equal(r.status, 'counterexample');
    assert.match(r.message, /fold/);
    assert.equal(r.stats.solves, 0);
    assert.ok(r.witness && r.witness.separation >= 1e-4);
    assert.deepEqual([...r.witness.checkedBy].sort(), ['float64', 'onnxruntime-web']);
    for (const p of [r.witness.x, r.witness.y]) for (let i = 0; i < 5; i++) assert.ok(Math.abs(p[i] - 0.1) <= 0.1 + 1e-12);
  });
});

void describe('direction MILPs side by side on two workers', () => {
  const abs = { path: onnxFixture(P.absNet()), fixed: [] as Array<[number, number]> };
  const tent = { path: onnxFixture(P.tentNet()), fixed: [] as Array<[number, number]> };
  void it('give the same certify answers as one worker (exact optimum, and a certificate)', async () => {
    for (const engine of [engine1, engine2]) {
      const cex = await engine.run({ kind: 'certify', model: abs, query: 'bl', center: [0.5], radius: 5, norm: 'inf', method: 'direct' });
      assert.equal(cex.status, 'counterexample', `size ${engine.solverPool.size}`);
      assert.ok(Math.abs((cex.objective ?? 0) - 9) <= 1e-6, `size ${engine.solverPool.size}: objective ${cex.objective}`);
      const ok = await engine.run({ kind: 'certify', model: abs, query: 'bl', center: [0.5], radius: 0.45, norm: 'inf', method: 'direct' });
      assert.equal(ok.status, 'certified', `size ${engine.solverPool.size}`);
    }
  });
  void it('give the same PI radius as one worker, the yes/no driver stopping sibling MILPs without an error', async () => {
    const radii: number[] = [];
    for (const engine of [engine1, engine2]) {
      const r = await engine.run({ kind: 'radius', model: tent, query: 'pi', center: [0.2], norm: 'inf', method: 'bisection', tolerance: 1e-3 });
      assert.notEqual(r.status, 'error', r.message);
      radii.push(r.radius ?? NaN);
    }
    assert.ok(Math.abs(radii[0] - radii[1]) <= 1e-3 && Math.abs(radii[0] - 0.6) <= 1e-3, `radii ${radii.join(', ')}`);
  });
});

void describe('PI above 3 inputs on two solver workers', { skip: skipWithoutSharedModels }, () => {
  void it('robot PI r = 0.1: with one worker the whole box is one leaf MILP; with two it is halved and both halves are solved side by side, to the same verdict', async () => {
    const spec: QuerySpec = { kind: 'certify', model: robot, query: 'pi', center: robotCentre, radius: 0.1, norm: 'inf' };
    const one = await engine1.run(spec);
    const two = await engine2.run(spec);
    assert.equal(one.status, 'certified', one.message);
    assert.equal(two.status, 'certified', two.message);
    assert.equal(one.stats.solves, 1, 'one worker: the whole box is a single leaf MILP');
    assert.equal(two.stats.solves, 2, 'two workers: one leaf MILP per half');
  });
});
