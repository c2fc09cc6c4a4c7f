// Colliding pairs read off the Jacobian's null space, before any bound or MILP. On one linear piece F(p) = A p + a,
// so a v with A v = 0 gives F(p + t v) = F(p − t v) for every t that keeps both points on that piece. A map with
// more free inputs than outputs always has such a v (784 → 10 MNIST: a pair in milliseconds instead of one MILP
// per input); a square map has one where its Jacobian is singular. The pair is re-checked like every witness.
import type { Box } from '../bounds/types';
import { fixInputs } from '../ir/fixInputs';
import { preActivations } from '../ir/forward';
import { jacobianAt, nullVector } from '../ir/jacobian';
import { hasRelu } from '../ir/network';
import type { Network } from '../ir/network';
import type { PairCheckOptions, PairVerdict } from '../witness/check';
import { verifyPair } from '../witness/check';
import { seededRandom } from '../seededRandom';

export interface NullSpaceRequest {
  readonly query: 'bl' | 'pi';
  readonly center: Float64Array;
  /** Re-check options: the domain box (and ball), the norm and the separation floor. */
  readonly check: PairCheckOptions;
  /** True once the query's budget is spent: no further point is tried (each re-check costs a polish pass). */
  readonly overBudget: () => boolean;
}

type VerifiedPair = Extract<PairVerdict, { ok: true }>;

/** Base points tried for BL besides the centre (PI must keep the centre): kinks at c do not stop the search. */
const SAMPLED_POINTS = 4;
/** Fraction of the distance to the nearest kink the step may use: both points stay clearly inside the piece. */
const KINK_MARGIN = 0.5;

/**
 * A verified pair (BL) or a verified other preimage of F(c) (PI) from the null space, or null. Tries the centre,
 * then (BL) a few sampled points, where the first has a kink or (square maps) a regular Jacobian.
 */
export async function nullSpacePair(req: NullSpaceRequest): Promise<VerifiedPair | null> {
  const net = req.check.state.net;
  const random = seededRandom(0x5eed);
  const points = req.query === 'pi' ? [req.center] : [req.center, ...samplePoints(req.check.box, req.center, random)];
  for (const p of points) {
    if (req.overBudget()) return null;
    const v = nullDirection(net, p, random);
    if (!v) continue;
    const signs = req.query === 'pi' ? [1] : [1, -1];
    let t = Math.min(KINK_MARGIN * kinkRoom(net, p, v, signs), boxRoom(req.check.box, p, v, signs));
    if (!(t > 0) || !Number.isFinite(t)) continue;
    const at = (s: number): Float64Array => p.map((pi, i) => pi + s * t * v[i]);
    const inDomain = req.check.inDomain;
    for (let halvings = 0; inDomain && halvings < 60 && !(inDomain(at(1)) && (req.query === 'pi' || inDomain(at(-1)))); halvings++) t /= 2;
    const verdict = req.query === 'pi'
      ? await verifyPair(req.check, at(1), null, req.center)
      : await verifyPair(req.check, at(1), at(-1), null);
    if (verdict.ok) return verdict;
  }
  return null;
}

/**
 * A null vector of the Jacobian at p. Wide maps: only m + 1 input columns are differentiated (the others are
 * folded into the first bias), which is enough for a null vector and costs (m + 1)/n of the full Jacobian.
 */
function nullDirection(net: Network, p: Float64Array, random: () => number): Float64Array | null {
  const n = net.inputSize, m = net.outputSize;
  if (n <= m) return nullVector(jacobianAt(net, p), m, n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
  const cols = order.slice(0, m + 1).sort((a, b) => a - b);
  const keep = new Set(cols);
  const fixed = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!keep.has(i)) fixed.set(i, p[i]);
  const sub = fixInputs(net, fixed).net;
  const w = nullVector(jacobianAt(sub, cols.map((i) => p[i])), m, cols.length);
  if (!w) return null;
  const v = new Float64Array(n);
  cols.forEach((col, k) => { v[col] = w[k]; });
  return v;
}

/**
 * Largest t such that every ReLU keeps the side it has at p on p + σ t v (σ in `signs`): z + σ t ż stays > 0
 * for an active neuron and ≤ 0 for an inactive one (z = 0 counts as inactive, as in jacobianAt).
 */
function kinkRoom(net: Network, p: Float64Array, v: Float64Array, signs: readonly number[]): number {
  const pre = preActivations(net, p);
  let dh: Float64Array = v;
  let room = Infinity;
  net.layers.forEach((layer, k) => {
    const z = pre[k];
    const dz = new Float64Array(layer.outSize);
    for (let i = 0; i < layer.outSize; i++) {
      let s = 0;
      const row = i * layer.inSize;
      for (let j = 0; j < layer.inSize; j++) s += layer.weights[row + j] * dh[j];
      dz[i] = s;
      if (!hasRelu(layer, i) || s === 0) continue;
      for (const sign of signs) {
        const toward = sign * s; // rate at which z moves
        if (z[i] > 0 && toward < 0) room = Math.min(room, z[i] / -toward);
        if (z[i] <= 0 && toward > 0) room = Math.min(room, -z[i] / toward);
      }
    }
    dh = layer.relu ? dz.map((s, i) => (z[i] > 0 || !hasRelu(layer, i) ? s : 0)) : dz;
  });
  return room;
}

/** Largest t keeping p + σ t v inside the box for every σ in `signs`. */
function boxRoom(box: Box, p: Float64Array, v: Float64Array, signs: readonly number[]): number {
  let room = Infinity;
  for (let i = 0; i < p.length; i++) {
    for (const sign of signs) {
      const step = sign * v[i];
      if (step > 0) room = Math.min(room, (box.upper[i] - p[i]) / step);
      if (step < 0) room = Math.min(room, (box.lower[i] - p[i]) / step);
    }
  }
  return room;
}

/** Points halfway between the centre and random points of the box. */
function samplePoints(box: Box, center: Float64Array, random: () => number): Float64Array[] {
  return Array.from({ length: SAMPLED_POINTS }, () =>
    center.map((c, i) => 0.5 * c + 0.5 * (box.lower[i] + random() * (box.upper[i] - box.lower[i]))));
}
