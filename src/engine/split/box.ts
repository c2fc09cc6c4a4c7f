// Axis-aligned boxes in the free-input space: hulls, halving, separations and grids.
import type { Box } from '../bounds/types';

export function makeBox(lower: ArrayLike<number>, upper: ArrayLike<number>): Box {
  return { lower: Float64Array.from(lower), upper: Float64Array.from(upper) };
}

/** The smallest box containing both. */
export function hull(a: Box, b: Box): Box {
  const n = a.lower.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lower[i] = Math.min(a.lower[i], b.lower[i]);
    upper[i] = Math.max(a.upper[i], b.upper[i]);
  }
  return { lower, upper };
}

export function pointBox(p: ArrayLike<number>): Box {
  return makeBox(p, p);
}

export function widestDim(b: Box): number {
  let best = 0;
  for (let i = 1; i < b.lower.length; i++) {
    if (b.upper[i] - b.lower[i] > b.upper[best] - b.lower[best]) best = i;
  }
  return best;
}

export function maxWidth(b: Box): number {
  let w = 0;
  for (let i = 0; i < b.lower.length; i++) w = Math.max(w, b.upper[i] - b.lower[i]);
  return w;
}

/** Halves the box along its widest dimension. */
export function halve(b: Box): [Box, Box] {
  return halveAlong(b, widestDim(b));
}

/** Halves the box along input d. */
export function halveAlong(b: Box, d: number): [Box, Box] {
  const mid = 0.5 * (b.lower[d] + b.upper[d]);
  const leftUpper = Float64Array.from(b.upper);
  leftUpper[d] = mid;
  const rightLower = Float64Array.from(b.lower);
  rightLower[d] = mid;
  return [{ lower: b.lower, upper: leftUpper }, { lower: rightLower, upper: b.upper }];
}

/** max over x ∈ a, y ∈ b of ‖x − y‖∞. */
export function maxSeparation(a: Box, b: Box): number {
  let s = 0;
  for (let i = 0; i < a.lower.length; i++) {
    s = Math.max(s, a.upper[i] - b.lower[i], b.upper[i] - a.lower[i]);
  }
  return s;
}

/** min over x ∈ box of ‖x − c‖∞ (0 when c is inside). */
export function minDistanceTo(b: Box, c: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < b.lower.length; i++) d = Math.max(d, b.lower[i] - c[i], c[i] - b.upper[i]);
  return d;
}

/** max over x ∈ box of ‖x − c‖∞. */
export function maxDistanceTo(b: Box, c: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < b.lower.length; i++) d = Math.max(d, Math.abs(b.lower[i] - c[i]), Math.abs(b.upper[i] - c[i]));
  return d;
}

/** True when the two boxes (e.g. output enclosures) share no point. */
export function disjoint(a: Box, b: Box): boolean {
  for (let i = 0; i < a.lower.length; i++) {
    if (a.upper[i] < b.lower[i] || b.upper[i] < a.lower[i]) return true;
  }
  return false;
}

export function containsPoint(b: Box, p: ArrayLike<number>): boolean {
  for (let i = 0; i < b.lower.length; i++) if (p[i] < b.lower[i] || p[i] > b.upper[i]) return false;
  return true;
}

export function center(b: Box): Float64Array {
  return b.lower.map((l, i) => 0.5 * (l + b.upper[i]));
}

/** Splits the box into perDim^n equal cells (row-major over dimensions). */
export function grid(b: Box, perDim: number): Box[] {
  return cellsFromEdges(Array.from(b.lower, (lo, i) => {
    const w = (b.upper[i] - lo) / perDim;
    return Array.from({ length: perDim + 1 }, (_, k) => (k === perDim ? b.upper[i] : lo + k * w));
  }));
}

/** The cells between consecutive edges, per dimension (row-major over dimensions); edges ascend. */
export function cellsFromEdges(edges: ReadonlyArray<readonly number[]>): Box[] {
  const n = edges.length;
  const cells: Box[] = [];
  const idx = new Array<number>(n).fill(0);
  for (;;) {
    cells.push({ lower: Float64Array.from(idx, (k, i) => edges[i][k]), upper: Float64Array.from(idx, (k, i) => edges[i][k + 1]) });
    let k = n - 1;
    while (k >= 0 && ++idx[k] === edges[k].length - 1) { idx[k] = 0; k--; }
    if (k < 0) return cells;
  }
}
