// writeOnnx produces standard ONNX (Gemm transB=1 + Relu, symbolic batch) that both our reader and
// onnxruntime-web load: float32 by default, float64 exactly when asked.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx, writeOnnx } from '../../src/engine/onnx';
import { modelProtoType } from '../../src/engine/onnx/schema';
import type { ModelMsg } from '../../src/engine/onnx/schema';
import { OnnxRuntimeModel, evaluateWithOnnxRuntime } from '../../src/engine/witness/onnxRuntime';
import { randomNetwork } from '../helpers/onnxFixtures';
import { seededRandom, uniform } from '../helpers/rng';

void test('a float32 model round-trips through our reader: same structure, weights rounded to float32', () => {
  const net = randomNetwork(3, [3, 8, 8, 2]);
  const back = parseOnnx(writeOnnx(net), 'written.onnx');
  assert.equal(back.layers.length, net.layers.length);
  net.layers.forEach((l, k) => {
    assert.equal(back.layers[k].relu, l.relu);
    assert.deepEqual(back.layers[k].weights, l.weights.map(Math.fround));
    assert.deepEqual(back.layers[k].bias, l.bias.map(Math.fround));
  });
  assert.deepEqual(back.inputs, [{ name: 'input', shape: [1, 3] }]);
  assert.deepEqual(back.outputs, [{ name: 'output', shape: [1, 2] }]);
});

void test('a float64 model round-trips exactly, and onnxruntime-web evaluates it in double', async () => {
  const net = randomNetwork(4, [2, 6, 6, 2]);
  const bytes = writeOnnx(net, { dtype: 'double' });
  const back = parseOnnx(bytes, 'double.onnx');
  net.layers.forEach((l, k) => {
    assert.deepEqual(back.layers[k].weights, l.weights);
    assert.deepEqual(back.layers[k].bias, l.bias);
  });
  const model = await OnnxRuntimeModel.load(bytes, 'double.onnx');
  try {
    const rand = seededRandom(5);
    for (let k = 0; k < 5; k++) {
      const x = [uniform(rand, -2, 2), uniform(rand, -2, 2)];
      const want = forward(net, x);
      const got = await model.evaluate(x);
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-12 * Math.max(1, Math.abs(want[i])), `${v} vs ${want[i]}`));
    }
  } finally {
    await model.release();
  }
});

void test('onnxruntime-web loads a written float32 model and agrees with the forward pass of what we read back', async () => {
  const net = randomNetwork(6, [4, 16, 16, 16, 4], true);
  const bytes = writeOnnx(net);
  const back = parseOnnx(bytes, 'f32.onnx');
  const rand = seededRandom(7);
  const x = Array.from({ length: 4 }, () => Math.fround(uniform(rand, -1, 1)));
  const got = await evaluateWithOnnxRuntime(bytes, x);
  const want = forward(back, x);
  const scale = Math.max(1, ...Array.from(want, Math.abs));
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-5 * scale, `${v} vs ${want[i]}`));
  assert.equal(back.layers[back.layers.length - 1].relu, true, 'a final ReLU survives the round trip');
});

void test('writeOnnx uses the requested names and opset, a symbolic batch dimension and Gemm with transB = 1', () => {
  const net = randomNetwork(8, [2, 3, 1]);
  const bytes = writeOnnx(net, { inputName: 'state', outputName: 'next', opset: 11 });
  const model = modelProtoType().decode(bytes) as unknown as ModelMsg;
  const graph = model.graph!;
  assert.equal(Number(model.opset_import[0].version), 11);
  assert.deepEqual(graph.node.map((n) => n.op_type), ['Gemm', 'Relu', 'Gemm']);
  assert.equal(graph.node[0].attribute.find((a) => a.name === 'transB')?.i.toString(), '1');
  assert.equal(graph.input[0].name, 'state');
  assert.equal(graph.input[0].type?.tensor_type?.shape?.dim[0].dim_param, 'batch');
  assert.equal(graph.output[0].name, 'next');
  const back = parseOnnx(bytes, 'named.onnx');
  assert.deepEqual(back.inputs, [{ name: 'state', shape: [1, 2] }]);
});

void test('a cached onnxruntime-web model evaluates concurrent and batched requests correctly', async () => {
  const net = randomNetwork(9, [3, 5, 2]);
  const bytes = writeOnnx(net, { dtype: 'double' });
  const model = await OnnxRuntimeModel.load(bytes, 'cached.onnx');
  try {
    const points = [[0, 0, 0], [1, -1, 0.5], [-2, 0.25, 3], [0.1, 0.2, 0.3]];
    const concurrent = await Promise.all(points.map((p) => model.evaluate(p)));
    const batched = await model.evaluateMany(points);
    points.forEach((p, k) => {
      const want = forward(net, p);
      [concurrent[k], batched[k]].forEach((got) => got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-12 * Math.max(1, Math.abs(want[i])))));
    });
    await assert.rejects(model.evaluate([1, 2]), /expected 3 input values, got 2/);
  } finally {
    await model.release();
  }
});
