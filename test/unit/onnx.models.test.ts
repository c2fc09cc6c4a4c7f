// Every real model in ../shared/models (and extra/) is read into the expected ReLU chain, or refused
// with the expected typed error; the forward pass reproduces PyTorch's reference outputs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidModel, UnsupportedOperator } from '../../src/engine/errors';
import { forward } from '../../src/engine/ir/forward';
import { layerWidths, reluCount } from '../../src/engine/ir/network';
import { loadOnnxModel, parseOnnx } from '../../src/engine/onnx';
import { repoRoot, sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const fixture = (name: string): string => join(repoRoot, 'test/fixtures/models', name);

interface Expected { inputSize: number; widths: number[]; relus: string; inputShapes: number[][] }
const rep = (w: number, n: number): number[] => Array<number>(n).fill(w);

const EXPECTED_MODELS: Record<string, Expected> = {
  'acasxu_run2a_1_1.onnx': { inputSize: 5, widths: [...rep(50, 6), 5], relus: 'rrrrrr-', inputShapes: [[1, 1, 1, 5]] },
  'brusselator_param.onnx': { inputSize: 3, widths: [64, 64, 2], relus: 'rr-', inputShapes: [[1, 3]] },
  'brusselator_timestep.onnx': { inputSize: 3, widths: [64, 64, 2], relus: 'rr-', inputShapes: [[1, 3]] },
  'mlp_gemm.onnx': { inputSize: 2, widths: [10, 10, 2], relus: 'rr-', inputShapes: [[1, 2]] },
  'mlp_gemm_floatdata.onnx': { inputSize: 2, widths: [10, 10, 2], relus: 'rr-', inputShapes: [[1, 2]] },
  'mlp_matmul.onnx': { inputSize: 2, widths: [10, 10, 2], relus: 'rr-', inputShapes: [[1, 1, 2]] },
  'mlp_flatten.onnx': { inputSize: 2, widths: [10, 10, 2], relus: 'rr-', inputShapes: [[1, 1, 2]] },
  'mlp_matmul_add_hand.onnx': { inputSize: 2, widths: [10, 10, 2], relus: 'rr-', inputShapes: [[1, 1, 2]] },
  'mnist_256x2.onnx': { inputSize: 784, widths: [256, 256, 10], relus: 'rr-', inputShapes: [[1, 784, 1]] },
  'vnncomp2021_test_nano.onnx': { inputSize: 1, widths: [1], relus: 'r', inputShapes: [[1]] },
  'vnncomp2021_test_tiny.onnx': { inputSize: 1, widths: [1, 1], relus: 'r-', inputShapes: [[1]] },
  'vnncomp2021_test_small.onnx': { inputSize: 1, widths: [2, 2, 1], relus: 'rr-', inputShapes: [[1]] },
  'vnncomp2022_cartpole.onnx': { inputSize: 4, widths: [64, 64, 2], relus: 'rr-', inputShapes: [[1, 4]] },
  'vnncomp2022_robot.onnx': { inputSize: 5, widths: [64, 64, 64, 5], relus: 'rrr-', inputShapes: [[1, 5]] },
  'vnncomp2022_vdp.onnx': { inputSize: 3, widths: [32, 32, 3], relus: 'rr-', inputShapes: [[1, 3]] },
  'extra/eran_mnist_relu_9_200.onnx': { inputSize: 784, widths: [...rep(200, 8), 10], relus: 'rrrrrrrrr', inputShapes: [[1, 1, 28, 28]] },
  'extra/mnist_256x4.onnx': { inputSize: 784, widths: [...rep(256, 4), 10], relus: 'rrrr-', inputShapes: [[1, 784, 1]] },
  'extra/vnncomp2021_test_sat.onnx': { inputSize: 5, widths: [...rep(50, 6), 5], relus: 'rrrrrr-', inputShapes: [[1, 1, 1, 5]] },
  'extra/vnncomp2022_dubinsrejoin.onnx': { inputSize: 8, widths: [256, 256, 8], relus: 'rr-', inputShapes: [[1, 8]] },
  'extra/vnncomp2022_gcas.onnx': { inputSize: 14, widths: [32, 32, 14], relus: 'rr-', inputShapes: [[1, 14]] },
  'extra/vnncomp2022_lunarlander.onnx': { inputSize: 8, widths: [64, 64, 4], relus: 'rr-', inputShapes: [[1, 8]] },
  'extra/vnncomp2022_tll_n2_8.onnx': { inputSize: 2, widths: [128, 64, 32, 16, 8, 4, 1], relus: 'rrrrrr-', inputShapes: [[1, 2]] },
};

for (const [name, want] of Object.entries(EXPECTED_MODELS)) {
  void test(`${name} reads as a ${want.inputSize} → ${want.widths.join(' → ')} ReLU chain`, { skip: skipWithoutSharedModels }, () => {
    const net = parseOnnx(readFileSync(sharedModel(name)), name);
    assert.equal(net.inputSize, want.inputSize);
    assert.deepEqual(layerWidths(net), want.widths);
    assert.equal(net.layers.map((l) => (l.relu ? 'r' : '-')).join(''), want.relus);
    assert.deepEqual(net.inputs.map((i) => i.shape), want.inputShapes);
    assert.equal(net.outputSize, want.widths[want.widths.length - 1]);
    for (const [k, l] of net.layers.entries()) {
      assert.equal(l.inSize, k === 0 ? want.inputSize : want.widths[k - 1]);
      assert.equal(l.weights.length, l.inSize * l.outSize);
      assert.equal(l.bias.length, l.outSize);
    }
  });
}

void test('the sigmoid network is refused with UnsupportedOperator naming the first Sigmoid node', { skip: skipWithoutSharedModels }, async () => {
  const path = sharedModel('extra/vnncomp2021_ffnn_sigmoid_6x200.onnx');
  await assert.rejects(loadOnnxModel(path), (e: unknown) => {
    assert.ok(e instanceof UnsupportedOperator);
    assert.deepEqual(e.location, { file: path, nodeName: 'Sigmoid_6', opType: 'Sigmoid', nodeIndex: 6 });
    assert.match(e.describe(), /node 'Sigmoid_6' \(Sigmoid, #6\).*Sigmoid is not supported/);
    return true;
  });
});

void test('ACAS Xu: the constant Sub on the input folds into the first bias (input_AvgImg is not an input)', { skip: skipWithoutSharedModels }, () => {
  const net = parseOnnx(readFileSync(sharedModel('acasxu_run2a_1_1.onnx')), 'acas');
  assert.deepEqual(net.inputs.map((i) => i.name), ['input']);
  assert.equal(reluCount(net), 300);
});

interface TorchReference { inputs: number[][]; outputs: number[][]; layers: { W: number[][]; b: number[] }[] }
const reference = JSON.parse(readFileSync(fixture('torch_reference_outputs.json'), 'utf8')) as TorchReference;
const MLP_FIXTURES = ['mlp_gemm.onnx', 'mlp_gemm_floatdata.onnx', 'mlp_matmul.onnx', 'mlp_flatten.onnx', 'mlp_matmul_add_hand.onnx'];

for (const name of MLP_FIXTURES) {
  void test(`${name}: the forward pass matches PyTorch's reference outputs to 1e-6`, () => {
    const net = parseOnnx(readFileSync(fixture(name)), name);
    reference.inputs.forEach((x, k) => {
      const y = forward(net, x);
      reference.outputs[k].forEach((want, i) => assert.ok(Math.abs(y[i] - want) <= 1e-6, `${name} input ${k} output ${i}: ${y[i]} vs ${want}`));
    });
  });
}

void test('weights read from raw_data and from float_data are the same float32 values PyTorch holds', () => {
  const raw = parseOnnx(readFileSync(fixture('mlp_gemm.onnx')), 'raw');
  const typed = parseOnnx(readFileSync(fixture('mlp_gemm_floatdata.onnx')), 'typed');
  reference.layers.forEach((layer, k) => {
    const w = Float64Array.from(layer.W.flat());
    assert.deepEqual(raw.layers[k].weights, w);
    assert.deepEqual(typed.layers[k].weights, w);
    assert.deepEqual(raw.layers[k].bias, Float64Array.from(layer.b));
  });
});

void test('the repository fixture copies read without ../shared (Brusselator: 3 → 64 → 64 → 2, batch dim symbolic)', () => {
  const net = parseOnnx(readFileSync(fixture('brusselator_param.onnx')), 'brusselator_param.onnx');
  assert.deepEqual(layerWidths(net), [64, 64, 2]);
  assert.deepEqual(net.inputs, [{ name: 'state_and_parameter', shape: [1, 3] }]);
  assert.deepEqual(net.outputs, [{ name: 'next_state', shape: [1, 2] }]);
  const acas = parseOnnx(readFileSync(fixture('acasxu_run2a_1_1.onnx')), 'acas');
  assert.deepEqual(layerWidths(acas), [...rep(50, 6), 5]);
});

void test('a missing model file is InvalidModel naming the path', async () => {
  const path = join(repoRoot, 'test/fixtures/models/does-not-exist.onnx');
  await assert.rejects(loadOnnxModel(path), (e: unknown) => {
    assert.ok(e instanceof InvalidModel);
    assert.equal(e.location.file, path);
    assert.match(e.message, /cannot read the model file/);
    return true;
  });
});
