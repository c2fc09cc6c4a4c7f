// Operators that only move elements around: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Concat,
// Gather, Shape. They work the same on constants and on symbolic values (an index map over elements).
import { InvalidModel, ShapeMismatch } from '../errors';
import type { NodeContext } from './nodeContext';
import { checkAffineSize, checkTensorElements } from './limits';
import { normalizeAxis, numel, strides } from './shapes';
import type { Shape } from './shapes';
import { constAsSym, constValue, gatherValue, withShape } from './values';
import type { ConstValue, SymValue, Value } from './values';

const fmt = (s: Shape): string => `[${s.join(', ')}]`;

/** Refuses an output of `count` elements (and its coefficient rows) before allocating it. */
function checkOutputSize(ctx: NodeContext, like: Value, count: number): void {
  checkTensorElements(count, `the result of ${ctx.opType}`, ctx.location);
  if (like.kind === 'sym' && like.form === 'dense') checkAffineSize(count, like.hSize, `the result of ${ctx.opType}`, ctx.location);
}

function intList(ctx: NodeContext, v: Value | undefined, what: string): number[] {
  if (v === undefined) throw new InvalidModel(`missing ${what} input`, ctx.location);
  if (v.kind !== 'const') throw new ShapeMismatch(`${what} depends on the network input, so the shape cannot be resolved`, ctx.location);
  return Array.from(v.data);
}

/** Axes from the input (opset >= 13 for Squeeze/Unsqueeze) or the attribute (older opsets). */
function axesOf(ctx: NodeContext, input: Value | undefined): number[] | undefined {
  if (input !== undefined) return intList(ctx, input, 'axes');
  return ctx.ints('axes');
}

export function reshape(ctx: NodeContext, data: Value, shapeInput: Value | undefined): Value {
  const requested = shapeInput !== undefined ? intList(ctx, shapeInput, 'shape') : ctx.ints('shape');
  if (requested === undefined) throw new InvalidModel('Reshape has no target shape', ctx.location);
  const allowZero = ctx.int('allowzero', 0) !== 0;
  const total = numel(data.shape);
  let inferAt = -1;
  const out = requested.map((d, k) => {
    if (d === 0 && !allowZero) {
      if (k >= data.shape.length) throw new ShapeMismatch(`Reshape copies dimension ${k}, which ${fmt(data.shape)} lacks`, ctx.location);
      return data.shape[k];
    }
    if (d === -1) {
      if (inferAt >= 0) throw new ShapeMismatch(`Reshape target ${fmt(requested)} has more than one -1`, ctx.location);
      inferAt = k;
      return 1;
    }
    if (d < 0 || !Number.isInteger(d)) throw new ShapeMismatch(`Reshape target ${fmt(requested)} has an invalid dimension`, ctx.location);
    return d;
  });
  if (inferAt >= 0) {
    const known = numel(out);
    if (known === 0 || total % known !== 0) {
      throw new ShapeMismatch(`cannot reshape ${fmt(data.shape)} (${total} elements) to ${fmt(requested)}`, ctx.location);
    }
    out[inferAt] = total / known;
  }
  if (numel(out) !== total) {
    throw new ShapeMismatch(`cannot reshape ${fmt(data.shape)} (${total} elements) to ${fmt(out)}`, ctx.location);
  }
  return withShape(data, out);
}

export function flatten(ctx: NodeContext, data: Value): Value {
  const rank = data.shape.length;
  const raw = ctx.int('axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 0 || axis > rank) throw new ShapeMismatch(`Flatten axis ${raw} is out of range for rank ${rank}`, ctx.location);
  return withShape(data, [numel(data.shape.slice(0, axis)), numel(data.shape.slice(axis))]);
}

export function squeeze(ctx: NodeContext, data: Value, axesInput: Value | undefined): Value {
  const rank = data.shape.length;
  const axes = axesOf(ctx, axesInput);
  const drop = new Set<number>();
  if (axes === undefined) {
    data.shape.forEach((d, k) => { if (d === 1) drop.add(k); });
  } else {
    for (const a of axes) {
      const k = normalizeAxis(a, rank);
      if (k === undefined || data.shape[k] !== 1) {
        throw new ShapeMismatch(`cannot squeeze axis ${a} of ${fmt(data.shape)}`, ctx.location);
      }
      drop.add(k);
    }
  }
  return withShape(data, data.shape.filter((_d, k) => !drop.has(k)));
}

export function unsqueeze(ctx: NodeContext, data: Value, axesInput: Value | undefined): Value {
  const axes = axesOf(ctx, axesInput);
  if (axes === undefined) throw new InvalidModel('Unsqueeze has no axes', ctx.location);
  const rank = data.shape.length + axes.length;
  const inserted = new Set<number>();
  for (const a of axes) {
    const k = normalizeAxis(a, rank);
    if (k === undefined || inserted.has(k)) throw new ShapeMismatch(`invalid Unsqueeze axis ${a} for output rank ${rank}`, ctx.location);
    inserted.add(k);
  }
  const out: number[] = [];
  let next = 0;
  for (let k = 0; k < rank; k++) out.push(inserted.has(k) ? 1 : data.shape[next++]);
  return withShape(data, out);
}

export function transpose(ctx: NodeContext, data: Value): Value {
  const rank = data.shape.length;
  const perm = ctx.ints('perm') ?? [...Array(rank).keys()].reverse();
  if (perm.length !== rank || [...perm].sort((p, q) => p - q).some((p, k) => p !== k)) {
    throw new ShapeMismatch(`Transpose perm [${perm.join(', ')}] is not a permutation of rank ${rank}`, ctx.location);
  }
  const outShape = perm.map((p) => data.shape[p]);
  const inStrides = strides(data.shape);
  // The input stride of each output axis, then walk the output in order.
  const step = perm.map((p) => inStrides[p]);
  return gatherValue(data, outShape, walk(outShape, step));
}

/** Flat source index for each output element of `shape`, given per-axis source strides. */
function walk(shape: Shape, step: readonly number[]): Int32Array {
  const n = numel(shape);
  const out = new Int32Array(n);
  const counter = new Array<number>(shape.length).fill(0);
  let src = 0;
  for (let e = 0; e < n; e++) {
    out[e] = src;
    for (let k = shape.length - 1; k >= 0; k--) {
      counter[k]++;
      src += step[k];
      if (counter[k] < shape[k]) break;
      src -= step[k] * counter[k];
      counter[k] = 0;
    }
  }
  return out;
}

export function gather(ctx: NodeContext, data: Value, indicesInput: Value | undefined): Value {
  const indices = intList(ctx, indicesInput, 'indices');
  const indicesShape = (indicesInput as ConstValue).shape;
  const rank = data.shape.length;
  const axis = normalizeAxis(ctx.int('axis', 0), rank);
  if (axis === undefined) throw new ShapeMismatch(`Gather axis out of range for ${fmt(data.shape)}`, ctx.location);
  const dim = data.shape[axis];
  const outer = numel(data.shape.slice(0, axis));
  const inner = numel(data.shape.slice(axis + 1));
  checkOutputSize(ctx, data, outer * indices.length * inner);
  const src = new Int32Array(outer * indices.length * inner);
  let e = 0;
  for (let o = 0; o < outer; o++) {
    for (const raw of indices) {
      const i = raw < 0 ? raw + dim : raw;
      if (i < 0 || i >= dim) throw new ShapeMismatch(`Gather index ${raw} is out of range for axis of size ${dim}`, ctx.location);
      for (let q = 0; q < inner; q++) src[e++] = (o * dim + i) * inner + q;
    }
  }
  const outShape = [...data.shape.slice(0, axis), ...indicesShape, ...data.shape.slice(axis + 1)];
  return gatherValue(data, outShape, src);
}

export function shapeOf(ctx: NodeContext, data: Value): ConstValue {
  const rank = data.shape.length;
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const start = clamp(ctx.int('start', 0));
  const end = clamp(ctx.int('end', rank));
  const dims = data.shape.slice(start, Math.max(start, end));
  return constValue([dims.length], Float64Array.from(dims), true);
}

export function concat(ctx: NodeContext, parts: readonly Value[]): Value {
  if (parts.length === 0) throw new InvalidModel('Concat has no inputs', ctx.location);
  const rank = parts[0].shape.length;
  const axis = normalizeAxis(ctx.int('axis', 0), rank);
  if (axis === undefined) throw new ShapeMismatch(`Concat axis out of range for rank ${rank}`, ctx.location);
  for (const p of parts) {
    if (p.shape.length !== rank || p.shape.some((d, k) => k !== axis && d !== parts[0].shape[k])) {
      throw new ShapeMismatch(`Concat of ${parts.map((q) => fmt(q.shape)).join(' and ')} along axis ${axis}`, ctx.location);
    }
  }
  const outShape = [...parts[0].shape];
  outShape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
  const sym = parts.find((p): p is SymValue => p.kind === 'sym');
  const dense = parts.find((p) => p.kind === 'sym' && p.form === 'dense');
  checkOutputSize(ctx, dense ?? sym ?? parts[0], numel(outShape));
  // Stack all parts into one value (constants as zero-coefficient rows), then gather in output order.
  const asSym = parts.map((p) => (sym && p.kind === 'const' ? constAsSym(p, sym.gen, sym.hSize) : p));
  const stacked = stack(asSym);
  const outer = numel(parts[0].shape.slice(0, axis));
  const src = new Int32Array(numel(outShape));
  let e = 0;
  for (let o = 0; o < outer; o++) {
    let base = 0;
    for (const p of parts) {
      const block = numel(p.shape.slice(axis));
      for (let q = 0; q < block; q++) src[e++] = base + o * block + q;
      base += numel(p.shape);
    }
  }
  return gatherValue(stacked, outShape, src);
}

/** Concatenates flat element lists (all constants, or all symbolic over the same h). */
function stack(parts: readonly Value[]): Value {
  const n = parts.reduce((s, p) => s + numel(p.shape), 0);
  const first = parts[0];
  if (first.kind === 'const') {
    const data = new Float64Array(n);
    let at = 0;
    for (const p of parts as ConstValue[]) { data.set(p.data, at); at += p.data.length; }
    return constValue([n], data, parts.every((p) => (p as ConstValue).isInt));
  }
  const syms = parts as SymValue[];
  const offset = new Float64Array(n);
  let at = 0;
  for (const p of syms) { offset.set(p.offset, at); at += p.offset.length; }
  if (syms.every((p) => p.form === 'select')) {
    const idx = new Int32Array(n);
    const scale = new Float64Array(n);
    at = 0;
    for (const p of syms) {
      if (p.form !== 'select') continue;
      idx.set(p.idx, at); scale.set(p.scale, at); at += p.idx.length;
    }
    return { kind: 'sym', form: 'select', shape: [n], gen: first.gen, hSize: first.hSize, idx, scale, offset };
  }
  const h = first.hSize;
  const a = new Float64Array(n * h);
  at = 0;
  for (const p of syms) {
    if (p.form === 'dense') a.set(p.a, at * h);
    else for (let e = 0; e < p.idx.length; e++) if (p.idx[e] >= 0) a[(at + e) * h + p.idx[e]] = p.scale[e];
    at += p.offset.length;
  }
  return { kind: 'sym', form: 'dense', shape: [n], gen: first.gen, hSize: h, a, offset };
}
