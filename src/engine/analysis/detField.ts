// det DF over the plane for a 2 → 2 network, evaluated without allocation: one forward pass carrying the value and
// the two input tangents through each layer (forward-mode), with buffers reused across calls. The fold-curve
// tracer calls this tens of thousands of times.
import type { Network } from '../ir/network';

export function planeDetField(net: Network): (x: number, y: number) => number {
  if (net.inputSize !== 2 || net.outputSize !== 2) {
    throw new RangeError(`planeDetField: needs a 2 → 2 map, got ${net.inputSize} → ${net.outputSize}`);
  }
  const width = Math.max(2, ...net.layers.map((l) => l.outSize));
  // Value and two tangents, double-buffered.
  let h = new Float64Array(width), dx = new Float64Array(width), dy = new Float64Array(width);
  let h2 = new Float64Array(width), dx2 = new Float64Array(width), dy2 = new Float64Array(width);
  return (x, y) => {
    h[0] = x; h[1] = y;
    dx[0] = 1; dx[1] = 0;
    dy[0] = 0; dy[1] = 1;
    for (const layer of net.layers) {
      const { inSize, outSize, weights, bias, relu } = layer;
      for (let i = 0; i < outSize; i++) {
        let z = bias[i], a = 0, b = 0;
        const row = i * inSize;
        for (let j = 0; j < inSize; j++) {
          const w = weights[row + j];
          z += w * h[j];
          a += w * dx[j];
          b += w * dy[j];
        }
        // A ReLU at exactly 0 takes the inactive side, as jacobianAt does.
        if (relu && !(z > 0)) { z = 0; a = 0; b = 0; }
        h2[i] = z; dx2[i] = a; dy2[i] = b;
      }
      [h, h2] = [h2, h];
      [dx, dx2] = [dx2, dx];
      [dy, dy2] = [dy2, dy];
    }
    // Columns are ∂F/∂x = dx, ∂F/∂y = dy.
    return dx[0] * dy[1] - dy[0] * dx[1];
  };
}
