import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { planeDetField } from '../../src/engine/analysis/detField';
import { traceFoldCurve, traceFoldCurveAsync } from '../../src/engine/analysis/foldCurve';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { jacobianDeterminantAt } from '../../src/engine/ir/jacobian';
import { loadOnnxModel } from '../../src/engine/onnx';
import { repoRoot } from '../helpers/sharedModels';
import { orbit, sampleGraph } from '../../src/engine/analysis/orbit';
import type { Network } from '../../src/engine/ir/network';

void test('a smooth sign change traces one closed loop on the zero set', () => {
  const curve = traceFoldCurve((x, y) => x * x + y * y - 1, { domain: [[-2, 2], [-2, 2]], resolution: 40 });
  assert.equal(curve.polylines.length, 1);
  const loop = curve.polylines[0];
  assert.deepEqual(loop[0], loop[loop.length - 1], 'a closed loop repeats its first point');
  for (const [x, y] of loop) assert.ok(Math.abs(Math.hypot(x, y) - 1) < 1e-4, `(${x}, ${y}) is on the unit circle`);
});

void test('a piecewise-constant determinant is located by bisection, not at the cell midpoint', () => {
  // det jumps from -1 to +1 at x = 0.3137, as a ReLU network's Jacobian does across an activation boundary.
  const curve = traceFoldCurve((x) => (x > 0.3137 ? 2 : -3), { domain: [[0, 1], [0, 1]], resolution: 10 });
  assert.equal(curve.polylines.length, 1);
  const line = curve.polylines[0];
  assert.equal(line.length, 11, 'one point per crossed row edge');
  for (const [x] of line) assert.ok(Math.abs(x - 0.3137) < 1e-5, `x = ${x}`);
  assert.equal(curve.counts.zero, 0);
});

void test('no sign change means no curve; a degenerate domain is refused', () => {
  assert.deepEqual(traceFoldCurve(() => 1, { domain: [[0, 1], [0, 1]], resolution: 8 }).polylines, []);
  assert.throws(() => traceFoldCurve(() => 1, { domain: [[1, 1], [0, 1]], resolution: 8 }), /positive width/);
});

void test('saddle cells split according to the centre value', () => {
  // det = x·y has sign changes along both axes; its zero set is the cross through the origin.
  const curve = traceFoldCurve((x, y) => x * y, { domain: [[-1, 1.1], [-1, 1.1]], resolution: 7 });
  const pts = curve.polylines.flat();
  for (const [x, y] of pts) assert.ok(Math.abs(x) < 1e-5 || Math.abs(y) < 1e-5);
});

void test('tracing stops when the signal is aborted', () => {
  const ac = new AbortController();
  ac.abort();
  assert.throws(() => traceFoldCurve(() => 1, { domain: [[0, 1], [0, 1]], resolution: 8, signal: ac.signal }), /cancelled/);
});

const rotation: Network = {
  layers: [{ inSize: 2, outSize: 2, weights: Float64Array.from([0, -1, 1, 0]), bias: new Float64Array(2), relu: false }],
  inputSize: 2, outputSize: 2, inputs: [{ name: 'x', shape: [1, 2] }], outputs: [{ name: 'y', shape: [1, 2] }], source: 'rotation',
};

void test('an orbit iterates the map from the start point', () => {
  assert.deepEqual(orbit(rotation, [1, 0], 4).map((p) => p.map((v) => v + 0)), [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]]);
});

void test('a 1-input graph samples evenly, inclusive of both ends', () => {
  const relu: Network = {
    layers: [{ inSize: 1, outSize: 1, weights: Float64Array.from([2]), bias: Float64Array.from([-1]), relu: true }],
    inputSize: 1, outputSize: 1, inputs: [{ name: 'x', shape: [1, 1] }], outputs: [{ name: 'y', shape: [1, 1] }], source: 'relu',
  };
  const g = sampleGraph(relu, [0, 1], 5);
  assert.deepEqual(g.xs, [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(g.outputs, [[0, 0, 0, 0.5, 1]]);
});

void test('the allocation-free plane det field equals det of the Jacobian, and the async tracer matches the sync one', async () => {
  const net = fixInputs(await loadOnnxModel(join(repoRoot, 'test/fixtures/models/brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  const det = planeDetField(net);
  for (const [x, y] of [[1.96, 1.25], [0.3, 3.1], [2.9, 0.1], [1, 1]]) {
    const expected = jacobianDeterminantAt(net, [x, y]);
    assert.ok(Math.abs(det(x, y) - expected) <= 1e-12 * (1 + Math.abs(expected)), `det at (${x}, ${y})`);
  }
  const opts = { domain: [[0, 3], [0, 4]] as const, resolution: 24, yieldEvery: 50 };
  assert.deepEqual(await traceFoldCurveAsync(det, opts), traceFoldCurve(det, opts));
});
