// Residual graphs: a skip edge is lowered into the chain as pass-through neurons (values carried across a ReLU
// without it), and every consumer of the IR (forward pass, writer, pruning, summary) keeps them linear.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { EngineError } from '../../src/engine/errors';
import { forward } from '../../src/engine/ir/forward';
import { describeNetwork, summarizeNetwork } from '../../src/engine/ir/summary';
import { parseOnnx, writeOnnx } from '../../src/engine/onnx';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { buildOnnx, residualOnnx } from '../helpers/onnxFixtures';
import { dense, mlp } from '../helpers/paperCases';
import { seededRandom, uniform } from '../helpers/rng';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

async function assertOrtAgrees(bytes: Uint8Array, net: ReturnType<typeof parseOnnx>, seed: number, tol = 1e-12): Promise<void> {
  const model = await OnnxRuntimeModel.load(bytes, 'residual.onnx');
  try {
    const rand = seededRandom(seed);
    for (let k = 0; k < 5; k++) {
      const x = Array.from({ length: net.inputSize }, () => uniform(rand, -2, 2));
      const want = forward(net, x);
      const got = await model.evaluate(x);
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `output ${i}: onnxruntime ${v}, ours ${want[i]}`));
    }
  } finally {
    await model.release();
  }
}

void test('residual_invertible_8x10 lowers to 8 → (10 ReLU + 8 carried) → 8, and the summary reports the model\'s own layers', { skip: skipWithoutSharedModels }, () => {
  const net = parseOnnx(readFileSync(sharedModel('residual/residual_invertible_8x10.onnx')), 'r.onnx');
  assert.deepEqual(net.layers.map((l) => [l.inSize, l.outSize, l.relu]), [[8, 18, true], [18, 8, false]]);
  assert.deepEqual(Array.from(net.layers[0].passThrough ?? []), [...new Array<number>(10).fill(0), ...new Array<number>(8).fill(1)]);
  const s = summarizeNetwork(net);
  assert.deepEqual(s.layers, [{ width: 10, relu: true, carried: 8, parameters: 8 * 10 + 10 }, { width: 8, relu: false, parameters: 10 * 8 + 8 }]);
  assert.equal(s.reluCount, 10);
  assert.equal(s.parameterCount, 8 * 10 + 10 + 10 * 8 + 8);
  assert.equal(describeNetwork(net), '8 → 10 (ReLU, skip carries 8) → 8; 10 ReLUs, 178 parameters');
});

void test('x − τ·g(x) with two hidden layers reads back as the same function onnxruntime-web computes', async () => {
  const rand = seededRandom(3);
  const w = (o: number, i: number): number[] => Array.from({ length: o * i }, () => uniform(rand, -1, 1));
  const spec = { layers: [
    { inSize: 3, outSize: 5, weights: w(5, 3), bias: w(5, 1) },
    { inSize: 5, outSize: 4, weights: w(4, 5), bias: w(4, 1) },
    { inSize: 4, outSize: 3, weights: w(3, 4), bias: w(3, 1) },
  ], tau: 0.25, subtract: true };
  const bytes = residualOnnx(spec);
  const net = parseOnnx(bytes, 'step.onnx');
  assert.deepEqual(net.layers.map((l) => l.outSize), [5 + 3, 4 + 3, 3]);
  await assertOrtAgrees(bytes, net, 4);
});

void test('a lowered residual network written back to ONNX computes the same function in onnxruntime-web and in our reader', async () => {
  const net = parseOnnx(residualOnnx({ layers: [
    { inSize: 2, outSize: 3, weights: [0.5, -0.3, 0.2, 0.4, -0.4, 0.1], bias: [0.1, -0.2, 0.05] },
    { inSize: 3, outSize: 2, weights: [0.4, -0.2, 0.3, 0.1, 0.3, -0.2], bias: [0.05, -0.1] },
  ], tau: 0.5 }), 'r.onnx');
  const bytes = writeOnnx(net, { dtype: 'double' });
  const back = parseOnnx(bytes, 'back.onnx');
  assert.deepEqual(back.layers.map((l) => Array.from(l.passThrough ?? [])), net.layers.map((l) => Array.from(l.passThrough ?? [])));
  back.layers.forEach((l, k) => assert.deepEqual(l.weights, net.layers[k].weights));
  await assertOrtAgrees(bytes, net, 5);
});

void test('a layer whose pass-through neurons interleave with its ReLUs is written with a Gather that restores the order', async () => {
  const mixed = { ...dense(2, 3, [1, -1, 1, 0, 0.5, 2], [0.1, -0.3, 0.2], true), passThrough: Uint8Array.of(0, 1, 0) };
  const net = mlp('interleaved', [mixed, dense(3, 2, [1, 1, -1, 0.5, -2, 1], [0, 0.5], false)]);
  const bytes = writeOnnx(net, { dtype: 'double' });
  const back = parseOnnx(bytes, 'back.onnx');
  const rand = seededRandom(6);
  for (let k = 0; k < 5; k++) {
    const x = [uniform(rand, -2, 2), uniform(rand, -2, 2)];
    assert.deepEqual(forward(back, x), forward(net, x));
  }
  await assertOrtAgrees(bytes, net, 7);
});

void test('parallel ReLU branches joined by Concat, plus a skip, agree with onnxruntime-web', async () => {
  const bytes = buildOnnx({
    inputs: [{ name: 'x', dims: ['batch', 2], elemType: 11 }],
    outputs: [{ name: 'y', dims: ['batch', 2], elemType: 11 }],
    initializers: [
      { name: 'A', dims: [3, 2], values: [1, -1, 0.5, 2, -1, 0.25], dtype: 'double' },
      { name: 'a', dims: [3], values: [0.1, -0.2, 0], dtype: 'double' },
      { name: 'B', dims: [2, 2], values: [-0.5, 1, 1, 1], dtype: 'double' },
      { name: 'b', dims: [2], values: [0.3, -0.1], dtype: 'double' },
      { name: 'C', dims: [2, 5], values: [0.2, -0.1, 0.3, 0.5, -0.4, 0.1, 0.1, -0.2, 0.3, 0.2], dtype: 'double' },
      { name: 'c', dims: [2], values: [0, 0.05], dtype: 'double' },
    ],
    nodes: [
      { op: 'Gemm', inputs: ['x', 'A', 'a'], outputs: ['za'], attributes: [{ name: 'transB', i: 1 }] },
      { op: 'Relu', inputs: ['za'], outputs: ['ha'] },
      { op: 'Gemm', inputs: ['x', 'B', 'b'], outputs: ['zb'], attributes: [{ name: 'transB', i: 1 }] },
      { op: 'Relu', inputs: ['zb'], outputs: ['hb'] },
      { op: 'Concat', inputs: ['ha', 'hb'], outputs: ['h'], attributes: [{ name: 'axis', i: 1 }] },
      { op: 'Gemm', inputs: ['h', 'C', 'c'], outputs: ['g'], attributes: [{ name: 'transB', i: 1 }] },
      { op: 'Add', inputs: ['x', 'g'], outputs: ['y'] },
    ],
  });
  const net = parseOnnx(bytes, 'branches.onnx');
  assert.equal(summarizeNetwork(net).reluCount, 5);
  await assertOrtAgrees(bytes, net, 8);
});

void test('pruning a residual network removes only its own weights: at 100% the skip x is still there', () => {
  const net = parseOnnx(residualOnnx({ layers: [
    { inSize: 2, outSize: 3, weights: [0.5, -0.3, 0.2, 0.4, -0.4, 0.1], bias: [0.1, -0.2, 0.05] },
    { inSize: 3, outSize: 2, weights: [0.4, -0.2, 0.3, 0.1, 0.3, -0.2], bias: [0.05, -0.1] },
  ] }), 'r.onnx');
  const pruned = pruneByMagnitude(net, 100);
  assert.deepEqual(Array.from(forward(pruned, [0.7, -1.3])), [0.7 + 0.05, -1.3 - 0.1]);
  const half = pruneByMagnitude(net, 50);
  const zeros = half.layers.reduce((s, l) => s + l.weights.filter((v) => v === 0).length, 0) -
    net.layers.reduce((s, l) => s + l.weights.filter((v) => v === 0).length, 0);
  assert.equal(zeros, 3 + 3, 'half of each layer\'s 6 own weights');
});

void test('a product of two input-dependent tensors across a skip is refused, naming the node', () => {
  const bytes = buildOnnx({
    inputs: [{ name: 'x', dims: ['batch', 2] }],
    outputs: [{ name: 'y', dims: ['batch', 2] }],
    nodes: [
      { op: 'Relu', inputs: ['x'], outputs: ['h'] },
      { op: 'Mul', name: '/gate/Mul', inputs: ['x', 'h'], outputs: ['y'] },
    ],
  });
  assert.throws(() => parseOnnx(bytes, 'gate.onnx'), (e: EngineError) =>
    e.code === 'UnsupportedOperator' && e.location?.nodeName === '/gate/Mul' && /Mul of two input-dependent tensors/.test(e.message));
});
