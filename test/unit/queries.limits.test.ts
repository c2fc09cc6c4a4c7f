// Time limits and cancellation: a solve that cannot finish is 'unresolved' with its bound, never 'certified';
// an aborted query throws Cancelled.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Cancelled } from '../../src/engine/errors';
import { createEngine } from '../../src/engine/engine';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine();
void after(() => engine.dispose());

const brusselator = { path: sharedModel('brusselator_param.onnx'), fixed: [[2, 2.1]] as Array<[number, number]> };

void test('the paper formulation at P2, r = 1.18 under a 1 s limit is unresolved with a stated bound', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'certify', model: brusselator, query: 'bl', center: [0.666201, 1.99221], radius: 1.18, norm: 'inf', method: 'paper', timeLimitSeconds: 1 });
  assert.equal(r.status, 'unresolved', r.message);
  assert.ok(r.bound === null || r.bound > 0, 'the bound is the solver\'s proven one');
  assert.match(r.message, /unresolved/);
});

void test('aborting a running query throws Cancelled', { skip: skipWithoutSharedModels }, async () => {
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 1500);
  await assert.rejects(
    engine.run({ kind: 'certify', model: brusselator, query: 'bl', center: [0.666201, 1.99221], radius: 1.18, norm: 'inf', method: 'paper' }, { signal: abort.signal }),
    (e: unknown) => e instanceof Cancelled,
  );
});
