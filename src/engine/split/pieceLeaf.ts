// A leaf pair of the split search settled exactly by its linear pieces instead of a MILP (2 free inputs).
// On a box, fixing each unstable neuron on or off gives an affine piece F(x) = J x + b, valid where the neuron's
// pre-activation has that sign (a half-plane, given the earlier layers' pattern). Every x of the box lies in one
// such piece, so a colliding pair x ∈ A, y ∈ C with s·(x_k − y_k) ≥ ε lies in some pair of pieces, where it solves
//   J_P x − J_Q y = b_Q − b_P,   x ∈ A ∩ region P,   y ∈ C ∩ region Q,   s·(x_k − y_k) ≥ ε.
// With 2 inputs the equations leave 2 free coordinates, so each system is a polygon clipped by half-planes: empty
// for every pair of pieces and direction proves the leaf clear. A non-empty one gives a candidate pair, which the
// caller re-checks like a MILP point. Each half-plane is widened by a slack far above float64 rounding, so
// "empty" holds for the real-valued network (a wider polygon only makes a candidate more likely, never a wrong
// proof). The leaf MILPs cost about 0.1 s each in WASM HiGHS; near a fold they were most of a radius search.
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import { feasibleDirections } from './pairMilp';
import type { Direction } from './pairMilp';
import { countUnstable, phases } from './jacobian';

/** Above this many unstable neurons (both boxes together) the pieces are too many: the MILP takes the leaf. */
export const PIECE_MAX_UNSTABLE = 16;

/** Slack of every half-plane, relative to the magnitudes of its terms (cf. SLACK_REL = 1e-9 of the bounds). */
const SLACK = 1e-8;

/** One linear piece of F on a box: F(x) = J x + b where every row of `cuts` holds: cuts[i]·x ≤ limits[i]. */
interface Piece {
  readonly j: Float64Array;
  readonly b: Float64Array;
  readonly cuts: Float64Array[];
  readonly limits: number[];
}

export type PieceVerdict =
  | { readonly kind: 'clear' }
  | { readonly kind: 'candidate'; readonly x: Float64Array; readonly y: Float64Array }
  /** Not decided here (not 2 inputs, too many pieces, or a system too ill-conditioned to trust): use the MILP. */
  | { readonly kind: 'undecided' };

/** Decides the leaf pair (A, C) over all its pieces and the separation directions of ‖x − y‖∞ ≥ ε. */
export function settleByPieces(net: Network, a: Box, boundsA: NetworkBounds, c: Box, boundsC: NetworkBounds,
  epsilon: number, same: boolean): PieceVerdict {
  const undecided = { kind: 'undecided' } as const;
  if (net.inputSize !== 2 || net.outputSize !== 2) return undecided;
  const phA = phases(net, boundsA), phC = same ? phA : phases(net, boundsC);
  if (countUnstable(phA) + (same ? 0 : countUnstable(phC)) > PIECE_MAX_UNSTABLE) return undecided;
  const pa = piecesOf(net, phA, a);
  const pc = same ? pa : piecesOf(net, phC, c);
  const dirs = feasibleDirections(a, c, epsilon, same);
  for (const p of pa) {
    for (const q of pc) {
      for (const dir of dirs) {
        const v = solvePiecePair(p, a, q, c, dir, epsilon);
        if (v.kind !== 'clear') return v;
      }
    }
  }
  return { kind: 'clear' };
}

/**
 * Every pattern of the unstable neurons that some point of the box realises (up to the slack), layer by layer: its
 * affine map and the half-planes where it holds. A pattern whose half-planes miss the box is dropped with all the
 * patterns of later layers below it, so a box crossed by a few kinks has a few pieces, not 2^k.
 */
function piecesOf(net: Network, ph: readonly Int8Array[], box: Box): Piece[] {
  const n = net.inputSize;
  const out: Piece[] = [];
  // h = H x + h0: the current layer input as an affine function of x (start: the identity).
  const walk = (k: number, H: Float64Array, h0: Float64Array, cuts: Float64Array[], limits: number[]): void => {
    const layer = net.layers[k];
    const rows = layer.outSize, cols = layer.inSize;
    const z = new Float64Array(rows * n), z0 = Float64Array.from(layer.bias);
    for (let i = 0; i < rows; i++) {
      for (let p = 0; p < cols; p++) {
        const w = layer.weights[i * cols + p];
        if (w === 0) continue;
        z0[i] += w * h0[p];
        for (let d = 0; d < n; d++) z[i * n + d] += w * H[p * n + d];
      }
    }
    if (k === net.layers.length - 1) { out.push({ j: z, b: z0, cuts, limits }); return; }
    const unstable: number[] = [];
    for (let i = 0; i < rows; i++) if (ph[k][i] < 0) unstable.push(i);
    for (let pattern = 0; pattern < 1 << unstable.length; pattern++) {
      const on = Uint8Array.from(ph[k], (s) => (s === 1 ? 1 : 0));
      const nextCuts = cuts.slice(), nextLimits = limits.slice();
      unstable.forEach((i, bit) => {
        const active = (pattern >> bit) & 1;
        on[i] = active;
        // active: z_i(x) ≥ 0, i.e. −z_i·x ≤ z0_i; inactive: z_i·x ≤ −z0_i.
        const sign = active ? -1 : 1;
        nextCuts.push(Float64Array.from(z.subarray(i * n, (i + 1) * n), (v) => sign * v));
        nextLimits.push(-sign * z0[i]);
      });
      if (unstable.length > 0 && !regionMeetsBox(box, nextCuts, nextLimits)) continue;
      const nextH = Float64Array.from(z, (v, idx) => (on[Math.floor(idx / n)] ? v : 0));
      const nextH0 = Float64Array.from(z0, (v, i) => (on[i] ? v : 0));
      walk(k + 1, nextH, nextH0, nextCuts, nextLimits);
    }
  };
  const identity = new Float64Array(n * n);
  for (let d = 0; d < n; d++) identity[d * n + d] = 1;
  walk(0, identity, new Float64Array(n), [], []);
  return out;
}

/** True when the box, cut by every half-plane cuts[i]·x ≤ limits[i] (each widened by the slack), keeps a point. */
function regionMeetsBox(box: Box, cuts: readonly Float64Array[], limits: readonly number[]): boolean {
  const [l0, l1] = box.lower, [u0, u1] = box.upper;
  const scale = Math.max(Math.abs(l0), Math.abs(u0), Math.abs(l1), Math.abs(u1));
  let poly: Array<[number, number]> = [[l0, l1], [u0, l1], [u0, u1], [l0, u1]];
  for (let i = 0; i < cuts.length && poly.length > 0; i++) {
    const [g0, g1] = cuts[i];
    poly = clip(poly, g0, g1, limits[i] + SLACK * (1 + Math.abs(limits[i]) + (Math.abs(g0) + Math.abs(g1)) * scale));
  }
  return poly.length > 0;
}

/** A half-plane a·v ≤ β over the 4 unknowns v = (x₀, x₁, y₀, y₁). */
interface Cut { readonly a: readonly number[]; readonly beta: number }

function solvePiecePair(p: Piece, a: Box, q: Piece, c: Box, dir: Direction, epsilon: number): PieceVerdict {
  // J_P x − J_Q y = b_Q − b_P, 2 equations in 4 unknowns.
  const eq = [0, 1].map((r) => ({ a: [p.j[2 * r], p.j[2 * r + 1], -q.j[2 * r], -q.j[2 * r + 1]], beta: q.b[r] - p.b[r] }));
  const sub = eliminate(eq);
  if (!sub) return { kind: 'undecided' };
  const cuts: Cut[] = [];
  for (let d = 0; d < 2; d++) {
    cuts.push({ a: unit(d, 1), beta: a.upper[d] }, { a: unit(d, -1), beta: -a.lower[d] });
    cuts.push({ a: unit(2 + d, 1), beta: c.upper[d] }, { a: unit(2 + d, -1), beta: -c.lower[d] });
  }
  p.cuts.forEach((r, i) => cuts.push({ a: [r[0], r[1], 0, 0], beta: p.limits[i] }));
  q.cuts.forEach((r, i) => cuts.push({ a: [0, 0, r[0], r[1]], beta: q.limits[i] }));
  // s·(x_k − y_k) ≥ ε
  const sep = [0, 0, 0, 0];
  sep[dir.dim] = -dir.sign; sep[2 + dir.dim] = dir.sign;
  cuts.push({ a: sep, beta: -epsilon });
  // The free unknowns are coordinates of x or y, so their own box is where the polygon starts.
  const range = (u: number): [number, number] => (u < 2 ? [a.lower[u], a.upper[u]] : [c.lower[u - 2], c.upper[u - 2]]);
  const [f0, f1] = sub.free;
  const [l0, u0] = range(f0), [l1, u1] = range(f1);
  const scale = Math.max(Math.abs(l0), Math.abs(u0), Math.abs(l1), Math.abs(u1));
  let poly: Array<[number, number]> = [[l0, l1], [u0, l1], [u0, u1], [l0, u1]];
  for (const cut of cuts) {
    // v = T f + t: a·v = (a·T) f + a·t.
    let g0 = 0, g1 = 0, shift = 0, mag = Math.abs(cut.beta);
    for (let u = 0; u < 4; u++) {
      const [t0, t1, t] = sub.map[u];
      g0 += cut.a[u] * t0; g1 += cut.a[u] * t1; shift += cut.a[u] * t;
      mag += Math.abs(cut.a[u]) * (Math.abs(t) + (Math.abs(t0) + Math.abs(t1)) * scale);
    }
    poly = clip(poly, g0, g1, cut.beta - shift + SLACK * (1 + mag));
    if (poly.length === 0) return { kind: 'clear' };
  }
  const f = poly.reduce(([s0, s1], [v0, v1]) => [s0 + v0 / poly.length, s1 + v1 / poly.length], [0, 0]);
  const v = sub.map.map(([t0, t1, t]) => t0 * f[0] + t1 * f[1] + t);
  return { kind: 'candidate', x: Float64Array.from([v[0], v[1]]), y: Float64Array.from([v[2], v[3]]) };
}

function unit(u: number, s: number): number[] {
  const a = [0, 0, 0, 0];
  a[u] = s;
  return a;
}

/**
 * Gaussian elimination of 2 equations in 4 unknowns with complete pivoting: each unknown as t0·f0 + t1·f1 + t in the
 * 2 free ones. Null when the equations are (nearly) dependent: the solution set is then not a polygon.
 */
function eliminate(eq: Cut[]): { free: [number, number]; map: Array<[number, number, number]> } | null {
  const m = eq.map((r) => [...r.a, r.beta]);
  const pivots: number[] = [];
  let first = 0;
  for (let r = 0; r < 2; r++) {
    let best = -1, bestRow = r, bestCol = 0;
    for (let i = r; i < 2; i++) for (let j = 0; j < 4; j++) {
      if (pivots.includes(j)) continue;
      if (Math.abs(m[i][j]) > best) { best = Math.abs(m[i][j]); bestRow = i; bestCol = j; }
    }
    if (r === 0) first = best;
    if (!(best > 0) || best < 1e-6 * first) return null;
    [m[r], m[bestRow]] = [m[bestRow], m[r]];
    const piv = m[r][bestCol];
    for (let j = 0; j < 5; j++) m[r][j] /= piv;
    for (let i = 0; i < 2; i++) {
      if (i === r) continue;
      const f = m[i][bestCol];
      for (let j = 0; j < 5; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push(bestCol);
  }
  const free = [0, 1, 2, 3].filter((j) => !pivots.includes(j)) as [number, number];
  const map: Array<[number, number, number]> = [];
  for (let u = 0; u < 4; u++) {
    const fi = free.indexOf(u);
    if (fi >= 0) { map.push(fi === 0 ? [1, 0, 0] : [0, 1, 0]); continue; }
    // Row r of the reduced system: v_u + m[r][free0]·f0 + m[r][free1]·f1 = m[r][4].
    const r = pivots.indexOf(u);
    map.push([-m[r][free[0]], -m[r][free[1]], m[r][4]]);
  }
  return { free, map };
}

/** The convex polygon cut to g0·f0 + g1·f1 ≤ h (Sutherland–Hodgman against one half-plane). */
function clip(poly: ReadonlyArray<[number, number]>, g0: number, g1: number, h: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const val = (p: readonly [number, number]): number => g0 * p[0] + g1 * p[1] - h;
  for (let i = 0; i < poly.length; i++) {
    const cur = poly[i], nxt = poly[(i + 1) % poly.length];
    const vc = val(cur), vn = val(nxt);
    if (vc <= 0) out.push(cur);
    if ((vc < 0 && vn > 0) || (vc > 0 && vn < 0)) {
      const t = vc / (vc - vn);
      out.push([cur[0] + t * (nxt[0] - cur[0]), cur[1] + t * (nxt[1] - cur[1])]);
    }
  }
  return out;
}
