// Shape arithmetic: element counts, row-major strides and numpy broadcasting, as flat index maps.

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function strides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    s[k] = acc;
    acc *= shape[k];
  }
  return s;
}

/** numpy multidirectional broadcast of two shapes, or undefined when they are incompatible. */
export function broadcastShapes(a: Shape, b: Shape): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let k = 0; k < rank; k++) {
    const da = a[a.length - rank + k] ?? 1;
    const db = b[b.length - rank + k] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out[k] = da === 1 ? db : da;
  }
  return out;
}

/** For every flat index of `outShape`, the flat index of the element of `inShape` broadcast onto it. */
export function broadcastIndexMap(outShape: Shape, inShape: Shape): Int32Array {
  const n = numel(outShape);
  const map = new Int32Array(n);
  const rank = outShape.length;
  const inStrides = strides(inShape);
  // Stride of each output axis in the input (0 where the input is broadcast along it).
  const step = new Array<number>(rank);
  for (let k = 0; k < rank; k++) {
    const ik = k - (rank - inShape.length);
    step[k] = ik >= 0 && inShape[ik] !== 1 ? inStrides[ik] : 0;
  }
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let e = 0; e < n; e++) {
    map[e] = src;
    for (let k = rank - 1; k >= 0; k--) {
      counter[k]++;
      src += step[k];
      if (counter[k] < outShape[k]) break;
      src -= step[k] * counter[k];
      counter[k] = 0;
    }
  }
  return map;
}

/** Normalises a possibly negative axis for a tensor of the given rank, or returns undefined if out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return a >= 0 && a < rank ? a : undefined;
}
