// A corpus of malformed ONNX files, generated from the small fixture models: truncations, bit flips, garbage,
// unsupported operators, non-finite weights, mismatched shapes, absurd declared sizes and broken graphs.
// Deterministic (seeded), so a failure names a reproducible case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineErrorCode } from '../../src/engine/errors';
import { decodeModel } from '../../src/engine/onnx/read';
import type { ModelMsg, TensorMsg } from '../../src/engine/onnx/schema';
import { modelProtoType } from '../../src/engine/onnx/schema';
import { seededRandom } from '../helpers/rng';

export type Category = 'truncated' | 'bit-flipped' | 'garbage' | 'unsupported operator' | 'non-finite weight' | 'mismatched shape' | 'absurd size' | 'broken graph';

export interface MalformedCase {
  readonly name: string;
  readonly category: Category;
  readonly bytes: Uint8Array;
  /** 'error': the reader must refuse it with one of `codes`. 'errorOrValid': damage that may still leave a
   * well-formed model (a flipped weight bit, a cut after the graph); the reader must then either load it or
   * refuse it with a typed error, never crash or hang. */
  readonly expect: 'error' | 'errorOrValid';
  readonly codes?: readonly EngineErrorCode[];
}

const fixtures = join(__dirname, '..', 'fixtures', 'workspace');
const baseModels = ['mlp_gemm.onnx', 'brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx'] as const;

function original(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixtures, name)));
}

/** Decodes a fresh copy of `name`, lets `mutate` damage it, and re-encodes it. */
function mutated(name: string, mutate: (m: ModelMsg) => void): Uint8Array {
  const model = decodeModel(original(name), name);
  mutate(model);
  return modelProtoType().encode(model).finish();
}

function setFloat(t: TensorMsg, index: number, value: number): void {
  const raw = new Uint8Array(t.raw_data); // own copy (decode may alias the file buffer)
  new DataView(raw.buffer, raw.byteOffset, raw.byteLength).setFloat32(index * 4, value, true);
  t.raw_data = raw;
}

const layers = (m: ModelMsg): NonNullable<ModelMsg['graph']> => m.graph!;

function truncations(): Uncategorised[] {
  const cases: Uncategorised[] = [];
  for (const name of baseModels) {
    const bytes = original(name);
    const offsets = new Set<number>([1, 2, 3, 5, 8, 13, 21]);
    for (let k = 1; k < 40; k++) offsets.add(Math.floor((k * bytes.length) / 40));
    for (const at of [...offsets].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b)) {
      // The first bytes hold the header and the graph's start: cut there, nothing usable remains.
      cases.push({ name: `${name} truncated at ${at}/${bytes.length}`, bytes: bytes.slice(0, at), expect: at <= 21 ? 'error' : 'errorOrValid', codes: ['InvalidModel', 'ShapeMismatch', 'UnsupportedOperator'] });
    }
  }
  return cases;
}

function bitFlips(): Uncategorised[] {
  const rand = seededRandom(20230125);
  const cases: Uncategorised[] = [];
  for (let i = 0; i < 60; i++) {
    const name = baseModels[i % baseModels.length];
    const bytes = original(name);
    const flips = 1 + Math.floor(rand() * 8);
    for (let f = 0; f < flips; f++) {
      const bit = Math.floor(rand() * bytes.length * 8);
      bytes[bit >> 3] ^= 1 << (bit & 7);
    }
    cases.push({ name: `${name} with ${flips} flipped bit(s) #${i}`, bytes, expect: 'errorOrValid' });
  }
  return cases;
}

function garbage(): Uncategorised[] {
  const rand = seededRandom(7);
  const cases: Uncategorised[] = [{ name: 'empty file', bytes: new Uint8Array(0), expect: 'error', codes: ['InvalidModel'] }];
  for (const length of [1, 2, 7, 64, 512, 4096]) {
    const bytes = new Uint8Array(length).map(() => Math.floor(rand() * 256));
    cases.push({ name: `${length} random bytes`, bytes, expect: 'error', codes: ['InvalidModel', 'UnsupportedOperator', 'ShapeMismatch'] });
  }
  cases.push({ name: 'a text file', bytes: new TextEncoder().encode('model m = "x.onnx"\n'), expect: 'error', codes: ['InvalidModel'] });
  cases.push({ name: 'all zero bytes', bytes: new Uint8Array(256), expect: 'error', codes: ['InvalidModel'] });
  cases.push({ name: 'all 0xff bytes', bytes: new Uint8Array(256).fill(255), expect: 'error', codes: ['InvalidModel'] });
  return cases;
}

function unsupportedOperators(): Uncategorised[] {
  const ops = ['Sigmoid', 'Tanh', 'Softmax', 'Conv', 'LSTM', 'MaxPool', 'LeakyRelu', 'Elu', 'Sin', 'NoSuchOp'];
  const cases: Uncategorised[] = ops.map((op) => ({
    name: `brusselator_param.onnx with its first Relu replaced by ${op}`,
    bytes: mutated('brusselator_param.onnx', (m) => { layers(m).node.find((n) => n.op_type === 'Relu')!.op_type = op; }),
    expect: 'error' as const,
    codes: ['UnsupportedOperator', 'InvalidModel', 'ShapeMismatch'] as const,
  }));
  cases.push({
    name: 'mlp_gemm.onnx with a Relu from a custom domain',
    bytes: mutated('mlp_gemm.onnx', (m) => { layers(m).node.find((n) => n.op_type === 'Relu')!.domain = 'com.example.custom'; }),
    expect: 'error', codes: ['UnsupportedOperator', 'InvalidModel'],
  });
  return cases;
}

function nonFiniteWeights(): Uncategorised[] {
  const cases: Uncategorised[] = [];
  for (const name of ['mlp_gemm.onnx', 'brusselator_param.onnx'] as const) {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const tensor of [0, 1, 2, 5]) {
        cases.push({
          name: `${name}: ${value} in initializer #${tensor}`,
          bytes: mutated(name, (m) => { const t = layers(m).initializer[tensor]; setFloat(t, Math.floor(t.raw_data.length / 8), value); }),
          expect: 'error', codes: ['NonFiniteWeight'],
        });
      }
    }
  }
  cases.push({
    name: 'vnncomp2021_test_tiny.onnx: NaN weight',
    bytes: mutated('vnncomp2021_test_tiny.onnx', (m) => setFloat(layers(m).initializer[0], 0, Number.NaN)),
    expect: 'error', codes: ['NonFiniteWeight'],
  });
  return cases;
}

function mismatchedShapes(): Uncategorised[] {
  const cases: Uncategorised[] = [];
  const shape = (label: string, mutate: (m: ModelMsg) => void, name = 'mlp_gemm.onnx'): void => {
    cases.push({ name: `${name}: ${label}`, bytes: mutated(name, mutate), expect: 'error', codes: ['ShapeMismatch', 'InvalidModel'] });
  };
  shape('first weight declared 10×3 for 2 inputs (data for 10×2)', (m) => { layers(m).initializer[0].dims = [10, 3]; });
  shape('first weight declared 5×4 (same element count, wrong shape)', (m) => { layers(m).initializer[0].dims = [5, 4]; });
  shape('bias longer than the layer', (m) => { layers(m).initializer[1].dims = [11]; });
  shape('bias data shorter than declared', (m) => { layers(m).initializer[1].raw_data = layers(m).initializer[1].raw_data.slice(0, 20); });
  shape('weight data one byte short', (m) => { const t = layers(m).initializer[2]; t.raw_data = t.raw_data.slice(0, t.raw_data.length - 1); });
  shape('hidden weight 10×9 against 10 activations', (m) => { const t = layers(m).initializer[2]; t.dims = [10, 9]; t.raw_data = t.raw_data.slice(0, 360); });
  shape('output layer reads 11 activations', (m) => { const t = layers(m).initializer[4]; t.dims = [2, 11]; t.raw_data = new Uint8Array(88); });
  shape('input declared with 3 features', (m) => { layers(m).input[0].type!.tensor_type!.shape!.dim[1] = { dim_value: 3 }; });
  shape('input declared rank 3', (m) => { layers(m).input[0].type!.tensor_type!.shape!.dim.push({ dim_value: 4 }); });
  shape('weight declared rank 3', (m) => { const t = layers(m).initializer[0]; t.dims = [10, 2, 1]; });
  shape('tiny: MatMul weight 2×1 for a 1-input', (m) => { const t = layers(m).initializer[0]; t.dims = [2, 1]; t.raw_data = new Uint8Array(8); }, 'vnncomp2021_test_tiny.onnx');
  shape('Gemm with a bias that is a weight matrix', (m) => { layers(m).node[0].input[2] = '2.weight'; });
  return cases;
}

function absurdSizes(): Uncategorised[] {
  const cases: Uncategorised[] = [];
  const absurd = (label: string, mutate: (m: ModelMsg) => void, codes: readonly EngineErrorCode[] = ['ModelTooLarge', 'ShapeMismatch', 'InvalidModel']): void => {
    cases.push({ name: `mlp_gemm.onnx: ${label}`, bytes: mutated('mlp_gemm.onnx', mutate), expect: 'error', codes });
  };
  absurd('weight declared 1e9×1e9', (m) => { layers(m).initializer[0].dims = [1e9, 1e9]; });
  absurd('weight declared 2^40×2', (m) => { layers(m).initializer[0].dims = [2 ** 40, 2]; });
  absurd('bias declared 4e9 long', (m) => { layers(m).initializer[1].dims = [4e9]; });
  absurd('input declared with 1e12 features', (m) => { layers(m).input[0].type!.tensor_type!.shape!.dim[1] = { dim_value: 1e12 }; });
  absurd('input declared with 2^31 features', (m) => { layers(m).input[0].type!.tensor_type!.shape!.dim[1] = { dim_value: 2 ** 31 }; });
  absurd('negative dimension', (m) => { layers(m).initializer[0].dims = [-10, 2]; });
  absurd('weight declared 1e6×1e6 with float_data instead of raw', (m) => { const t = layers(m).initializer[0]; t.dims = [1e6, 1e6]; t.raw_data = new Uint8Array(0); t.float_data = [1, 2, 3]; });
  absurd('weights stored as external data', (m) => { const t = layers(m).initializer[0]; t.data_location = 1; t.raw_data = new Uint8Array(0); t.external_data = [{ key: 'location', value: '/etc/passwd' }]; });
  return cases;
}

function brokenGraphs(): Uncategorised[] {
  const cases: Uncategorised[] = [];
  const broken = (label: string, mutate: (m: ModelMsg) => void): void => {
    cases.push({ name: `mlp_gemm.onnx: ${label}`, bytes: mutated('mlp_gemm.onnx', mutate), expect: 'error', codes: ['InvalidModel', 'ShapeMismatch', 'UnsupportedOperator'] });
  };
  broken('no nodes', (m) => { layers(m).node = []; });
  broken('no graph outputs', (m) => { layers(m).output = []; });
  broken('no graph inputs', (m) => { layers(m).input = []; });
  broken('a node reads an undefined tensor', (m) => { layers(m).node[2].input[0] = 'nowhere'; });
  broken('a missing initializer', (m) => { layers(m).initializer.splice(2, 1); });
  broken('a node reads its own output (cycle)', (m) => { const n = layers(m).node[2]; n.input[0] = n.output[0]; });
  broken('two nodes in a cycle', (m) => { const g = layers(m); g.node[1].input[0] = g.node[2].output[0]; });
  broken('the graph output is never produced', (m) => { layers(m).output[0].name = 'ghost'; });
  broken('weights as strings', (m) => { layers(m).initializer[0].data_type = 8; });
  broken('weights as int8', (m) => { layers(m).initializer[0].data_type = 3; });
  broken('input as int64', (m) => { layers(m).input[0].type!.tensor_type!.elem_type = 7; });
  broken('Gemm without inputs', (m) => { layers(m).node[0].input = []; });
  broken('Relu with two outputs feeding nothing', (m) => { layers(m).node[1].output = []; });
  broken('Gemm transA = 1 on a batch input', (m) => { layers(m).node[0].attribute.push({ name: 'transA', type: 2, i: 1 } as never); });
  return cases;
}

type Uncategorised = Omit<MalformedCase, 'category'>;
const generators: ReadonlyArray<readonly [Category, () => Uncategorised[]]> = [
  ['truncated', truncations],
  ['bit-flipped', bitFlips],
  ['garbage', garbage],
  ['unsupported operator', unsupportedOperators],
  ['non-finite weight', nonFiniteWeights],
  ['mismatched shape', mismatchedShapes],
  ['absurd size', absurdSizes],
  ['broken graph', brokenGraphs],
];

export const categories: readonly Category[] = generators.map(([c]) => c);

/** The whole corpus (more than 200 files). */
export function malformedOnnxCorpus(): MalformedCase[] {
  return generators.flatMap(([category, generate]) => generate().map((c) => ({ ...c, category })));
}
