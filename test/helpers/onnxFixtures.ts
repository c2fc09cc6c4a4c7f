// Builds ONNX files for tests: hand-made graphs (any operators, any defects) encoded with the same
// vendored schema the reader uses, seeded random networks, and a corpus of malformed files.
import type { EngineErrorCode } from '../../src/engine/errors';
import type { DenseLayer, Network } from '../../src/engine/ir/network';
import { writeOnnx } from '../../src/engine/onnx/write';
import { modelProtoType } from '../../src/engine/onnx/schema';
import { seededRandom, uniform } from './rng';

export type Dim = number | string;
export type TensorDtype = 'float' | 'double' | 'int64' | 'float16';

export interface TensorSpec {
  name: string;
  dims: number[];
  values: ArrayLike<number>;
  dtype?: TensorDtype;
  /** Store the values in float_data / double_data / int64_data instead of raw_data. */
  typedField?: boolean;
}
export interface AttributeSpec {
  name: string;
  i?: number;
  f?: number;
  ints?: number[];
  t?: TensorSpec;
}
export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: AttributeSpec[];
}
export interface ValueSpec {
  name: string;
  dims: Dim[];
  elemType?: number;
}
export interface ModelSpec {
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers?: TensorSpec[];
  opset?: number;
}

const DTYPE_CODE: Record<TensorDtype, number> = { float: 1, double: 11, int64: 7, float16: 10 };

export function tensorProto(t: TensorSpec): Record<string, unknown> {
  const dtype = t.dtype ?? 'float';
  const base = { name: t.name, dims: t.dims, data_type: DTYPE_CODE[dtype] };
  const values = Array.from(t.values);
  if (t.typedField) {
    if (dtype === 'float') return { ...base, float_data: values };
    if (dtype === 'double') return { ...base, double_data: values };
    if (dtype === 'int64') return { ...base, int64_data: values };
    return { ...base, int32_data: values };
  }
  const size = dtype === 'float16' ? 2 : dtype === 'float' ? 4 : 8;
  const raw = new Uint8Array(values.length * size);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => {
    if (dtype === 'float') view.setFloat32(i * 4, v, true);
    else if (dtype === 'double') view.setFloat64(i * 8, v, true);
    else if (dtype === 'int64') view.setBigInt64(i * 8, BigInt(v), true);
    else view.setUint16(i * 2, 0x3c00, true); // 1.0 in half precision
  });
  return { ...base, raw_data: raw };
}

function attributeProto(a: AttributeSpec): Record<string, unknown> {
  if (a.t) return { name: a.name, type: 4, t: tensorProto(a.t) };
  if (a.ints) return { name: a.name, type: 7, ints: a.ints };
  if (a.f !== undefined) return { name: a.name, type: 1, f: a.f };
  return { name: a.name, type: 2, i: a.i ?? 0 };
}

function valueInfo(v: ValueSpec): Record<string, unknown> {
  const dim = v.dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name: v.name, type: { tensor_type: { elem_type: v.elemType ?? 1, shape: { dim } } } };
}

/** Encodes a hand-made graph as ONNX bytes (ir_version 7, default opset 13). */
export function buildOnnx(spec: ModelSpec): Uint8Array {
  const model = {
    ir_version: 7,
    opset_import: [{ domain: '', version: spec.opset ?? 13 }],
    producer_name: 'invcert-tests',
    graph: {
      name: 'test',
      node: spec.nodes.map((n, k) => ({
        name: n.name ?? `${n.op}_${k}`, op_type: n.op, input: n.inputs, output: n.outputs,
        attribute: (n.attributes ?? []).map(attributeProto),
      })),
      initializer: (spec.initializers ?? []).map(tensorProto),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  };
  const type = modelProtoType();
  return type.encode(type.fromObject(model)).finish();
}

/** A seeded random ReLU chain with the given widths, e.g. [3, 8, 8, 2]. */
export function randomNetwork(seed: number, widths: readonly number[], reluOnLast = false): Network {
  const rand = seededRandom(seed);
  const layers: DenseLayer[] = [];
  for (let k = 1; k < widths.length; k++) {
    const inSize = widths[k - 1];
    const outSize = widths[k];
    layers.push({
      inSize, outSize,
      weights: Float64Array.from({ length: inSize * outSize }, () => uniform(rand, -1, 1)),
      bias: Float64Array.from({ length: outSize }, () => uniform(rand, -0.5, 0.5)),
      relu: k < widths.length - 1 || reluOnLast,
    });
  }
  return {
    layers, inputSize: widths[0], outputSize: widths[widths.length - 1],
    inputs: [{ name: 'input', shape: [1, widths[0]] }], outputs: [{ name: 'output', shape: [1, widths[widths.length - 1]] }],
    source: `random-${seed}`,
  };
}

/** A small valid two-layer Gemm model (2 → 4 → 2) as the starting point of defect cases. */
function gemmModel(w0: ArrayLike<number>, opts: { inDims?: Dim[]; w0Dims?: number[]; hidden?: string } = {}): Uint8Array {
  return buildOnnx({
    inputs: [{ name: 'x', dims: opts.inDims ?? ['batch', 2] }],
    outputs: [{ name: 'y', dims: ['batch', 2] }],
    initializers: [
      { name: 'W0', dims: opts.w0Dims ?? [4, 2], values: w0 },
      { name: 'B0', dims: [4], values: [0.1, -0.2, 0.3, 0] },
      { name: 'W1', dims: [2, 4], values: [1, -1, 0.5, 2, -0.5, 1, 1, -1] },
      { name: 'B1', dims: [2], values: [0, 0.25] },
    ],
    nodes: [
      { op: 'Gemm', inputs: ['x', 'W0', 'B0'], outputs: ['z0'], attributes: [{ name: 'transB', i: 1 }] },
      { op: opts.hidden ?? 'Relu', inputs: ['z0'], outputs: ['h0'] },
      { op: 'Gemm', inputs: ['h0', 'W1', 'B1'], outputs: ['y'], attributes: [{ name: 'transB', i: 1 }] },
    ],
  });
}

const W0 = [1, 2, -1, 0.5, 0.25, -2, 3, 1];

export type MalformedExpectation =
  | { readonly kind: 'codes'; readonly codes: readonly EngineErrorCode[] }
  /** Garbage that may happen to decode: any typed EngineError, or a successful parse. */
  | { readonly kind: 'error-or-parse' };

export interface MalformedCase {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly expect: MalformedExpectation;
}

const codes = (...c: EngineErrorCode[]): MalformedExpectation => ({ kind: 'codes', codes: c });
const anyOutcome: MalformedExpectation = { kind: 'error-or-parse' };

type CaseMaker = (variant: number, rand: () => number) => MalformedCase;

const MAKERS: readonly CaseMaker[] = [
  () => ({ name: 'empty', bytes: new Uint8Array(0), expect: codes('InvalidModel') }),
  (v, rand) => ({
    name: `random-bytes-${v}`,
    bytes: Uint8Array.from({ length: 1 + Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256)),
    expect: anyOutcome,
  }),
  (v, rand) => {
    const full = gemmModel(W0);
    const cut = 1 + Math.floor(rand() * (full.length - 2));
    return { name: `truncated-${v}-at-${cut}`, bytes: full.slice(0, cut), expect: anyOutcome };
  },
  (v, rand) => {
    const bytes = gemmModel(W0).slice();
    const flips = 1 + Math.floor(rand() * 4);
    for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] ^= 1 << Math.floor(rand() * 8);
    return { name: `bit-flip-${v}`, bytes, expect: anyOutcome };
  },
  (v) => {
    const bad = [NaN, Infinity, -Infinity][v % 3];
    const w = W0.slice();
    w[v % w.length] = bad;
    return { name: `non-finite-weight-${v}-${bad}`, bytes: gemmModel(w), expect: codes('NonFiniteWeight') };
  },
  (v) => ({
    name: `wrong-shape-${v}`,
    bytes: gemmModel(Array.from({ length: 4 * (3 + (v % 3)) }, (_x, i) => i / 10), { w0Dims: [4, 3 + (v % 3)] }),
    expect: codes('ShapeMismatch'),
  }),
  (v) => {
    const op = ['Sigmoid', 'Tanh', 'LeakyRelu', 'Softmax', 'Elu', 'Conv', 'MaxPool'][v % 7];
    return { name: `unsupported-${op}`, bytes: gemmModel(W0, { hidden: op }), expect: codes('UnsupportedOperator') };
  },
  (v) => ({
    name: `data-size-mismatch-${v}`,
    bytes: gemmModel(W0.slice(0, 7 - (v % 5)), { w0Dims: [4, 2] }),
    expect: codes('InvalidModel'),
  }),
  (v) => {
    const dims = [[1e9, 1e9], [2 ** 40, 2], [1e12], [3e7]][v % 4];
    return {
      name: `absurd-initializer-dims-${v}`,
      bytes: buildOnnx({
        inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
        initializers: [{ name: 'W', dims, values: [1, 2, 3, 4] }],
        nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
      }),
      expect: codes('ModelTooLarge', 'InvalidModel'),
    };
  },
  (v) => ({
    name: `absurd-input-dims-${v}`,
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, [1e12, 2 ** 31, 5e5][v % 3]] }], outputs: [{ name: 'y', dims: [1, 2] }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    }),
    expect: codes('ModelTooLarge'),
  }),
  (v) => ({
    name: `dynamic-inner-dim-${v}`,
    bytes: gemmModel(W0, { inDims: ['batch', `features${v}`] }),
    expect: codes('InvalidModel'),
  }),
  () => ({
    // A skip connection is read (carried across the ReLU); gating it by a product with x is not affine.
    name: 'gated-skip-connection',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      initializers: [{ name: 'W', dims: [2, 2], values: [1, 2, 3, 4] }],
      nodes: [
        { op: 'MatMul', inputs: ['x', 'W'], outputs: ['z'] },
        { op: 'Relu', inputs: ['z'], outputs: ['h'] },
        { op: 'Mul', inputs: ['h', 'x'], outputs: ['y'] },
      ],
    }),
    expect: codes('UnsupportedOperator'),
  }),
  () => ({
    name: 'product-of-inputs',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      nodes: [{ op: 'Mul', inputs: ['x', 'x'], outputs: ['y'] }],
    }),
    expect: codes('UnsupportedOperator'),
  }),
  () => ({
    name: 'cycle',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      nodes: [
        { op: 'Add', inputs: ['x', 'b'], outputs: ['a'] },
        { op: 'Relu', inputs: ['a'], outputs: ['b'] },
        { op: 'Identity', inputs: ['b'], outputs: ['y'] },
      ],
    }),
    expect: codes('InvalidModel'),
  }),
  () => ({
    name: 'dangling-input-name',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      nodes: [{ op: 'Add', inputs: ['x', 'nowhere'], outputs: ['y'] }],
    }),
    expect: codes('InvalidModel'),
  }),
  () => ({
    name: 'float16-weights',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      initializers: [{ name: 'W', dims: [2, 2], values: [1, 1, 1, 1], dtype: 'float16' }],
      nodes: [{ op: 'MatMul', inputs: ['x', 'W'], outputs: ['y'] }],
    }),
    expect: codes('UnsupportedOperator'),
  }),
  () => ({
    name: 'division-by-zero-constant',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      initializers: [{ name: 'S', dims: [2], values: [1, 0] }],
      nodes: [{ op: 'Div', inputs: ['x', 'S'], outputs: ['y'] }],
    }),
    expect: codes('InvalidModel'),
  }),
  (v) => ({
    name: `broadcast-blowup-${v}`,
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      initializers: [
        { name: 'col', dims: [5000, 1], values: new Float64Array(5000) },
        { name: 'row', dims: [1, 5000], values: new Float64Array(5000) },
      ],
      nodes: [
        { op: v % 2 === 0 ? 'Add' : 'Mul', inputs: ['col', 'row'], outputs: ['big'] },
        { op: 'MatMul', inputs: ['x', 'big'], outputs: ['y'] },
      ],
    }),
    expect: codes('ModelTooLarge'),
  }),
  (v) => ({
    name: `gather-blowup-${v}`,
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 2] }], outputs: [{ name: 'y', dims: [1, 2] }],
      initializers: [
        { name: 'table', dims: [2, 20000], values: new Float64Array(40000) },
        { name: 'picks', dims: [1100], values: new Float64Array(1100), dtype: 'int64' },
      ],
      nodes: [
        { op: 'Gather', inputs: ['table', 'picks'], outputs: ['big'] },
        { op: 'MatMul', inputs: ['x', 'big'], outputs: ['y'] },
      ],
    }),
    expect: codes('ModelTooLarge'),
  }),
  () => {
    // Relu, Neg, Relu, ...: each ReLU closes a 141-wide layer (tiny file, 142 × 141 > 20 000 ReLUs).
    const nodes: NodeSpec[] = [];
    let current = 'x';
    for (let k = 0; k < 142; k++) {
      nodes.push({ op: 'Relu', inputs: [current], outputs: [`r${k}`] }, { op: 'Neg', inputs: [`r${k}`], outputs: [`n${k}`] });
      current = `n${k}`;
    }
    nodes[nodes.length - 1].outputs = ['y'];
    return {
      name: 'too-many-relus',
      bytes: buildOnnx({ inputs: [{ name: 'x', dims: [1, 141] }], outputs: [{ name: 'y', dims: [1, 141] }], nodes }),
      expect: codes('ModelTooLarge'),
    };
  },
  () => ({
    name: 'too-many-weights',
    bytes: buildOnnx({
      inputs: [{ name: 'x', dims: [1, 3000] }], outputs: [{ name: 'y', dims: [1, 3000] }],
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['r'] },
        { op: 'Neg', inputs: ['r'], outputs: ['n'] },
        { op: 'Relu', inputs: ['n'], outputs: ['y'] },
      ],
    }),
    expect: codes('ModelTooLarge'),
  }),
  () => ({
    name: 'no-graph',
    bytes: modelProtoType().encode(modelProtoType().fromObject({ ir_version: 7, producer_name: 'x' })).finish(),
    expect: codes('InvalidModel'),
  }),
];

/**
 * `count` malformed ONNX files, deterministic for a seed: every defect kind once, then further
 * variants of the kinds that have them (random bytes, truncations, bit flips, bad weights, shapes, ...).
 */
export function malformedCorpus(count: number, seed = 1): MalformedCase[] {
  const rand = seededRandom(seed);
  const out: MalformedCase[] = [];
  for (let k = 0; out.length < count; k++) {
    const maker = MAKERS[k % MAKERS.length];
    const round = Math.floor(k / MAKERS.length);
    if (round > 0 && maker.length === 0) continue; // a maker without a variant parameter makes one fixed file
    const made = maker(round, rand);
    out.push({ ...made, name: `${String(out.length).padStart(3, '0')}-${made.name}` });
  }
  return out;
}

/** A random network written as ONNX (float or double weights), for round-trip tests. */
export function randomOnnx(seed: number, widths: readonly number[], dtype: 'float' | 'double' = 'float'): { net: Network; bytes: Uint8Array } {
  const net = randomNetwork(seed, widths);
  return { net, bytes: writeOnnx(net, { dtype }) };
}

/** The skip-connection graphs PyTorch exports for x_{k+1} = x_k ± τ·g(x_k), g an MLP of Gemm (transB = 1) and Relu. */
export interface ResidualSpec {
  /** Layer weights of g, row-major out × in, with their biases: g = L_last ∘ relu ∘ … ∘ relu ∘ L_1. */
  readonly layers: ReadonlyArray<{ readonly inSize: number; readonly outSize: number; readonly weights: ArrayLike<number>; readonly bias: ArrayLike<number> }>;
  /** The constant step τ (a Mul node), or none. */
  readonly tau?: number;
  /** Sub instead of Add for the skip (x − τ·g(x)). */
  readonly subtract?: boolean;
}

/** Builds `Add(input, Mul(g(input), τ))` (or Sub, or without the Mul) as ONNX with float64 weights. */
export function residualOnnx(spec: ResidualSpec): Uint8Array {
  const n = spec.layers[0].inSize;
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  let current = 'input';
  spec.layers.forEach((l, k) => {
    initializers.push({ name: `fc${k}.weight`, dims: [l.outSize, l.inSize], values: l.weights, dtype: 'double' });
    initializers.push({ name: `fc${k}.bias`, dims: [l.outSize], values: l.bias, dtype: 'double' });
    nodes.push({ op: 'Gemm', name: `/fc${k}/Gemm`, inputs: [current, `fc${k}.weight`, `fc${k}.bias`], outputs: [`/fc${k}/Gemm_output_0`], attributes: [{ name: 'transB', i: 1 }] });
    current = `/fc${k}/Gemm_output_0`;
    if (k < spec.layers.length - 1) {
      nodes.push({ op: 'Relu', name: `/act${k}/Relu`, inputs: [current], outputs: [`/act${k}/Relu_output_0`] });
      current = `/act${k}/Relu_output_0`;
    }
  });
  if (spec.tau !== undefined) {
    initializers.push({ name: 'tau', dims: [], values: [spec.tau], dtype: 'double' });
    nodes.push({ op: 'Mul', name: '/Mul', inputs: [current, 'tau'], outputs: ['/Mul_output_0'] });
    current = '/Mul_output_0';
  }
  nodes.push({ op: spec.subtract ? 'Sub' : 'Add', name: spec.subtract ? '/Sub' : '/Add', inputs: ['input', current], outputs: ['output'] });
  return buildOnnx({
    inputs: [{ name: 'input', dims: ['batch', n], elemType: 11 }],
    outputs: [{ name: 'output', dims: ['batch', n], elemType: 11 }],
    nodes, initializers,
  });
}
