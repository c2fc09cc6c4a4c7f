// The split path through engine.run on the paper's Brusselator (case 9): the exact PI radius, a certified
// box just inside the BL radius and a verified pair just outside it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine/engine';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 1 } });
after(() => engine.dispose());
const model = { path: sharedModel('brusselator_param.onnx'), fixed: [[2, 2.1]] as Array<[number, number]> };
const P1 = [1.96433, 1.24951];
const P2 = [0.666201, 1.99221];

void test('PI radius at P1 is the exact optimum 2.773914 with the witness (4.73825, −1.10571)', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'radius', model, query: 'pi', center: P1, norm: 'inf' });
  assert.equal(r.status, 'certified');
  assert.equal(r.stats.method, 'auto:split');
  assert.ok(Math.abs((r.radiusUpper ?? NaN) - 2.773914) < 2e-6, `R = ${r.radiusUpper}`);
  assert.ok(Math.abs((r.radiusLower ?? NaN) - 2.773914) < 2e-6);
  assert.ok(Math.abs(r.witness!.x[0] - 4.73825) < 1e-4 && Math.abs(r.witness!.x[1] + 1.10571) < 1e-4);
});

void test('BL at P2: certified on B∞(P2, 1.18), a verified colliding pair on B∞(P1, 0.66)', { skip: skipWithoutSharedModels }, async () => {
  const inside = await engine.run({ kind: 'certify', model, query: 'bl', center: P2, radius: 1.18, norm: 'inf' });
  assert.equal(inside.status, 'certified');
  const outside = await engine.run({ kind: 'certify', model, query: 'bl', center: P1, radius: 0.66, norm: 'inf' });
  assert.equal(outside.status, 'counterexample');
  const w = outside.witness;
  assert.ok(w.outputGap <= 1e-6 * (1 + Math.abs(w.Fx[0]) + Math.abs(w.Fx[1])));
  for (const p of [w.x, w.y]) assert.ok(Math.max(Math.abs(p[0] - P1[0]), Math.abs(p[1] - P1[1])) <= 0.66 + 1e-9);
});
