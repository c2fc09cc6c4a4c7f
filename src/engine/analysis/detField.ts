// det DF over the plane for a 2 → 2 network, evaluated without allocation through the one reusable forward-mode
// Jacobian evaluator (ir/jacobian.ts). The fold-curve tracer calls this tens of thousands of times.
import { jacobianEvaluator } from '../ir/jacobian';
import type { Network } from '../ir/network';

export function planeDetField(net: Network): (x: number, y: number) => number {
  if (net.inputSize !== 2 || net.outputSize !== 2) {
    throw new RangeError(`planeDetField: needs a 2 → 2 map, got ${net.inputSize} → ${net.outputSize}`);
  }
  const jacobian = jacobianEvaluator(net);
  const point = new Float64Array(2);
  return (x, y) => {
    point[0] = x;
    point[1] = y;
    const j = jacobian(point);
    return j[0] * j[3] - j[1] * j[2];
  };
}
