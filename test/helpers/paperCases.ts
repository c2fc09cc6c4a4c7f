// The small networks of paper.md cases 1-8, built as IR (the tests also round-trip them through writeOnnx).
import type { DenseLayer, Network } from '../../src/engine/ir/network';

export function dense(inSize: number, outSize: number, w: number[], b: number[], relu: boolean): DenseLayer {
  return { inSize, outSize, weights: Float64Array.from(w), bias: Float64Array.from(b), relu };
}

export function mlp(name: string, layers: DenseLayer[]): Network {
  const inputSize = layers[0].inSize;
  const outputSize = layers[layers.length - 1].outSize;
  return {
    layers, inputSize, outputSize, source: name,
    inputs: [{ name: 'input', shape: [1, inputSize] }],
    outputs: [{ name: 'output', shape: [1, outputSize] }],
  };
}

/** Case 1: |x| = relu(x) + relu(−x). */
export const absNet = (): Network => mlp('abs', [dense(1, 2, [1, -1], [0, 0], true), dense(2, 1, [1, 1], [0], false)]);
/** Case 2: tent 1 − relu(2x − 1) − relu(1 − 2x). */
export const tentNet = (): Network => mlp('tent', [dense(1, 2, [2, -2], [-1, 1], true), dense(2, 1, [-1, -1], [1], false)]);
/** Case 3: forward Euler x − hc·relu(x) (identity carried as relu(x) − relu(−x)). */
export const eulerNet = (hc: number): Network =>
  mlp(`euler${hc}`, [dense(1, 2, [1, -1], [0, 0], true), dense(2, 1, [1 - hc, -1], [0], false)]);
/** Case 4: zigzag relu(x) − 2relu(x − 1) + 2relu(x − 2). */
export const zigzagNet = (): Network =>
  mlp('zigzag', [dense(1, 3, [1, 1, 1], [0, -1, -2], true), dense(3, 1, [1, -2, 2], [0], false)]);
/** Case 5: reflection fold (|x + y|, x − y). */
export const foldNet = (): Network =>
  mlp('fold', [dense(2, 4, [1, 1, -1, -1, 1, -1, -1, 1], [0, 0, 0, 0], true), dense(4, 2, [1, 1, 0, 0, 0, 0, 1, -1], [0, 0], false)]);
/** Case 6: singular (x + y, x + y). */
export const singularNet = (): Network =>
  mlp('singular', [dense(2, 2, [1, 1, -1, -1], [0, 0], true), dense(2, 2, [1, -1, 1, -1], [0, 0], false)]);
/** Case 7: invertible residual x + W₂ relu(W₁x + b₁) + b₂, with ‖W₁‖₂‖W₂‖₂ < 1 (identity through ±relu). */
export const residualNet = (): Network => {
  const W1 = [0.5, -0.3, 0.2, 0.4, -0.4, 0.1]; // 3 × 2
  const b1 = [0.1, -0.2, 0.05];
  const W2 = [0.4, -0.2, 0.3, 0.1, 0.3, -0.2]; // 2 × 3
  // Hidden: [relu(x), relu(−x), relu(W1 x + b1)] (7 neurons), output x + W2 relu(...) + b2.
  const w = [1, 0, 0, 1, -1, 0, 0, -1, ...W1];
  const out = [
    1, 0, -1, 0, W2[0], W2[1], W2[2],
    0, 1, 0, -1, W2[3], W2[4], W2[5],
  ];
  return mlp('residual', [dense(2, 7, w, [0, 0, 0, 0, ...b1], true), dense(7, 2, out, [0.05, -0.1], false)]);
};
/** Case 8: f₂ = 2|x| + 1 and pruned relu(x). */
export const absPlusNet = (): Network => mlp('abs2p1', [dense(1, 2, [1, -1], [0, 0], true), dense(2, 1, [2, 2], [1], false)]);
export const reluNet = (): Network => mlp('relu', [dense(1, 2, [1, -1], [0, 0], true), dense(2, 1, [1, 0], [0], false)]);
