// Hand-made graphs exercising each supported operator pattern: the reader folds them into the
// expected chain, and the chain computes what onnxruntime-web computes on the same file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import { layerWidths } from '../../src/engine/ir/network';
import type { Network } from '../../src/engine/ir/network';
import { parseOnnx } from '../../src/engine/onnx';
import { modelProtoType } from '../../src/engine/onnx/schema';
import type { ModelMsg } from '../../src/engine/onnx/schema';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { buildOnnx } from '../helpers/onnxFixtures';
import type { ModelSpec } from '../helpers/onnxFixtures';
import { seededRandom, uniform } from '../helpers/rng';

const seq = (n: number, scale = 0.1, shift = 0): number[] => Array.from({ length: n }, (_x, i) => Math.fround(Math.sin(i * 1.7 + shift) * scale * 10));

async function parseAndCompare(spec: ModelSpec, name: string, points = 4): Promise<Network> {
  const bytes = buildOnnx(spec);
  const net = parseOnnx(bytes, name);
  const ort = await OnnxRuntimeModel.load(bytes, name);
  try {
    const rand = seededRandom(name.length);
    for (let k = 0; k < points; k++) {
      const x = Float64Array.from({ length: net.inputSize }, () => Math.fround(uniform(rand, -2, 2)));
      const want = await ort.evaluate(x);
      const got = forward(net, x);
      const scale = Math.max(1, ...Array.from(want, Math.abs));
      got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-5 * scale, `${name} point ${k} output ${i}: ${v} vs ${want[i]}`));
    }
  } finally {
    await ort.release();
  }
  return net;
}

void test('input normalisation (Sub, Div by constants) and Flatten fold into the first layer', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [1, 1, 2, 2] }], outputs: [{ name: 'y', dims: [1, 3] }],
    initializers: [
      { name: 'mean', dims: [1, 1, 1, 2], values: [0.5, -0.25] },
      { name: 'std', dims: [], values: [0.3] },
      { name: 'W', dims: [4, 3], values: seq(12) },
      { name: 'B', dims: [3], values: [0.1, 0.2, -0.3] },
    ],
    nodes: [
      { op: 'Sub', inputs: ['x', 'mean'], outputs: ['c'] },
      { op: 'Div', inputs: ['c', 'std'], outputs: ['n'] },
      { op: 'Flatten', inputs: ['n'], outputs: ['f'], attributes: [{ name: 'axis', i: 1 }] },
      { op: 'MatMul', inputs: ['f', 'W'], outputs: ['m'] },
      { op: 'Add', inputs: ['B', 'm'], outputs: ['z'] },
      { op: 'Relu', inputs: ['z'], outputs: ['y'] },
    ],
  }, 'normalise');
  assert.deepEqual(layerWidths(net), [3]);
  assert.equal(net.layers[0].relu, true);
});

void test('Gemm honours alpha, beta, transA, transB and a broadcast C', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [3, 1] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [
      { name: 'B', dims: [3, 4], values: seq(12, 0.1, 1) },
      { name: 'C', dims: [4], values: [1, -1, 0.5, 0.25] },
      { name: 'W2', dims: [2, 4], values: seq(8, 0.1, 2) },
      { name: 'C2', dims: [1, 2], values: [0.3, -0.7] },
    ],
    nodes: [
      { op: 'Gemm', inputs: ['x', 'B', 'C'], outputs: ['z'], attributes: [{ name: 'transA', i: 1 }, { name: 'alpha', f: 0.5 }, { name: 'beta', f: 2 }] },
      { op: 'Relu', inputs: ['z'], outputs: ['h'] },
      { op: 'Gemm', inputs: ['h', 'W2', 'C2'], outputs: ['y'], attributes: [{ name: 'transB', i: 1 }, { name: 'alpha', f: -1.5 }] },
    ],
  }, 'gemm-flags');
  assert.deepEqual(layerWidths(net), [4, 2]);
});

void test('MatMul with the weight on the left of a 1-D input (VNN-COMP style) and Reshape via a Constant', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [1, 2, 1] }], outputs: [{ name: 'y', dims: [1] }],
    initializers: [
      { name: 'W0', dims: [3, 2], values: seq(6, 0.1, 3) },
      { name: 'B0', dims: [3], values: [0.1, 0, -0.1] },
      { name: 'W1', dims: [1, 3], values: [1, -2, 0.5] },
    ],
    nodes: [
      { op: 'Constant', inputs: [], outputs: ['shape'], attributes: [{ name: 'value', t: { name: 'shape', dims: [1], values: [-1], dtype: 'int64' } }] },
      { op: 'Reshape', inputs: ['x', 'shape'], outputs: ['v'] },
      { op: 'MatMul', inputs: ['W0', 'v'], outputs: ['m'] },
      { op: 'Add', inputs: ['m', 'B0'], outputs: ['z'] },
      { op: 'Relu', inputs: ['z'], outputs: ['h'] },
      { op: 'MatMul', inputs: ['W1', 'h'], outputs: ['y'] },
    ],
  }, 'left-matmul');
  assert.deepEqual(layerWidths(net), [3, 1]);
});

void test('several graph inputs are concatenated in declaration order; several outputs are concatenated too', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'state', dims: ['N', 2] }, { name: 'param', dims: ['N', 1] }],
    outputs: [{ name: 'y1', dims: ['N', 2] }, { name: 'y2', dims: ['N', 1] }],
    initializers: [
      { name: 'W0', dims: [5, 3], values: seq(15, 0.1, 4) },
      { name: 'W1', dims: [5, 2], values: seq(10, 0.1, 5) },
      { name: 'W2', dims: [5, 1], values: seq(5, 0.1, 6) },
    ],
    nodes: [
      { op: 'Concat', inputs: ['state', 'param'], outputs: ['sp'], attributes: [{ name: 'axis', i: 1 }] },
      { op: 'Gemm', inputs: ['sp', 'W0'], outputs: ['z'], attributes: [{ name: 'transB', i: 1 }] },
      { op: 'Relu', inputs: ['z'], outputs: ['h'] },
      { op: 'MatMul', inputs: ['h', 'W1'], outputs: ['y1'] },
      { op: 'MatMul', inputs: ['h', 'W2'], outputs: ['y2'] },
    ],
  }, 'multi-io');
  assert.equal(net.inputSize, 3);
  assert.deepEqual(net.inputs.map((i) => i.name), ['state', 'param']);
  assert.deepEqual(net.outputs.map((o) => o.name), ['y1', 'y2']);
  assert.deepEqual(layerWidths(net), [5, 3]);
});

void test('Transpose, Mul, Neg, Unsqueeze, Squeeze, Identity, and a Shape→Gather→Unsqueeze→Reshape chain stay affine', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [2, 3] }], outputs: [{ name: 'y', dims: [6] }],
    initializers: [
      { name: 'k', dims: [3, 1], values: [2, -1, 0.5] },
      { name: 'axes0', dims: [1], values: [0], dtype: 'int64' },
      { name: 'one', dims: [], values: [1], dtype: 'int64' },
      { name: 'W', dims: [6, 6], values: seq(36, 0.1, 7) },
    ],
    nodes: [
      { op: 'Transpose', inputs: ['x'], outputs: ['t'], attributes: [{ name: 'perm', ints: [1, 0] }] },
      { op: 'Mul', inputs: ['t', 'k'], outputs: ['s'] },
      { op: 'Neg', inputs: ['s'], outputs: ['n'] },
      { op: 'Unsqueeze', inputs: ['n', 'axes0'], outputs: ['u'] },
      { op: 'Squeeze', inputs: ['u', 'axes0'], outputs: ['q'] },
      { op: 'Identity', inputs: ['q'], outputs: ['i'] },
      { op: 'Flatten', inputs: ['i'], outputs: ['f'], attributes: [{ name: 'axis', i: 0 }] },
      { op: 'Relu', inputs: ['f'], outputs: ['r'] },
      { op: 'Shape', inputs: ['r'], outputs: ['sh'] },
      { op: 'Gather', inputs: ['sh', 'one'], outputs: ['d'] },
      { op: 'Unsqueeze', inputs: ['d', 'axes0'], outputs: ['d1'] },
      { op: 'Reshape', inputs: ['r', 'd1'], outputs: ['v'] },
      { op: 'MatMul', inputs: ['v', 'W'], outputs: ['y'] },
    ],
  }, 'layout-ops');
  assert.deepEqual(layerWidths(net), [6, 6]);
});

void test('inference BatchNormalization folds into the next affine map', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [1, 3] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [
      { name: 'scale', dims: [3], values: [1.5, 0.5, -1] },
      { name: 'bias', dims: [3], values: [0.1, 0.2, 0.3] },
      { name: 'mean', dims: [3], values: [0.5, -0.5, 0] },
      { name: 'var', dims: [3], values: [4, 0.25, 1] },
      { name: 'W', dims: [2, 3], values: seq(6, 0.1, 8) },
    ],
    nodes: [
      { op: 'BatchNormalization', inputs: ['x', 'scale', 'bias', 'mean', 'var'], outputs: ['b'] },
      { op: 'Gemm', inputs: ['b', 'W'], outputs: ['y'], attributes: [{ name: 'transB', i: 1 }] },
    ],
  }, 'batchnorm');
  assert.deepEqual(layerWidths(net), [2]);
});

void test('DOUBLE inputs and weights are read exactly and evaluated by onnxruntime-web in double', async () => {
  const w = [0.1, 1 / 3, -Math.PI, 1e-17 + 1];
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: ['b', 2], elemType: 11 }], outputs: [{ name: 'y', dims: ['b', 2], elemType: 11 }],
    initializers: [{ name: 'W', dims: [2, 2], values: w, dtype: 'double' }, { name: 'B', dims: [2], values: [0.7, -0.1], dtype: 'double', typedField: true }],
    nodes: [{ op: 'Gemm', inputs: ['x', 'W', 'B'], outputs: ['y'], attributes: [{ name: 'transB', i: 1 }] }],
  }, 'double');
  assert.deepEqual(Array.from(net.layers[0].weights), w);
  assert.deepEqual(Array.from(net.layers[0].bias), [0.7, -0.1]);
});

void test('weights in float_data equal the same weights in raw_data', () => {
  const spec = (typedField: boolean): ModelSpec => ({
    inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [{ name: 'W', dims: [2, 2], values: [0.1, 0.2, 0.3, 0.4], typedField }],
    nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
  });
  const raw = parseOnnx(buildOnnx(spec(false)), 'raw');
  const typed = parseOnnx(buildOnnx(spec(true)), 'typed');
  assert.deepEqual(raw.layers[0].weights, typed.layers[0].weights);
  assert.deepEqual(Array.from(raw.layers[0].weights), [0.1, 0.3, 0.2, 0.4].map(Math.fround));
});

void test('raw_data at unaligned offsets inside the file decodes exactly', () => {
  const values = seq(10, 1, 9);
  const bytes = buildOnnx({
    inputs: [{ name: 'x', dims: [1, 1] }], outputs: [{ name: 'y', dims: [1, 10] }],
    initializers: [{ name: 'W_odd', dims: [1, 10], values }],
    nodes: [{ op: 'MatMul', inputs: ['x', 'W_odd'], outputs: ['y'], name: 'mm1' }], // name length puts raw_data at an odd offset
  });
  // A Buffer over the file's own ArrayBuffer, as readFile returns: protobufjs hands out views into it.
  const file = Buffer.from(Uint8Array.from(bytes).buffer);
  const decoded = modelProtoType().decode(file) as unknown as ModelMsg;
  const raw = decoded.graph!.initializer[0].raw_data;
  assert.notEqual(raw.byteOffset % 4, 0, 'the raw bytes start at an unaligned offset of the file');
  assert.deepEqual(Array.from(parseOnnx(file, 'odd').layers[0].weights), values);
});

void test('a ReLU of a ReLU and Dropout add no layer', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [{ name: 'W', dims: [2, 3], values: seq(6, 0.1, 10) }, { name: 'V', dims: [3, 2], values: seq(6, 0.1, 11) }],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['z'] },
      { op: 'Relu', inputs: ['z'], outputs: ['h'] },
      { op: 'Relu', inputs: ['h'], outputs: ['h2'] },
      { op: 'Dropout', inputs: ['h2'], outputs: ['d'] },
      { op: 'MatMul', inputs: ['d', 'V'], outputs: ['y'] },
    ],
  }, 'double-relu');
  assert.deepEqual(layerWidths(net), [3, 2]);
});

void test('consecutive affine maps without a ReLU between them compose into one layer', async () => {
  const net = await parseAndCompare({
    inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [{ name: 'A', dims: [2, 4], values: seq(8, 0.1, 12) }, { name: 'B', dims: [4, 2], values: seq(8, 0.1, 13) }],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'A'], outputs: ['a'] },
      { op: 'MatMul', inputs: ['a', 'B'], outputs: ['y'] },
    ],
  }, 'compose');
  assert.deepEqual(layerWidths(net), [2]);
});

void test('a skip connection across a ReLU is carried through the layer as pass-through neurons, exactly', () => {
  const bytes = buildOnnx({
    inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
    initializers: [{ name: 'W', dims: [2, 2], values: [1, 2, 3, 4] }],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'W'], outputs: ['z'], name: 'mm' },
      { op: 'Relu', inputs: ['z'], outputs: ['h'], name: 'act' },
      { op: 'Add', inputs: ['h', 'x'], outputs: ['y'], name: 'residual' },
    ],
  });
  const net = parseOnnx(bytes, 'res.onnx');
  assert.deepEqual(layerWidths(net), [4, 2]);
  assert.deepEqual(Array.from(net.layers[0].passThrough ?? []), [0, 0, 1, 1]);
  // y = relu(x W) + x: at x = (1, −1), x W = (1 − 3, 2 − 4) = (−2, −2), so y = x.
  assert.deepEqual(Array.from(forward(net, [1, -1])), [1, -1]);
  // At x = (−1, 2), x W = (5, 6): y = (4, 8).
  assert.deepEqual(Array.from(forward(net, [-1, 2])), [4, 8]);
});
