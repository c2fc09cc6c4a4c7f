// Witness re-checking: polishing, the acceptance rules, and the onnxruntime-web cross-check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import { writeOnnx } from '../../src/engine/onnx';
import { allFree } from '../../src/engine/queries/state';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { polishPair } from '../../src/engine/witness/polish';
import { verifyPair } from '../../src/engine/witness/check';
import { absNet, foldNet } from '../helpers/paperCases';

const box = { lower: Float64Array.of(-2, -2), upper: Float64Array.of(2, 2) };
const linf = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

void test('polishing turns an approximate fold pair (gap 1e-7) into an exact one', () => {
  const net = foldNet();
  // (a, b) and (−b, −a) collide exactly; perturb y by 1e-7.
  const x = Float64Array.of(0.3, -0.1), y = Float64Array.of(0.1 + 1e-7, -0.3);
  const before = linf(forward(net, x), forward(net, y));
  const p = polishPair(net, box, x, y, (c) => c.separation > 0.1);
  const after = linf(forward(net, p.x), forward(net, p.y));
  assert.ok(before > 5e-8 && after < 1e-14, `gap ${before} → ${after}`);
});

void test('an approximate pair is accepted after polishing, and reported with its float64 outputs', async () => {
  const net = foldNet();
  const v = await verifyPair({ state: allFree(net), box, norm: 'inf', minSeparation: 1e-4 }, Float64Array.of(0.3, -0.1), Float64Array.of(0.1 + 1e-7, -0.3), null);
  assert.ok(v.ok);
  assert.ok(v.witness.outputGap < 1e-14);
  assert.deepEqual(v.witness.checkedBy, ['float64']);
  assert.deepEqual(v.witness.Fx, Array.from(forward(net, v.x)));
});

void test('a near miss of two close points is rejected: the output gap must be small against the separation', async () => {
  const net = foldNet();
  // Same linear piece, 1e-4 apart: F differs by ~1e-4, nowhere near a collision; polishing collapses them.
  const v = await verifyPair({ state: allFree(net), box, norm: 'inf', minSeparation: 1e-5 }, Float64Array.of(0.5, 0.2), Float64Array.of(0.5001, 0.2), null);
  assert.equal(v.ok, false);
});

void test('a pair outside the domain is rejected even when it collides', async () => {
  const net = foldNet();
  const small = { lower: Float64Array.of(0, -1), upper: Float64Array.of(1, 1) };
  const v = await verifyPair({ state: allFree(net), box: small, norm: 'inf', minSeparation: 0 }, Float64Array.of(0.3, -0.1), Float64Array.of(0.1, -0.3), null);
  assert.equal(v.ok, true);
  const w = await verifyPair({ state: allFree(net), box: small, norm: 'inf', minSeparation: 0 }, Float64Array.of(0.3, 0.5), Float64Array.of(-0.5, -0.3), null);
  assert.equal(w.ok, false);
  assert.match(w.ok ? '' : w.reason, /leaves the domain/);
});

void test('onnxruntime-web confirms a witness of the same model and refuses one of a different model', async () => {
  const net = absNet();
  const same = await OnnxRuntimeModel.load(writeOnnx(net, { dtype: 'double' }));
  const shifted = { ...net, layers: [net.layers[0], { ...net.layers[1], bias: Float64Array.of(0.5) }] };
  const other = await OnnxRuntimeModel.load(writeOnnx(shifted, { dtype: 'double' }));
  try {
    const state = allFree(net);
    const b1 = { lower: Float64Array.of(-1), upper: Float64Array.of(1) };
    const ok = await verifyPair({ state, box: b1, norm: 'inf', minSeparation: 0, ortEvaluate: (f) => same.evaluate(f) }, Float64Array.of(0.7), Float64Array.of(-0.7), null);
    assert.ok(ok.ok);
    assert.deepEqual(ok.witness.checkedBy, ['float64', 'onnxruntime-web']);
    const bad = await verifyPair({ state, box: b1, norm: 'inf', minSeparation: 0, ortEvaluate: (f) => other.evaluate(f) }, Float64Array.of(0.7), Float64Array.of(-0.7), null);
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /onnxruntime-web disagrees/);
  } finally {
    await same.release();
    await other.release();
  }
});

void test('PI mode checks x against the fixed centre', async () => {
  const net = absNet();
  const b1 = { lower: Float64Array.of(-1), upper: Float64Array.of(1) };
  const v = await verifyPair({ state: allFree(net), box: b1, norm: 'inf', minSeparation: 0 }, Float64Array.of(-0.5), null, Float64Array.of(0.5));
  assert.ok(v.ok);
  assert.deepEqual(v.witness.y, [0.5]);
  assert.equal(v.witness.separation, 1);
});

void test('a solver point outside the box by less than the MILP feasibility tolerance is snapped in and accepted', async () => {
  const net = foldNet();
  const edge = { lower: Float64Array.of(0.1, -1), upper: Float64Array.of(1, 1) };
  // (0.3, −0.1) and (0.1, −0.3) collide; HiGHS may report the second 5e-8 left of the box's edge x₀ = 0.1.
  const v = await verifyPair({ state: allFree(net), box: edge, norm: 'inf', minSeparation: 0 }, Float64Array.of(0.3, -0.1), Float64Array.of(0.1 - 5e-8, -0.3), null);
  assert.ok(v.ok, v.ok ? '' : v.reason);
  assert.ok(v.y[0] >= 0.1 - 1e-9, `y = ${v.y.join(', ')}`);
});
