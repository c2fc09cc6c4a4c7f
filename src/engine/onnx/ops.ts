// Dispatches one ONNX node to its implementation. Every supported operator keeps the value affine
// in h, except Relu, which the chain builder turns into a layer boundary.
import { InvalidModel, ShapeMismatch, UnsupportedOperator } from '../errors';
import { binaryOp, scaleShift } from './elementwise';
import { concat, flatten, gather, reshape, shapeOf, squeeze, transpose, unsqueeze } from './layout';
import { gemm, matMul } from './matmul';
import { printable } from './nodeContext';
import type { NodeContext } from './nodeContext';
import { DataType } from './schema';
import { numel } from './shapes';
import { constValue, withShape } from './values';
import type { Value } from './values';

/** Turns a value into a ReLU layer boundary (implemented by the chain builder). */
export type ReluHandler = (ctx: NodeContext, v: Value) => Value;

type Inputs = readonly (Value | undefined)[];

type Handler = (ctx: NodeContext, inputs: Inputs, relu: ReluHandler) => Value;

function binary(ctx: NodeContext, inputs: Inputs, op: 'Add' | 'Sub' | 'Mul' | 'Div'): Value {
  if (ctx.has('axis')) throw new UnsupportedOperator(`legacy ${op} broadcasting with an axis attribute is not supported`, ctx.location);
  return binaryOp(ctx, op, need(ctx, inputs, 0), need(ctx, inputs, 1));
}

/**
 * Every supported operator and its handler, in one table: the list that error messages and the README quote is its
 * keys, so the operators we name and the operators we handle cannot disagree. Each handler returns the node's
 * first output (the only one a feed-forward chain uses).
 */
const OPERATORS = {
  Gemm: (ctx, inputs) => gemm(ctx, need(ctx, inputs, 0), need(ctx, inputs, 1), inputs[2]),
  MatMul: (ctx, inputs) => matMul(ctx, need(ctx, inputs, 0), need(ctx, inputs, 1)),
  Add: (ctx, inputs) => binary(ctx, inputs, 'Add'),
  Sub: (ctx, inputs) => binary(ctx, inputs, 'Sub'),
  Mul: (ctx, inputs) => binary(ctx, inputs, 'Mul'),
  Div: (ctx, inputs) => binary(ctx, inputs, 'Div'),
  Neg: (ctx, inputs) => neg(need(ctx, inputs, 0)),
  Relu: (ctx, inputs, relu) => relu(ctx, need(ctx, inputs, 0)),
  Flatten: (ctx, inputs) => flatten(ctx, need(ctx, inputs, 0)),
  Reshape: (ctx, inputs) => reshape(ctx, need(ctx, inputs, 0), inputs[1]),
  Identity: (ctx, inputs) => need(ctx, inputs, 0),
  Constant: (ctx) => constant(ctx),
  Dropout: (ctx, inputs) => need(ctx, inputs, 0),
  Squeeze: (ctx, inputs) => squeeze(ctx, need(ctx, inputs, 0), inputs[1]),
  Unsqueeze: (ctx, inputs) => unsqueeze(ctx, need(ctx, inputs, 0), inputs[1]),
  Transpose: (ctx, inputs) => transpose(ctx, need(ctx, inputs, 0)),
  Concat: (ctx, inputs) => concat(ctx, inputs.map((_v, k) => need(ctx, inputs, k))),
  Gather: (ctx, inputs) => gather(ctx, need(ctx, inputs, 0), inputs[1]),
  Shape: (ctx, inputs) => shapeOf(ctx, need(ctx, inputs, 0)),
  Cast: (ctx, inputs) => cast(ctx, need(ctx, inputs, 0)),
  BatchNormalization: (ctx, inputs) => batchNorm(ctx, inputs),
} as const satisfies Record<string, Handler>;

export type SupportedOperator = keyof typeof OPERATORS;
export const SUPPORTED_OPERATORS = Object.keys(OPERATORS) as readonly SupportedOperator[];

function isSupported(opType: string): opType is SupportedOperator {
  return Object.hasOwn(OPERATORS, opType);
}

function need(ctx: NodeContext, inputs: Inputs, k: number): Value {
  const v = inputs[k];
  if (v === undefined) throw new InvalidModel(`${ctx.opType} is missing input ${k}`, ctx.location);
  return v;
}

/** Output values of one node (only the outputs the chain needs; others are undefined). */
export function applyNode(ctx: NodeContext, inputs: Inputs, relu: ReluHandler): Value[] {
  if (ctx.node.domain !== '' && ctx.node.domain !== 'ai.onnx') {
    throw new UnsupportedOperator(`operator ${printable(ctx.node.domain)}.${ctx.opType} is not supported (custom domain)`, ctx.location);
  }
  if (!isSupported(ctx.opType)) {
    throw new UnsupportedOperator(
      `operator ${ctx.opType} is not supported: a ReLU network may only use ${SUPPORTED_OPERATORS.join(', ')}`,
      ctx.location,
    );
  }
  const handler: Handler = OPERATORS[ctx.opType];
  return [handler(ctx, inputs, relu)];
}

function neg(v: Value): Value {
  if (v.kind === 'const') return constValue(v.shape, v.data.map((x) => -x), v.isInt);
  const n = numel(v.shape);
  const src = new Int32Array(n).map((_x, e) => e);
  return scaleShift(v, src, v.shape, new Float64Array(n).fill(-1), null);
}

function cast(ctx: NodeContext, v: Value): Value {
  const to = ctx.int('to', DataType.FLOAT);
  const toInt = to === DataType.INT64 || to === DataType.INT32;
  if (v.kind === 'const') return constValue(v.shape, toInt ? v.data.map(Math.trunc) : v.data, toInt);
  if (to !== DataType.FLOAT && to !== DataType.DOUBLE) {
    throw new UnsupportedOperator(`Cast of an input-dependent tensor to data type ${to} is not supported`, ctx.location);
  }
  return v;
}

function constant(ctx: NodeContext): Value {
  const t = ctx.tensor('value');
  if (t) return t;
  if (ctx.has('value_float')) return constValue([], Float64Array.of(ctx.float('value_float', 0)));
  if (ctx.has('value_int')) return constValue([], Float64Array.of(ctx.int('value_int', 0)), true);
  const fs = ctx.floats('value_floats');
  if (fs) return constValue([fs.length], Float64Array.from(fs));
  const is = ctx.ints('value_ints');
  if (is) return constValue([is.length], Float64Array.from(is), true);
  throw new UnsupportedOperator(`Constant with attribute(s) ${ctx.attributeNames().join(', ') || '(none)'} is not supported`, ctx.location);
}

/** Inference-mode BatchNormalization: y = (x − mean) · scale / √(var + ε) + B, per channel (axis 1). */
function batchNorm(ctx: NodeContext, inputs: Inputs): Value {
  const x = need(ctx, inputs, 0);
  const [scale, bias, mean, variance] = [1, 2, 3, 4].map((k) => need(ctx, inputs, k));
  if (ctx.int('training_mode', 0) !== 0) throw new UnsupportedOperator('BatchNormalization in training mode', ctx.location);
  if (x.shape.length < 2) throw new InvalidModel('BatchNormalization needs an input of rank >= 2', ctx.location);
  const epsilon = ctx.float('epsilon', 1e-5);
  for (const p of [scale, bias, mean, variance]) {
    if (p.kind !== 'const') throw new UnsupportedOperator('BatchNormalization with input-dependent parameters', ctx.location);
  }
  const channels = x.shape[1];
  const perChannel = [channels, ...x.shape.slice(2).map(() => 1)];
  const mul = new Float64Array(channels);
  const add = new Float64Array(channels);
  const [s, b, m, v] = [scale, bias, mean, variance].map((p) => (p.kind === 'const' ? p.data : new Float64Array()));
  if ([s, b, m, v].some((p) => p.length !== channels)) {
    throw new ShapeMismatch(`BatchNormalization parameters must have ${channels} entries (one per channel)`, ctx.location);
  }
  for (let c = 0; c < channels; c++) {
    mul[c] = s[c] / Math.sqrt(v[c] + epsilon);
    add[c] = b[c] - m[c] * mul[c];
  }
  const scaled = binaryOp(ctx, 'Mul', x, constValue(perChannel, mul));
  return binaryOp(ctx, 'Add', scaled, withShape(constValue([channels], add), perChannel));
}
