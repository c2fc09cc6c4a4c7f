// The residual of f₂ after the best affine map of f₁: r(x) = f₂(x) − M f₁(x) − c, as one network. Where
// f₁(x) = f₁(y), f₂(x) − f₂(y) = r(x) − r(y), so bounds on r bound the transform query's pairs far tighter than
// f₂'s own bounds when f₂ is close to a function of f₁ (a pruned or fine-tuned copy, or T∘f₁ with T affine).
// r is built as the product network of f₁ and f₂ (both read the same x; hidden layers side by side, the last layer
// combines them), so computeBounds' CROWN back-substitutes through both networks and sums at the input: the shared
// input correlates the two copies, which bounding them separately and subtracting would lose.
import { forward } from '../ir/forward';
import type { DenseLayer, Network } from '../ir/network';
import { leftInverse } from '../split/linalg';
import type { Box, NetworkBounds } from '../bounds/types';
import { grid, center } from '../split/box';

/** Sample cells per dimension for the least-squares fit of M (about 400 points in 2-D). */
const FIT_CELLS_PER_DIM = 20;

/**
 * r = f₂ − M f₁ − c with (M, c) fitted by least squares on the centres of a grid of `box`; null when the two
 * networks do not share their depth (at least two layers) and ReLU layout (each layer of both followed by a ReLU or neither).
 */
export function residualNetwork(f1: Network, f2: Network, box: Box): Network | null {
  const depth = f1.layers.length;
  // Without a hidden layer r is affine in x and a single layer could not read x twice: bounded as f₂ instead.
  if (depth < 2 || f2.layers.length !== depth || f1.inputSize !== f2.inputSize) return null;
  if (f1.layers.some((l, k) => l.relu !== f2.layers[k].relu) || f2.layers[depth - 1].relu) return null;
  const fit = affineFit(f1, f2, box);
  const layers: DenseLayer[] = f1.layers.map((l1, k) => {
    const l2 = f2.layers[k];
    if (k === depth - 1) return lastLayer(l1, l2, fit);
    if (k === 0) return { inSize: l1.inSize, outSize: l1.outSize + l2.outSize, weights: concat(l1.weights, l2.weights), bias: concat(l1.bias, l2.bias), relu: l1.relu };
    return { inSize: l1.inSize + l2.inSize, outSize: l1.outSize + l2.outSize, weights: blockDiagonal(l1, l2), bias: concat(l1.bias, l2.bias), relu: l1.relu };
  });
  return { ...f2, layers, source: `${f2.source} − affine(${f1.source})` };
}

interface AffineFit {
  /** m2 × m1, row-major. */
  readonly m: Float64Array;
  readonly c: Float64Array;
}

/** Least squares of each output of f₂ on (f₁, 1) over grid centres; M = 0, c = 0 when the fit is singular. */
function affineFit(f1: Network, f2: Network, box: Box): AffineFit {
  const m1 = f1.outputSize, m2 = f2.outputSize, q = m1 + 1;
  const points = grid(box, Math.max(2, Math.round(Math.pow(FIT_CELLS_PER_DIM * FIT_CELLS_PER_DIM, 1 / f1.inputSize)))).map(center);
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

/** z = W₂ h₂ + b₂ − M (W₁ h₁ + b₁) − c on the side-by-side hidden layer (h₁, h₂). */
function lastLayer(l1: DenseLayer, l2: DenseLayer, fit: AffineFit): DenseLayer {
  const m1 = l1.outSize, m2 = l2.outSize, in1 = l1.inSize, in2 = l2.inSize;
  const inSize = in1 + in2;
  const weights = new Float64Array(m2 * inSize);
  const bias = new Float64Array(m2);
  for (let k = 0; k < m2; k++) {
    bias[k] = l2.bias[k] - fit.c[k];
    for (let j = 0; j < m1; j++) {
      const mk = fit.m[k * m1 + j];
      if (mk === 0) continue;
      bias[k] -= mk * l1.bias[j];
      for (let i = 0; i < in1; i++) weights[k * inSize + i] -= mk * l1.weights[j * in1 + i];
    }
    for (let i = 0; i < in2; i++) weights[k * inSize + in1 + i] = l2.weights[k * in2 + i];
  }
  return { inSize, outSize: m2, weights, bias, relu: false };
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

/**
 * f₂'s own pre-activation bounds read off the residual network's (its hidden neurons follow f₁'s in every hidden
 * layer, bounded exactly as in f₂ alone); f₂'s last layer has no ReLU, so its entry (unused by the encoders) is
 * left unbounded.
 */
export function secondNetworkBounds(f1: Network, f2: Network, residual: NetworkBounds): NetworkBounds {
  const last = f2.layers.length - 1;
  return f2.layers.map((l, k) => {
    if (k === last) return { lower: new Float64Array(l.outSize).fill(-Infinity), upper: new Float64Array(l.outSize).fill(Infinity) };
    const from = f1.layers[k].outSize;
    return { lower: residual[k].lower.subarray(from, from + l.outSize), upper: residual[k].upper.subarray(from, from + l.outSize) };
  });
}
