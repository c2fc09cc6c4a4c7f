// The model viewer's requests against real ONNX files: what the viewer shows about a model (interface, layers,
// operators), the reader's refusal naming the node for a model it refuses, and the neuron states over a box, which
// must be the counts `invcert inspect --box` reports (the same bounds, the same rule).
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { computeBounds, neuronStatus } from '../../src/engine/bounds';
import { parseOnnx } from '../../src/engine/onnx';
import { ModelView, NeuronStates } from '../../src/shared/protocol';
import { serverSession } from '../helpers/serverHarness';
import { repoRoot } from '../helpers/sharedModels';

const { ws, h } = serverSession(['brusselator_param.onnx'], {
  prepare: (dir) => {
    copyFileSync(join(repoRoot, 'test/fixtures/workspace/sigmoid_refused.onnx'), join(dir, 'sigmoid_refused.onnx'));
    const good = readFileSync(join(dir, 'brusselator_param.onnx'));
    writeFileSync(join(dir, 'truncated.onnx'), good.subarray(0, Math.floor(good.length / 3)));
  },
});

void test('the viewer data of brusselator_param.onnx: inputs and outputs with shapes, 64 → 64 → 2 with ReLU counts and parameters, Gemm and Relu supported', async () => {
  const v = await h.client.sendRequest(ModelView.type, { path: join(ws.dir, 'brusselator_param.onnx') });
  assert.equal(v.refusal, undefined);
  assert.equal(v.fileName, 'brusselator_param.onnx');
  assert.match(v.hash ?? '', /^[0-9a-f]{64}$/);
  const net = v.network;
  assert.ok(net);
  assert.deepEqual(net.inputs, [{ name: 'state_and_parameter', shape: [1, 3] }]);
  assert.deepEqual(net.outputs, [{ name: 'next_state', shape: [1, 2] }]);
  assert.deepEqual(net.inputNames, ['state_and_parameter[0]', 'state_and_parameter[1]', 'state_and_parameter[2]']);
  assert.deepEqual(net.layers.map((l) => [l.index, l.width, l.reluCount, l.parameters]), [[0, 64, 64, 3 * 64 + 64], [1, 64, 64, 64 * 64 + 64], [2, 2, 0, 64 * 2 + 2]]);
  assert.equal(net.parameterCount, 4546);
  assert.deepEqual(v.operators.map((o) => [o.opType, o.count, o.supported]), [['Gemm', 3, true], ['Relu', 2, true]]);
  assert.equal(v.opset, '13');
});

void test('a model with a Sigmoid node is refused with its typed error naming the node, and its operators still listed', async () => {
  const v = await h.client.sendRequest(ModelView.type, { path: join(ws.dir, 'sigmoid_refused.onnx') });
  assert.equal(v.network, undefined);
  assert.deepEqual({ ...v.refusal, message: undefined }, { code: 'UnsupportedOperator', nodeName: '/act/Sigmoid', opType: 'Sigmoid', nodeIndex: 1, message: undefined });
  assert.match(v.refusal?.message ?? '', /operator Sigmoid is not supported/);
  assert.deepEqual(v.operators.map((o) => [o.opType, o.supported]), [['Gemm', true], ['Sigmoid', false]]);
});

void test('a truncated file is refused as InvalidModel (protobuf decoding failed), not a failed request', async () => {
  const v = await h.client.sendRequest(ModelView.type, { path: join(ws.dir, 'truncated.onnx') });
  assert.equal(v.refusal?.code, 'InvalidModel');
  assert.match(v.refusal?.message ?? '', /not a valid ONNX model/);
  assert.deepEqual(v.operators, []);
});

void test('neuron states over [0, 3] × [0, 4] × [2.1, 2.1] are the stable/unstable counts of the engine\'s CROWN bounds, layer by layer', async () => {
  const path = join(ws.dir, 'brusselator_param.onnx');
  const box = [[0, 3], [0, 4], [2.1, 2.1]] as const;
  const s = await h.client.sendRequest(NeuronStates.type, { path, box, method: 'crown' });
  const net = parseOnnx(readFileSync(path), path);
  const expected = neuronStatus(net, computeBounds(net, { lower: Float64Array.of(0, 0, 2.1), upper: Float64Array.of(3, 4, 2.1) }, { method: 'crown' }));
  assert.deepEqual(s.layers.map(({ layer, active, inactive, unstable }) => [layer, active, inactive, unstable]), expected.slice(0, 2).map((c, k) => [k, c.active, c.inactive, c.unstable]));
  for (const l of s.layers) assert.equal(l.active + l.inactive + l.unstable, 64);
  assert.ok(s.totals.unstable > 0 && s.totals.active + s.totals.inactive > 0, 'a box this wide leaves some neurons unstable and others stable');
  const point = await h.client.sendRequest(NeuronStates.type, { path, box: [[1, 1], [1, 1], [2.1, 2.1]], method: 'interval' });
  assert.equal(point.totals.unstable, 0, 'at a single point every neuron is stable');
});

void test('a box with the wrong number of intervals is a request error that says how many inputs the model has', async () => {
  await assert.rejects(
    h.client.sendRequest(NeuronStates.type, { path: join(ws.dir, 'brusselator_param.onnx'), box: [[0, 1], [0, 1]], method: 'crown' }),
    /the box has 2 interval\(s\) but the model has 3 input\(s\)/,
  );
});
