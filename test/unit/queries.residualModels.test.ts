// Queries on the residual models of ../shared/models/residual through engine.run: the 2-D split path on the residual
// time-stepper x + τ·g(x) (a BL radius closed by a verified pair) and a verified colliding pair on the folding 4x20 map.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import { loadOnnxModel } from '../../src/engine/onnx';
import { createEngine } from '../../src/engine/engine';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 1 } });
void after(() => engine.dispose());

const plain = (file: string) => ({ path: sharedModel(`residual/${file}`), fixed: [] as Array<[number, number]> });

void test('residual_step_2x32: the BL radius at (0, 0) is bracketed within tolerance by the split path, holds the MILP radius and is closed by a verified pair', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'radius', model: plain('residual_step_2x32.onnx'), query: 'bl', center: [0, 0], norm: 'inf', tolerance: 1e-3, domain: [[-2, 2], [-2, 2]] });
  assert.equal(r.status, 'certified', r.message);
  assert.equal(r.stats.method, 'auto:split');
  const lower = r.radiusLower ?? NaN, upper = r.radiusUpper ?? NaN;
  assert.ok(upper - lower <= 1e-3 && lower > 0.04 && upper < 0.05, `[${lower}, ${upper}]`);
  // The minimal reach of a colliding pair, proved by HiGHS with `invcert radius … --method direct` (306 nodes).
  assert.ok(lower <= 0.0473993279 + 1e-7 && 0.0473993279 <= upper + 1e-7, `[${lower}, ${upper}] holds the MILP radius`);
  const w = r.witness;
  assert.ok(w, 'a colliding pair ends the bracket');
  const net = await loadOnnxModel(sharedModel('residual/residual_step_2x32.onnx'));
  const gap = Math.max(...forward(net, w.x).map((v, i) => Math.abs(v - forward(net, w.y)[i])));
  assert.ok(gap <= 1e-6, `F(x) and F(y) differ by ${gap}`);
  assert.ok(Math.max(Math.abs(w.x[0] - w.y[0]), Math.abs(w.x[1] - w.y[1])) >= 1e-4);
});

void test('residual_fold_4x20: certify BL on B∞(0, 1) ends in a verified colliding pair, not a certificate', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'certify', model: plain('residual_fold_4x20.onnx'), query: 'bl', center: [0, 0, 0, 0], radius: 1, norm: 'inf', budgetSeconds: 60 });
  assert.equal(r.status, 'counterexample', r.message);
  assert.ok(r.witness.separation >= 1e-4);
  for (const p of [r.witness.x, r.witness.y]) assert.ok(Math.max(...p.map(Math.abs)) <= 1 + 1e-9);
});
