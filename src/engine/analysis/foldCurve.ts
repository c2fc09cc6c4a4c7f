// The fold curve J₀ of a 2-input map: where det DF changes sign, traced by marching squares over a grid.
// A ReLU network's Jacobian is piecewise constant, so det DF jumps instead of passing through zero: linear
// interpolation of det values along a cell edge would place the crossing anywhere. Instead each sign-changing edge
// is bisected on the sign itself, which converges to the activation boundary where the jump happens.
import { throwIfAborted } from '../errors';

export type Point2 = [number, number];

export interface FoldCurveOptions {
  /** Yield to the event loop after this many evaluations of det (async tracer only). Default 2000. */
  readonly yieldEvery?: number;
  /** [[xmin, xmax], [ymin, ymax]]. */
  readonly domain: readonly [readonly [number, number], readonly [number, number]];
  /** Grid cells per axis. */
  readonly resolution: number;
  /** Bisection steps per crossing edge (each halves the location error). Default 16. */
  readonly refineSteps?: number;
  readonly signal?: AbortSignal;
}

export interface FoldCurve {
  /** Polylines in input space; a closed loop repeats its first point at the end. */
  readonly polylines: Point2[][];
  readonly resolution: number;
  /** How many grid vertices had det > 0, < 0 and = 0 (a singular piece). */
  readonly counts: { readonly positive: number; readonly negative: number; readonly zero: number };
}

/** det DF at a point, or any function whose sign change marks the curve. */
export type DetField = (x: number, y: number) => number;

/** The class a vertex belongs to: a sign change of det means crossing J₀; det = 0 counts with the negative side. */
const inside = (d: number): boolean => d > 0;

/** The tracer, yielding to the event loop every `yieldEvery` evaluations so a server stays responsive. */
export async function traceFoldCurveAsync(det: DetField, opts: FoldCurveOptions): Promise<FoldCurve> {
  const every = Math.max(1, opts.yieldEvery ?? 2000);
  let calls = 0;
  // Count evaluations; the synchronous core runs in slices between awaits (see traceCore).
  const counted: DetField = (x, y) => {
    calls++;
    return det(x, y);
  };
  const gen = traceCore(counted, opts);
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
    if (calls >= every) {
      calls = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

export function traceFoldCurve(det: DetField, opts: FoldCurveOptions): FoldCurve {
  const gen = traceCore(det, opts);
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

/** The tracer as a generator that pauses after each grid row and each cell row, so callers choose how to run it. */
function* traceCore(det: DetField, opts: FoldCurveOptions): Generator<void, FoldCurve> {
  const n = Math.max(2, Math.floor(opts.resolution));
  const steps = opts.refineSteps ?? 16;
  const [[x0, x1], [y0, y1]] = opts.domain;
  if (!(x1 > x0) || !(y1 > y0)) throw new RangeError('traceFoldCurve: the domain must have positive width on both axes');
  const hx = (x1 - x0) / n;
  const hy = (y1 - y0) / n;
  const vx = (i: number): number => (i === n ? x1 : x0 + i * hx);
  const vy = (j: number): number => (j === n ? y1 : y0 + j * hy);

  // Vertex classes, row-major (j * (n + 1) + i).
  const cls = new Uint8Array((n + 1) * (n + 1));
  let positive = 0, negative = 0, zero = 0;
  for (let j = 0; j <= n; j++) {
    if ((j & 15) === 0) throwIfAborted(opts.signal);
    for (let i = 0; i <= n; i++) {
      const d = det(vx(i), vy(j));
      if (d > 0) positive++;
      else if (d < 0) negative++;
      else zero++;
      cls[j * (n + 1) + i] = inside(d) ? 1 : 0;
    }
    yield;
  }
  const at = (i: number, j: number): number => cls[j * (n + 1) + i];

  // Crossing point on an edge, memoised by edge id so neighbouring cells share the exact same point.
  const crossings = new Map<number, Point2>();
  const horizontalId = (i: number, j: number): number => 2 * (j * (n + 1) + i);
  const verticalId = (i: number, j: number): number => 2 * (j * (n + 1) + i) + 1;
  const bisect = (ax: number, ay: number, bx: number, by: number, aInside: boolean): Point2 => {
    let lo = 0, hi = 1;
    for (let k = 0; k < steps; k++) {
      const mid = (lo + hi) / 2;
      if (inside(det(ax + (bx - ax) * mid, ay + (by - ay) * mid)) === aInside) lo = mid;
      else hi = mid;
    }
    const t = (lo + hi) / 2;
    return [ax + (bx - ax) * t, ay + (by - ay) * t];
  };
  const edgePoint = (id: number): Point2 => {
    let p = crossings.get(id);
    if (!p) {
      const v = id >> 1;
      const i = v % (n + 1);
      const j = (v - i) / (n + 1);
      p = id & 1
        ? bisect(vx(i), vy(j), vx(i), vy(j + 1), at(i, j) === 1)
        : bisect(vx(i), vy(j), vx(i + 1), vy(j), at(i, j) === 1);
      crossings.set(id, p);
    }
    return p;
  };

  // Segments as pairs of edge ids.
  const segments: Array<[number, number]> = [];
  let rowStart = 0;
  for (let j = 0; j < n; j++) {
    if ((j & 15) === 0) throwIfAborted(opts.signal);
    for (let i = 0; i < n; i++) {
      const a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
      const sum = a + b + c + d;
      if (sum === 0 || sum === 4) continue;
      const bottom = horizontalId(i, j), right = verticalId(i + 1, j), top = horizontalId(i, j + 1), left = verticalId(i, j);
      const edges: number[] = [];
      if (a !== b) edges.push(bottom);
      if (b !== c) edges.push(right);
      if (c !== d) edges.push(top);
      if (d !== a) edges.push(left);
      if (edges.length === 2) {
        segments.push([edges[0], edges[1]]);
      } else {
        // Saddle: the centre's class decides which corners connect.
        const centreInside = inside(det(vx(i) + hx / 2, vy(j) + hy / 2)) ? 1 : 0;
        if (centreInside === a) {
          // Corners a and c are joined through the centre: cut off b and d.
          segments.push([bottom, right], [top, left]);
        } else {
          segments.push([left, bottom], [right, top]);
        }
      }
    }
    // Materialise this row's crossings now (bisection is where most det calls go), then pause.
    for (let k = rowStart; k < segments.length; k++) {
      edgePoint(segments[k][0]);
      edgePoint(segments[k][1]);
    }
    rowStart = segments.length;
    yield;
  }
  return { polylines: joinSegments(segments, edgePoint), resolution: n, counts: { positive, negative, zero } };
}

/** Chains segments that share an edge point into polylines. */
function joinSegments(segments: Array<[number, number]>, point: (id: number) => Point2): Point2[][] {
  const byEdge = new Map<number, number[]>();
  segments.forEach(([a, b], k) => {
    for (const e of [a, b]) {
      const list = byEdge.get(e);
      if (list) list.push(k);
      else byEdge.set(e, [k]);
    }
  });
  const used = new Uint8Array(segments.length);
  const walk = (startEdge: number, firstSeg: number): number[] => {
    const chain = [startEdge];
    let seg = firstSeg;
    let edge = startEdge;
    while (seg >= 0 && !used[seg]) {
      used[seg] = 1;
      const [a, b] = segments[seg];
      edge = a === edge ? b : a;
      chain.push(edge);
      seg = (byEdge.get(edge) ?? []).find((s) => !used[s]) ?? -1;
    }
    return chain;
  };
  const polylines: Point2[][] = [];
  // Open chains first (start at an edge used by one segment: the domain boundary), then closed loops.
  for (const [edge, segs] of byEdge) {
    if (segs.length === 1 && !used[segs[0]]) polylines.push(walk(edge, segs[0]).map(point));
  }
  for (let k = 0; k < segments.length; k++) {
    if (!used[k]) polylines.push(walk(segments[k][0], k).map(point));
  }
  return polylines;
}
