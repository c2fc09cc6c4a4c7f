// det DF over the plane for a 2 → 2 network, evaluated without allocation through the one reusable forward-mode
// Jacobian evaluator (ir/jacobian.ts). The fold-curve tracer calls this tens of thousands of times.
import { determinant, jacobianEvaluator } from '../ir/jacobian';
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

/**
 * det DF of a square n → n network (n ≥ 3) on the 2-D slice through `through` along free inputs `axes`: the
 * other inputs stay at `through`'s values. Where it changes sign on the slice is where the fold set J₀ crosses it.
 */
export function sliceDetField(net: Network, through: readonly number[], axes: readonly [number, number]): (u: number, v: number) => number {
  const n = net.inputSize;
  if (n !== net.outputSize || n < 3) throw new RangeError(`sliceDetField: needs a square map with 3 or more inputs, got ${n} → ${net.outputSize}`);
  if (through.length !== n) throw new RangeError(`sliceDetField: the point has ${through.length} coordinates, the map has ${n} inputs`);
  const jacobian = jacobianEvaluator(net);
  const point = Float64Array.from(through);
  const [a, b] = axes;
  return (u, v) => {
    point[a] = u;
    point[b] = v;
    return determinant(jacobian(point), n);
  };
}
