// Magnitude pruning and the prune query's table.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx } from '../../src/engine/onnx';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import { createEngine } from '../../src/engine/engine';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { residualNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

const engine = createEngine();
void after(() => engine.dispose());

void test('pruning p% zeroes the floor(p% · size) smallest weights of each layer and keeps the biases', () => {
  const net = residualNet();
  const pruned = pruneByMagnitude(net, 50);
  pruned.layers.forEach((layer, k) => {
    const orig = net.layers[k].weights;
    const zeroedNow = layer.weights.filter((w) => w === 0).length;
    const zeroBefore = orig.filter((w) => w === 0).length;
    assert.ok(zeroedNow >= Math.floor(0.5 * orig.length) && zeroedNow >= zeroBefore);
    const keptMin = Math.min(...Array.from(layer.weights).filter((w) => w !== 0).map(Math.abs));
    const removedMax = Math.max(...Array.from(orig).filter((_w, i) => layer.weights[i] === 0).map(Math.abs));
    assert.ok(removedMax <= keptMin, `layer ${k}: removed ${removedMax} > kept ${keptMin}`);
    assert.deepEqual(layer.bias, net.layers[k].bias);
  });
});

void test('the prune query writes loadable copies and reports a certified discrepancy that a grid never exceeds', async () => {
  const out = mkdtempSync(join(tmpdir(), 'invcert-prune-'));
  const original = residualNet();
  const r = await engine.run({ kind: 'prune', model: { path: onnxFixture(original), fixed: [] }, levels: [0, 30, 60], outDir: out, domain: [[-1, 1], [-1, 1]], center: [0.3, -0.2], norm: 'inf' });
  assert.ok(r.prune && r.prune.length === 3, r.message);
  assert.ok((r.prune[0].discrepancy ?? 1) < 1e-6, 'level 0 changes nothing beyond the float32 rounding of the written copy');
  for (const row of r.prune) {
    const bytes = readFileSync(row.file);
    const copy = parseOnnx(bytes, row.file);
    const ort = await OnnxRuntimeModel.load(bytes);
    try {
      const ortOut = await ort.evaluate([0.25, -0.5]);
      assert.ok(Math.abs(ortOut[0] - forward(copy, [0.25, -0.5])[0]) < 1e-5, 'onnxruntime-web reads the written copy');
    } finally {
      await ort.release();
    }
    let gridMax = 0;
    for (let i = 0; i <= 20; i++) for (let j = 0; j <= 20; j++) {
      const x = [-1 + i / 10, -1 + j / 10];
      const a = forward(original, x), b = forward(copy, x);
      gridMax = Math.max(gridMax, ...Array.from(a, (v, k) => Math.abs(v - b[k])));
    }
    assert.ok(row.discrepancy !== null && gridMax <= row.discrepancy + 1e-6, `level ${row.level}: grid ${gridMax} > certified ${row.discrepancy}`);
    assert.ok(row.radiusStatus !== 'error');
  }
  assert.ok((r.prune[2].discrepancy ?? 0) > 0, 'pruning 60% changes the map');
  // Level 0 is the injective residual map: no pair in B∞(c, 0.7), the largest box around c inside the domain.
  const unpruned = r.prune[0];
  assert.equal(unpruned.radiusStatus, 'certified');
  assert.equal(unpruned.radius, null, 'the search cap is not a radius');
  assert.ok(unpruned.radiusLower !== null && Math.abs(unpruned.radiusLower - 0.7) < 1e-9, `r ≥ 0.7, got ${unpruned.radiusLower}`);
  assert.match(r.message, /^pruned at 0, 30, 60%: 0% → discrepancy \S+, radius ≥ 0\.70*(;|$)/);
});
