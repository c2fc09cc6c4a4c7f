// Values flowing through the graph during normalisation. A value is either a constant tensor, or
// an affine function of h, the input of the dense layer being built ("symbolic"):
//   element e = offset[e] + scale[e] · h[idx[e]]   (select form: cheap for inputs, reshapes, normalisers)
//   element e = offset[e] + Σ_j a[e·hSize + j] · h[j]   (dense form: after MatMul / Gemm)
// `gen` counts the ReLUs applied before h: mixing generations means the graph is not a chain.
// Values are immutable once built: operations share arrays between values instead of copying.
import type { ErrorLocation } from '../errors';
import { checkAffineSize } from './limits';
import { numel } from './shapes';
import type { Shape } from './shapes';

export interface ConstValue {
  readonly kind: 'const';
  readonly shape: Shape;
  readonly data: Float64Array;
  /** Integer-typed (shape tensors, indices). */
  readonly isInt: boolean;
  /** Initializer or constant name, for error messages. */
  readonly name?: string;
}

interface SymBase {
  readonly kind: 'sym';
  readonly shape: Shape;
  readonly gen: number;
  readonly hSize: number;
  readonly offset: Float64Array;
}
export interface SelectSym extends SymBase {
  readonly form: 'select';
  /** Index into h, or -1 where the element is the constant offset alone. */
  readonly idx: Int32Array;
  readonly scale: Float64Array;
}
export interface DenseSym extends SymBase {
  readonly form: 'dense';
  /** Row-major numel(shape) × hSize. */
  readonly a: Float64Array;
}
export type SymValue = SelectSym | DenseSym;
export type Value = ConstValue | SymValue;

export function constValue(shape: Shape, data: Float64Array, isInt = false, name?: string): ConstValue {
  return { kind: 'const', shape, data, isInt, ...(name !== undefined ? { name } : {}) };
}

/** h[start .. start + numel(shape)) viewed with the given shape. */
export function identitySym(shape: Shape, gen: number, hSize: number, start = 0): SelectSym {
  const n = numel(shape);
  const idx = new Int32Array(n);
  for (let e = 0; e < n; e++) idx[e] = start + e;
  return { kind: 'sym', form: 'select', shape, gen, hSize, idx, scale: new Float64Array(n).fill(1), offset: new Float64Array(n) };
}

/** A constant seen as an affine function of h (all coefficients zero). */
export function constAsSym(c: ConstValue, gen: number, hSize: number): SelectSym {
  const n = c.data.length;
  return {
    kind: 'sym', form: 'select', shape: c.shape, gen, hSize,
    idx: new Int32Array(n).fill(-1), scale: new Float64Array(n), offset: Float64Array.from(c.data),
  };
}

/** The coefficient matrix of a symbolic value, row-major numel × hSize. */
export function denseCoefficients(v: SymValue, location: ErrorLocation): Float64Array {
  if (v.form === 'dense') return v.a;
  const n = v.idx.length;
  checkAffineSize(n, v.hSize, 'an affine map', location);
  const a = new Float64Array(n * v.hSize);
  for (let e = 0; e < n; e++) if (v.idx[e] >= 0) a[e * v.hSize + v.idx[e]] = v.scale[e];
  return a;
}

/** Rearranges elements: output element e is input element src[e] (reshape, transpose, broadcast, gather). */
export function gatherValue(v: Value, shape: Shape, src: Int32Array): Value {
  const n = src.length;
  if (v.kind === 'const') {
    const data = new Float64Array(n);
    for (let e = 0; e < n; e++) data[e] = v.data[src[e]];
    return constValue(shape, data, v.isInt);
  }
  const offset = new Float64Array(n);
  for (let e = 0; e < n; e++) offset[e] = v.offset[src[e]];
  if (v.form === 'select') {
    const idx = new Int32Array(n);
    const scale = new Float64Array(n);
    for (let e = 0; e < n; e++) {
      idx[e] = v.idx[src[e]];
      scale[e] = v.scale[src[e]];
    }
    return { ...v, shape, idx, scale, offset };
  }
  const h = v.hSize;
  const a = new Float64Array(n * h);
  for (let e = 0; e < n; e++) a.set(v.a.subarray(src[e] * h, src[e] * h + h), e * h);
  return { ...v, shape, a, offset };
}

/** Same elements, new shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity): no copy. */
export function withShape(v: Value, shape: Shape): Value {
  return { ...v, shape };
}

/** Whether v is exactly h (every element e is h[e], unscaled, no offset). */
export function isIdentityOfH(v: SymValue): boolean {
  if (v.form !== 'select' || v.idx.length !== v.hSize) return false;
  for (let e = 0; e < v.idx.length; e++) if (v.idx[e] !== e || v.scale[e] !== 1 || v.offset[e] !== 0) return false;
  return true;
}

export function allFinite(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

/** First non-finite entry's index, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}
