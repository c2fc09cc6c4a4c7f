// The 2-D slice the panel draws for 3 or more free inputs: the axes are checked, and det DF on the slice is det DF of
// the whole map at the centre with the two axes replaced, on the real vdp model (3 → 3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sliceDetField } from '../../src/engine/analysis/detField';
import { determinant, jacobianAt } from '../../src/engine/ir/jacobian';
import { InvalidArgument } from '../../src/engine/errors';
import { sliceAxes } from '../../src/server/results/slice';
import { plotFor } from '../../src/server/results/plotData';
import type { ResultRecord } from '../../src/shared/protocol';
import type { QueryResult } from '../../src/shared/results';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOnnx } from '../../src/engine/onnx';
import { repoRoot } from '../helpers/sharedModels';

/** The vdp model the UI test's 3-input query uses (a copy of ../shared/models/vnncomp2022_vdp.onnx). */
const vdp = () => parseOnnx(readFileSync(join(repoRoot, 'test', 'fixtures', 'workspace', 'vnncomp2022_vdp.onnx')), 'vnncomp2022_vdp.onnx');

void test('slice axes default to the first two free inputs and refuse equal or out-of-range axes by name', () => {
  assert.deepEqual(sliceAxes(3), [0, 1]);
  assert.deepEqual(sliceAxes(5, [4, 2]), [4, 2]);
  assert.throws(() => sliceAxes(3, [1, 1]), (e: unknown) => e instanceof InvalidArgument && /must differ, got 1 twice/.test(e.message));
  assert.throws(() => sliceAxes(3, [0, 3]), (e: unknown) => e instanceof InvalidArgument && /axis 3 is out of range: the map has 3 free inputs \(0 to 2\)/.test(e.message));
  assert.throws(() => sliceAxes(2), (e: unknown) => e instanceof InvalidArgument && /3 or more free inputs/.test(e.message));
});

void test('det DF on a slice of vdp equals det DF of the whole map at the centre with the two axes replaced', () => {
  const net = vdp();
  const through = [0.1, -0.2, 0.3];
  const field = sliceDetField(net, through, [0, 2]);
  for (const [u, v] of [[0, 0], [0.4, -0.1], [-0.3, 0.25]]) {
    const p = [u, through[1], v];
    assert.equal(field(u, v), determinant(jacobianAt(net, p), 3), `at (${u}, ${v})`);
  }
});

void test('a 3-input result is drawn as the slice through its centre along the chosen axes, the pair projected onto it', async () => {
  const net = vdp();
  const witness = { x: [-0.106, -0.106, 0.053], y: [-0.1059, -0.1058, 0.0538], Fx: [0, 0, 0], Fy: [0, 0, 0], separation: 7.4e-4, outputGap: 1e-15, checkedBy: ['float64'] };
  const result = { query: 'bl', status: 'counterexample', norm: 'inf', objective: null, bound: null, gap: null, tolerance: 1e-4, epsilon: 1e-4, witness, stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 1 }, message: 'm' } as unknown as QueryResult;
  const record: ResultRecord = { uri: 'u', line: 3, queryText: 'certify V bl at (0, 0, 0) radius 0.5', result, modelHashes: {}, finishedAt: 0, stale: false };
  const spec = { kind: 'certify', query: 'bl', model: { path: 'vdp.onnx', fixed: [] }, center: [0, 0, 0], radius: 0.5, norm: 'inf' } as const;
  const plot = await plotFor(record, spec, net, { sliceAxes: [0, 2], resolution: 24 });
  assert.equal(plot.kind, 'plane');
  if (plot.kind !== 'plane') return;
  assert.deepEqual(plot.slice?.axes, [0, 2]);
  assert.deepEqual(plot.slice?.through, [0, 0, 0]);
  assert.equal(plot.slice?.inputLabels.length, 3);
  assert.deepEqual(plot.axisLabels, [plot.slice?.inputLabels[0], plot.slice?.inputLabels[2]]);
  assert.deepEqual(plot.witness?.x, [-0.106, 0.053]);
  assert.deepEqual(plot.witness?.y, [-0.1059, 0.0538]);
  assert.ok(plot.foldCurve.length > 0, 'the fold set of the square map crosses the slice');
  assert.equal(plot.blRadius, 0.5);
});
