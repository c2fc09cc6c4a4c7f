// Add / Sub / Mul / Div with numpy broadcasting. A symbolic operand combined with a constant stays
// affine and is folded into the layer being built (input normalisation, bias adds, scalings).
import { InvalidModel, ShapeMismatch, UnsupportedOperator } from '../errors';
import { checkAffineSize, checkTensorElements } from './limits';
import type { NodeContext } from './nodeContext';
import { broadcastIndexMap, broadcastShapes, numel } from './shapes';
import type { Shape } from './shapes';
import { constValue } from './values';
import type { ConstValue, SymValue, Value } from './values';

export type BinaryOp = 'Add' | 'Sub' | 'Mul' | 'Div';

export function binaryOp(ctx: NodeContext, op: BinaryOp, a: Value, b: Value): Value {
  const shape = broadcastShapes(a.shape, b.shape);
  if (!shape) {
    throw new ShapeMismatch(`cannot broadcast [${a.shape.join(', ')}] with [${b.shape.join(', ')}]`, ctx.location);
  }
  // Broadcasting can multiply sizes (and copies dense coefficient rows): refuse before allocating.
  checkTensorElements(numel(shape), `the result of ${op}`, ctx.location);
  const sym = a.kind === 'sym' ? a : b.kind === 'sym' ? b : undefined;
  if (sym) checkAffineSize(numel(shape), sym.hSize, `the result of ${op}`, ctx.location);
  const mapA = broadcastIndexMap(shape, a.shape);
  const mapB = broadcastIndexMap(shape, b.shape);
  if (a.kind === 'const' && b.kind === 'const') return constBinary(op, a, mapA, b, mapB, shape);
  if (a.kind === 'sym' && b.kind === 'sym') {
    if (op === 'Mul' || op === 'Div') {
      throw new UnsupportedOperator(`${op} of two input-dependent tensors is not affine, so it cannot be encoded`, ctx.location);
    }
    return addSyms(a, mapA, 1, b, mapB, op === 'Sub' ? -1 : 1, shape);
  }
  const n = numel(shape);
  if (a.kind === 'sym') {
    const c = (b as ConstValue).data;
    const k = new Float64Array(n);
    for (let e = 0; e < n; e++) k[e] = c[mapB[e]];
    switch (op) {
      case 'Add': return scaleShift(a, mapA, shape, null, k);
      case 'Sub': return scaleShift(a, mapA, shape, null, k.map((v) => -v));
      case 'Mul': return scaleShift(a, mapA, shape, k, null);
      case 'Div':
        for (let e = 0; e < n; e++) {
          if (k[e] === 0) throw new InvalidModel(`division by a constant zero (element ${mapB[e]} of the divisor)`, ctx.location);
        }
        return scaleShift(a, mapA, shape, k.map((v) => 1 / v), null);
    }
  }
  const c = a.data;
  const k = new Float64Array(n);
  for (let e = 0; e < n; e++) k[e] = c[mapA[e]];
  const s = b as SymValue;
  switch (op) {
    case 'Add': return scaleShift(s, mapB, shape, null, k);
    case 'Sub': return scaleShift(s, mapB, shape, new Float64Array(n).fill(-1), k);
    case 'Mul': return scaleShift(s, mapB, shape, k, null);
    case 'Div':
      throw new UnsupportedOperator('division by an input-dependent tensor is not affine, so it cannot be encoded', ctx.location);
  }
}

function constBinary(op: BinaryOp, a: ConstValue, mapA: Int32Array, b: ConstValue, mapB: Int32Array, shape: Shape): ConstValue {
  const n = mapA.length;
  const out = new Float64Array(n);
  const isInt = a.isInt && b.isInt;
  for (let e = 0; e < n; e++) {
    const x = a.data[mapA[e]];
    const y = b.data[mapB[e]];
    switch (op) {
      case 'Add': out[e] = x + y; break;
      case 'Sub': out[e] = x - y; break;
      case 'Mul': out[e] = x * y; break;
      // Integer Div truncates (shape arithmetic); float Div is exact IEEE division.
      case 'Div': out[e] = isInt ? Math.trunc(x / y) : x / y; break;
    }
  }
  return constValue(shape, out, isInt);
}

/** out[e] = mul[e] · v[src[e]] + add[e] (mul, add default to 1 and 0). */
export function scaleShift(v: SymValue, src: Int32Array, shape: Shape, mul: Float64Array | null, add: Float64Array | null): SymValue {
  const n = src.length;
  const offset = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const m = mul ? mul[e] : 1;
    offset[e] = m * v.offset[src[e]] + (add ? add[e] : 0);
  }
  // A bias add on the same elements changes only the offsets: share the (never mutated) coefficients.
  if (mul === null && isIdentityMap(src, v.offset.length)) return { ...v, shape, offset };
  if (v.form === 'select') {
    const idx = new Int32Array(n);
    const scale = new Float64Array(n);
    for (let e = 0; e < n; e++) {
      idx[e] = v.idx[src[e]];
      scale[e] = (mul ? mul[e] : 1) * v.scale[src[e]];
    }
    return { ...v, shape, idx, scale, offset };
  }
  const h = v.hSize;
  const a = new Float64Array(n * h);
  for (let e = 0; e < n; e++) {
    const m = mul ? mul[e] : 1;
    const from = src[e] * h;
    const to = e * h;
    for (let j = 0; j < h; j++) a[to + j] = m * v.a[from + j];
  }
  return { ...v, shape, a, offset };
}

/** sa · a[mapA] + sb · b[mapB]: both affine in the same h. Stays in select form when the rows allow. */
function addSyms(a: SymValue, mapA: Int32Array, sa: number, b: SymValue, mapB: Int32Array, sb: number, shape: Shape): SymValue {
  const n = mapA.length;
  const offset = new Float64Array(n);
  for (let e = 0; e < n; e++) offset[e] = sa * a.offset[mapA[e]] + sb * b.offset[mapB[e]];
  if (a.form === 'select' && b.form === 'select') {
    const idx = new Int32Array(n);
    const scale = new Float64Array(n);
    let ok = true;
    for (let e = 0; e < n && ok; e++) {
      const ia = a.idx[mapA[e]];
      const ib = b.idx[mapB[e]];
      if (ia >= 0 && ib >= 0 && ia !== ib) ok = false;
      idx[e] = ia >= 0 ? ia : ib;
      scale[e] = (ia >= 0 ? sa * a.scale[mapA[e]] : 0) + (ib >= 0 ? sb * b.scale[mapB[e]] : 0);
    }
    if (ok) return { ...a, shape, idx, scale, offset };
  }
  const h = a.hSize;
  const out = new Float64Array(n * h);
  addRows(out, a, mapA, sa);
  addRows(out, b, mapB, sb);
  return { kind: 'sym', form: 'dense', shape, gen: a.gen, hSize: h, a: out, offset };
}

function addRows(out: Float64Array, v: SymValue, map: Int32Array, s: number): void {
  const h = v.hSize;
  for (let e = 0; e < map.length; e++) {
    if (v.form === 'select') {
      const i = v.idx[map[e]];
      if (i >= 0) out[e * h + i] += s * v.scale[map[e]];
    } else {
      const from = map[e] * h;
      for (let j = 0; j < h; j++) out[e * h + j] += s * v.a[from + j];
    }
  }
}

function isIdentityMap(src: Int32Array, sourceLength: number): boolean {
  if (src.length !== sourceLength) return false;
  for (let e = 0; e < src.length; e++) if (src[e] !== e) return false;
  return true;
}
