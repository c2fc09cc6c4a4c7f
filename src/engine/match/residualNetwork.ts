// The residual of f₂ after the best affine map of f₁: r(x) = f₂(x) − M f₁(x) − c, as one network. Where
// f₁(x) = f₁(y), f₂(x) − f₂(y) = r(x) − r(y), so bounds on r bound the transform query's pairs far tighter than
// f₂'s own bounds when f₂ is close to a function of f₁ (a pruned or fine-tuned copy, or T∘f₁ with T affine).
// r is built as the product network of f₁ and f₂ (both read the same x; hidden layers side by side, the last layer
// combines them), so computeBounds' CROWN back-substitutes through both networks and sums at the input: the shared
// input correlates the two copies, which bounding them separately and subtracting would lose. Hidden layers the two
// networks share to the bit (f₂ = f₁, or f₂ = T∘f₁ by a new last layer) are kept once, so r is exactly affine in
// them. The product also outputs f₁ itself, so one CROWN pass per cell gives everything the search reads.
import { forward } from '../ir/forward';
import type { DenseLayer, Network } from '../ir/network';
import { leftInverse } from '../split/linalg';
import type { Box, LayerBounds, NetworkBounds } from '../bounds/types';
import { computeBounds, outputBox } from '../bounds';
import { center, grid } from '../split/box';

/** Sample cells per dimension for the least-squares fit of M in 2-D (about 400 points in any dimension). */
const FIT_POINTS = 400;

/** What the transform search reads of one cell. */
export interface CellBounds {
  /** f₁'s CROWN output box. */
  readonly f1Out: Box;
  /** The residual's output box (f₂'s own when the networks do not share a layout). */
  readonly rOut: Box;
  readonly f1: NetworkBounds;
  readonly f2: NetworkBounds;
}

/** Per-cell bounds of f₁, f₂ and the residual, cached by cell (the search hands out each cell as one object). */
export class ResidualCells {
  private readonly cache = new WeakMap<Box, CellBounds>();
  private readonly product: Network | null;
  private readonly shared: number;
  computed = 0;

  constructor(readonly f1: Network, readonly f2: Network, box: Box) {
    this.shared = sharedHiddenLayers(f1, f2);
    this.product = productNetwork(f1, f2, box, this.shared);
  }

  /** True when bounds come from the residual (the networks share depth and ReLU layout). */
  get residual(): boolean { return this.product !== null; }

  at(box: Box): CellBounds {
    let v = this.cache.get(box);
    if (!v) {
      v = this.product ? this.fromProduct(this.product, box) : this.separately(box);
      this.cache.set(box, v);
      this.computed++;
    }
    return v;
  }

  private separately(box: Box): CellBounds {
    const f1 = computeBounds(this.f1, box, { method: 'crown' }), f2 = computeBounds(this.f2, box, { method: 'crown' });
    return { f1, f2, f1Out: outputBox(this.f1, f1), rOut: outputBox(this.f2, f2) };
  }

  private fromProduct(product: Network, box: Box): CellBounds {
    const b = computeBounds(product, box, { method: 'crown' });
    const out = outputBox(product, b);
    const m2 = this.f2.outputSize, m1 = this.f1.outputSize;
    const last = b.length - 1;
    const slice = (l: LayerBounds, from: number, size: number): LayerBounds => ({ lower: l.lower.subarray(from, from + size), upper: l.upper.subarray(from, from + size) });
    // Hidden layer k of the product: f₁'s neurons, then f₂'s (none past the shared ones).
    const part = (net: Network, second: boolean): NetworkBounds => net.layers.map((l, k) => {
      if (k === last) return second ? slice(out, 0, m2) : slice(out, m2, m1);
      return slice(b[k], second && k >= this.shared ? this.f1.layers[k].outSize : 0, l.outSize);
    });
    // The last layers have no ReLU (productNetwork requires it): their entries above are not read by the encoders.
    return { f1: part(this.f1, false), f2: part(this.f2, true), f1Out: slice(out, m2, m1), rOut: slice(out, 0, m2) };
  }
}

/** How many leading hidden layers f₁ and f₂ share exactly (weights, biases and ReLU). */
function sharedHiddenLayers(f1: Network, f2: Network): number {
  let k = 0;
  const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
  while (k < f1.layers.length - 1 && k < f2.layers.length - 1) {
    const a = f1.layers[k], b = f2.layers[k];
    if (a.relu !== b.relu || !same(a.weights, b.weights) || !same(a.bias, b.bias)) break;
    k++;
  }
  return k;
}

/**
 * x ↦ (r(x), f₁(x)) with r = f₂ − M f₁ − c, (M, c) fitted by least squares on grid centres of `box`; null when the
 * networks do not share their depth and ReLU layout, end in a ReLU or carry a skip connection. The first `shared`
 * hidden layers are f₁'s alone (f₂'s are the same); the next one reads their output for both networks; later ones
 * sit side by side.
 */
function productNetwork(f1: Network, f2: Network, box: Box, shared: number): Network | null {
  const depth = f1.layers.length;
  if (depth < 2 || f2.layers.length !== depth || f1.inputSize !== f2.inputSize) return null;
  if (f1.layers.some((l, k) => l.relu !== f2.layers[k].relu) || f1.layers[depth - 1].relu) return null;
  // Pass-through neurons (a lowered skip connection) would lose their mask in the stacked layers below.
  if ([...f1.layers, ...f2.layers].some((l) => l.passThrough !== undefined)) return null;
  const fit = affineFit(f1, f2, box);
  const layers: DenseLayer[] = f1.layers.map((l1, k) => {
    const l2 = f2.layers[k];
    if (k === depth - 1) return lastLayer(l1, l2, fit, k <= shared);
    if (k < shared) return l1;
    if (k === shared) return { inSize: l1.inSize, outSize: l1.outSize + l2.outSize, weights: concat(l1.weights, l2.weights), bias: concat(l1.bias, l2.bias), relu: l1.relu };
    return { inSize: l1.inSize + l2.inSize, outSize: l1.outSize + l2.outSize, weights: blockDiagonal(l1, l2), bias: concat(l1.bias, l2.bias), relu: l1.relu };
  });
  return { ...f2, layers, outputSize: f2.outputSize + f1.outputSize, source: `${f2.source} − affine(${f1.source})` };
}

interface AffineFit {
  /** m2 × m1, row-major. */
  readonly m: Float64Array;
  readonly c: Float64Array;
}

/** Least squares of each output of f₂ on (f₁, 1) over grid centres; M = 0, c = 0 when the fit is singular. */
function affineFit(f1: Network, f2: Network, box: Box): AffineFit {
  const m1 = f1.outputSize, m2 = f2.outputSize, q = m1 + 1;
  const points = grid(box, Math.max(2, Math.round(Math.pow(FIT_POINTS, 1 / f1.inputSize)))).map(center);
  const design = new Float64Array(points.length * q);
  const targets = points.map((x, i) => {
    const y = forward(f1, x);
    for (let j = 0; j < m1; j++) design[i * q + j] = y[j];
    design[i * q + m1] = 1;
    return forward(f2, x);
  });
  const pinv = leftInverse(design, points.length, q);
  const m = new Float64Array(m2 * m1), c = new Float64Array(m2);
  if (!pinv) return { m, c };
  for (let k = 0; k < m2; k++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let i = 0; i < points.length; i++) s += pinv[j * points.length + i] * targets[i][k];
      if (j < m1) m[k * m1 + j] = s; else c[k] = s;
    }
  }
  return { m, c };
}

/**
 * Rows (r, f₁): r = W₂ h₂ + b₂ − M (W₁ h₁ + b₁) − c, then f₁ = W₁ h₁ + b₁. On a side-by-side layer the input is
 * (h₁, h₂); when every hidden layer is shared (`single`) h₁ = h₂ is one input.
 */
function lastLayer(l1: DenseLayer, l2: DenseLayer, fit: AffineFit, single: boolean): DenseLayer {
  const m1 = l1.outSize, m2 = l2.outSize, in1 = l1.inSize;
  const inSize = single ? in1 : in1 + l2.inSize;
  const offset2 = single ? 0 : in1;
  const weights = new Float64Array((m2 + m1) * inSize);
  const bias = new Float64Array(m2 + m1);
  for (let k = 0; k < m2; k++) {
    bias[k] = l2.bias[k] - fit.c[k];
    for (let i = 0; i < l2.inSize; i++) weights[k * inSize + offset2 + i] = l2.weights[k * l2.inSize + i];
    for (let j = 0; j < m1; j++) {
      const mk = fit.m[k * m1 + j];
      if (mk === 0) continue;
      bias[k] -= mk * l1.bias[j];
      for (let i = 0; i < in1; i++) weights[k * inSize + i] -= mk * l1.weights[j * in1 + i];
    }
  }
  for (let j = 0; j < m1; j++) {
    bias[m2 + j] = l1.bias[j];
    weights.set(l1.weights.subarray(j * in1, (j + 1) * in1), (m2 + j) * inSize);
  }
  return { inSize, outSize: m2 + m1, weights, bias, relu: false };
}

function blockDiagonal(l1: DenseLayer, l2: DenseLayer): Float64Array {
  const inSize = l1.inSize + l2.inSize;
  const w = new Float64Array((l1.outSize + l2.outSize) * inSize);
  for (let r = 0; r < l1.outSize; r++) w.set(l1.weights.subarray(r * l1.inSize, (r + 1) * l1.inSize), r * inSize);
  for (let r = 0; r < l2.outSize; r++) w.set(l2.weights.subarray(r * l2.inSize, (r + 1) * l2.inSize), (l1.outSize + r) * inSize + l1.inSize);
  return w;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
