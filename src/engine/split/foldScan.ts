// Finds the fold nearest to a centre: the closest grid point (L∞ shells around c) where det DF has the other
// sign, refined by bisection on the segment, then turned into an explicit colliding pair straddling it.
// This is only a cheap upper-bound guess for the BL radius: every pair it returns is verified by a forward
// pass, and the lower end of the radius is always proved separately by the split certificate.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { ballBox } from '../queries/box';
import { containsPoint, maxWidth } from './box';
import { FoldFreeCells } from './foldFreeCells';
import type { Collision } from './collision';
import { infDistance, measure, passesFloat64Rule } from './collision';
import { polishPreimage } from '../witness/polish';
import { determinant, jacobianAt, jacobianEvaluator } from '../ir/jacobian';
import { computeBounds } from '../bounds';
import { jacobianCertificate } from './jacobian';
import { forward } from '../ir/forward';

export interface FoldGuess {
  /** A point on the fold (to bisection precision) and its L∞ distance from the centre. */
  readonly point: Float64Array;
  readonly distance: number;
  /** A verified colliding pair near the fold, when one could be built. */
  readonly collision: Collision | null;
  /** det DF evaluations the scan and its refinement took (its cost, which machine load does not change). */
  readonly determinants: number;
}

/**
 * Shells scanned at the starting step before it doubles; after that the step doubles every half as many shells, so
 * the lattice stays about this many steps across at every distance (about 4,000 points per doubling of the distance
 * in 2-D, 4,000 in 3-D at 8 shells). The resolution is relative to how far the fold lies, not to the cap: a search
 * cap of 1 (a box around the centre) no longer makes the lattice ten times finer, and the scan a hundred times
 * longer, than a cap of 10 with the fold at the same place (the sweep's radii at P1 in [0,3]×[0,4]).
 */
export function shellsBeforeDoubling(n: number): number {
  return Math.max(2, Math.round(Math.pow(4096, 1 / Math.max(1, n)) / 2));
}

export function detAt(net: Network, x: ArrayLike<number>): number {
  if (net.outputSize !== net.inputSize) return Number.NaN;
  return determinant(jacobianAt(net, x), net.inputSize);
}

/**
 * detAt without allocation (the scan calls it thousands of times), through one reused jacobianEvaluator.
 * Same convention as jacobianAt: a ReLU at exactly 0 is inactive.
 */
export function detField(net: Network): (x: ArrayLike<number>) => number {
  const n = net.inputSize;
  if (net.outputSize !== n) return () => Number.NaN;
  const jacobian = jacobianEvaluator(net);
  const jac = new Float64Array(n * n);
  return (x) => {
    jac.set(jacobian(x)); // the LU above n = 3 works in place: keep the evaluator's buffers intact
    return determinant(jac, n);
  };
}

/** Visits the lattice points c + (ρ/k)·i with max |i| = k (the L∞ sphere of radius ρ); stops when visit returns false. */
function forEachShellPoint(c: Float64Array, rho: number, k: number, visit: (p: Float64Array) => boolean): void {
  const n = c.length;
  const idx = new Int32Array(n).fill(-k);
  const p = new Float64Array(n);
  for (;;) {
    let onShell = false;
    for (let d = 0; d < n; d++) if (Math.abs(idx[d]) === k) onShell = true;
    if (onShell) {
      for (let d = 0; d < n; d++) p[d] = c[d] + (idx[d] / k) * rho;
      if (!visit(p)) return;
    }
    let d = n - 1;
    while (d >= 0 && ++idx[d] > k) { idx[d] = -k; d--; }
    if (d < 0) return;
  }
}

/**
 * Fraction t ∈ (0, 1] along c → far where det DF's sign (`sign`) first leaves s0 (bisection; far has the other sign), as the
 * bracket [a, b] after `iterations` halvings of `from`. Stops early, returning null, once `hopeless(a)` says the
 * crossing cannot lie near enough to matter.
 */
function crossing(sign: (x: ArrayLike<number>) => number, c: Float64Array, far: Float64Array, s0: number, iterations: number): [number, number];
function crossing(sign: (x: ArrayLike<number>) => number, c: Float64Array, far: Float64Array, s0: number, iterations: number,
  from: readonly [number, number], hopeless: (a: number) => boolean): [number, number] | null;
function crossing(sign: (x: ArrayLike<number>) => number, c: Float64Array, far: Float64Array, s0: number, iterations: number,
  from: readonly [number, number] = [0, 1], hopeless: (a: number) => boolean = () => false): [number, number] | null {
  let [a, b] = from;
  const q = new Float64Array(c.length);
  for (let it = 0; it < iterations; it++) {
    const m = 0.5 * (a + b);
    for (let i = 0; i < c.length; i++) q[i] = c[i] + m * (far[i] - c[i]);
    if (sign(q) === s0) a = m; else b = m;
    if (hopeless(a)) return null;
  }
  return [a, b];
}

/** Lattice points the scan evaluates one by one before it consults fold-free cells. */
const CELLS_AFTER_POINTS = 4096;

/**
 * Scans L∞ shells of spacing h around c up to `cap` (inside `domain`) for the first point whose det sign
 * differs from det(c)'s, then refines on finer shells (about `fine` apart, within a point budget) to the
 * nearest fold crossing. Returns null when none is found (or the map is not square).
 * `known`: fold-free cells shared with other scans of the same network (a study's, studies/studyReuse.ts). A
 * cell's proved sign is det DF's sign at each of its points, so consulting it from the first point on changes which
 * points are evaluated, never the sign the scan sees: the fold found is the one found without it.
 */
export function nearestFold(net: Network, c: Float64Array, domain: Box, cap: number, h: number, epsilon: number,
  fine = h, refineRounds = 2, known?: FoldFreeCells): FoldGuess | null {
  const n = net.inputSize;
  if (net.outputSize !== n) return null;
  const field = detField(net);
  let determinants = 0;
  const det = (x: ArrayLike<number>): number => { determinants++; return field(x); };
  const sign = (x: ArrayLike<number>): number => {
    const s = known ? known.provedSign(x) : 0;
    return s !== 0 ? s : Math.sign(det(x));
  };
  const s0 = Math.sign(det(c));
  if (s0 === 0) return { point: Float64Array.from(c), distance: 0, collision: kernelPair(net, c, domain, epsilon), determinants };
  // A Jacobian certificate on the scanned region rules out any sign change of det DF there (every piece's
  // Jacobian has the certified orientation), so the whole scan can be skipped.
  const scanned = intersect(ballBox(c, cap), domain);
  if (jacobianCertificate(net, computeBounds(net, scanned, { method: 'crown' })).certified) return null;
  // Past the first few thousand points (a fold near c is usually met by then), cells of the scanned box proved
  // fold-free answer for their points without a Jacobian (foldFreeCells.ts).
  let evaluated = 0;
  let cells: FoldFreeCells | null = null;
  const other = (p: Float64Array): boolean => {
    if (!containsPoint(domain, p)) return false;
    if (++evaluated > CELLS_AFTER_POINTS) {
      cells ??= new FoldFreeCells(net, scanned, maxWidth(scanned) / h, det);
      const s = cells.provedSign(p);
      if (s !== 0) return s !== s0;
    }
    return sign(p) !== s0;
  };
  let far: Float64Array | null = null;
  const scanShell = (rho: number, k: number): void => {
    forEachShellPoint(c, rho, k, (p) => { if (other(p)) { far = Float64Array.from(p); return false; } return true; });
  };
  // Shells k·step (k subdivisions, so points `step` apart) out to K·h, then the step doubles every K/2 shells.
  const K = shellsBeforeDoubling(n);
  let step = h;
  let reached = 0;
  for (let k = 1; !far; k++) {
    if (k > K) { k = Math.floor(K / 2) + 1; step *= 2; }
    const rho = k * step;
    if (rho > cap) break;
    scanShell(rho, k);
    reached = rho;
  }
  // The outermost shell sits exactly on the cap, so a fold just inside the box is not skipped.
  if (!far && cap > 0 && reached < cap) scanShell(cap, Math.max(1, Math.ceil(cap / step)));
  if (!far) return null;
  let best = far as Float64Array;
  let bestT = crossing(sign, c, best, s0, 40);
  let dist = bestT[1] * infDistance(best, c);
  // Finer shells at the current distance: rays through other-sign points may cross the fold sooner.
  // Coarse bisection (10 steps) on every ray first; a ray is bisected on (to 40 steps in all) only while its
  // crossing may still beat the best by more than `fine` / 16 (at P1 the refinement gains 1.6e-4 = 0.64 · fine,
  // which sets the pair the radius ends on): a fold running along the shell (a side of the L∞ ball, as at the
  // sweep's pruned Brusselator copies) would otherwise send hundreds of rays, all crossing at the same distance,
  // through 30 more halvings each.
  const budget = 4e3;
  for (let round = 0; round < refineRounds; round++) {
    const rho = dist;
    const kMax = Math.max(1, Math.floor(Math.pow(budget / (2 * n), 1 / Math.max(1, n - 1)) / 2));
    const k = Math.max(1, Math.min(kMax, Math.ceil(rho / fine)));
    const candidates: Array<[Float64Array, [number, number]]> = [];
    forEachShellPoint(c, rho * (1 + 1e-9), k, (p) => {
      if (other(p)) { const far = Float64Array.from(p); candidates.push([far, crossing(sign, c, far, s0, 10)]); }
      return true;
    });
    let improved = false;
    for (const [p, coarse] of candidates) {
      const len = infDistance(p, c);
      const hopeless = (a: number): boolean => a * len >= dist - fine / 16;
      if (hopeless(coarse[0])) continue;
      const t = crossing(sign, c, p, s0, 30, coarse, hopeless);
      if (!t) continue;
      const d = t[1] * len;
      if (d < dist - 1e-12) { dist = d; best = p; bestT = t; improved = true; }
    }
    if (!improved) break;
  }
  return { ...refine(net, c, best, bestT, domain, epsilon), determinants };
}

function intersect(a: Box, b: Box): Box {
  return { lower: a.lower.map((v, i) => Math.max(v, b.lower[i])), upper: a.upper.map((v, i) => Math.min(v, b.upper[i])) };
}

/** Builds a verified collision across the fold crossing found on the segment c → far. */
function refine(net: Network, c: Float64Array, far: Float64Array, ab: [number, number], domain: Box, epsilon: number): Omit<FoldGuess, 'determinants'> {
  const n = c.length;
  const [a, b] = ab;
  const at = (t: number): Float64Array => Float64Array.from({ length: n }, (_, i) => c[i] + t * (far[i] - c[i]));
  const point = at(0.5 * (a + b));
  const len = infDistance(far, c);
  let collision: Collision | null = null;
  for (const mult of [1, 2, 4, 8, 16, 64]) {
    const delta = (mult * epsilon) / len;
    const x = at(a - delta);
    const y0 = at(b + delta);
    if (!containsPoint(domain, x) || !containsPoint(domain, y0)) break;
    const y = polishPreimage(net, forward(net, x), y0, domain);
    const cand = measure(net, x, y);
    if (passesFloat64Rule(net, cand, domain, epsilon)) { collision = cand; break; }
    // The far side may be a singular piece (det = 0): two points along its kernel collide.
    const k = kernelPair(net, y0, domain, epsilon);
    if (k) { collision = k; break; }
  }
  return { point, distance: infDistance(point, c), collision };
}

/**
 * When the piece at q is singular (rank-deficient Jacobian), q and q ± s·v for a kernel vector v share an
 * image as long as both stay in the piece; tried for a few small steps s ≥ ε and verified by forward passes.
 */
export function kernelPair(net: Network, q: Float64Array, domain: Box, epsilon: number): Collision | null {
  const n = net.inputSize, m = net.outputSize;
  if (n > 3) return null;
  const j = jacobianAt(net, q);
  const row = (i: number): number[] => Array.from({ length: n }, (_, c) => j[i * n + c]);
  const rows = Array.from({ length: m }, (_, i) => row(i)).sort((a, b) => norm(b) - norm(a));
  let v: number[];
  if (n === 1) v = [1];
  else if (n === 2) v = [-rows[0][1], rows[0][0]];
  else v = cross(rows[0], rows[1]);
  const scale = Math.max(...v.map(Math.abs));
  if (!(scale > 0)) return null;
  v = v.map((x) => x / scale);
  for (const mult of [1.5, 4, 16]) {
    for (const sign of [1, -1]) {
      const y = Float64Array.from(q, (x, i) => x + sign * mult * epsilon * v[i]);
      if (!containsPoint(domain, y)) continue;
      const cand = measure(net, Float64Array.from(q), y);
      if (passesFloat64Rule(net, cand, domain, epsilon) && cand.outputGap <= 1e-9 * (1 + norm(Array.from(cand.fx)))) return cand;
    }
  }
  return null;
}

function norm(v: readonly number[]): number {
  return Math.max(0, ...v.map(Math.abs));
}

function cross(a: readonly number[], b: readonly number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
