// Orbits and 1-D graphs of a network map, for the results panel.
import { forward } from '../ir/forward';
import type { Network } from '../ir/network';

/** x₀, F(x₀), F(F(x₀)), ... for a square map; stops early when the orbit leaves a huge box or turns non-finite. */
export function orbit(net: Network, start: readonly number[], steps: number, escape = 1e6): number[][] {
  if (net.inputSize !== net.outputSize) {
    throw new RangeError(`orbit: F maps ${net.inputSize} inputs to ${net.outputSize} outputs; iterating needs a square map`);
  }
  const points: number[][] = [[...start]];
  let x: Float64Array = Float64Array.from(start);
  for (let k = 0; k < steps; k++) {
    x = forward(net, x);
    if (x.some((v) => !Number.isFinite(v) || Math.abs(v) > escape)) break;
    points.push([...x]);
  }
  return points;
}

/** F sampled at `count` evenly spaced points of [a, b] for a 1-input map: xs, and outputs[k][i] = F(xs[i])_k. */
export function sampleGraph(net: Network, interval: readonly [number, number], count: number): { xs: number[]; outputs: number[][] } {
  if (net.inputSize !== 1) throw new RangeError(`sampleGraph: F has ${net.inputSize} inputs; a graph needs 1`);
  const [a, b] = interval;
  const m = Math.max(2, Math.floor(count));
  const xs: number[] = [];
  const outputs: number[][] = Array.from({ length: net.outputSize }, () => []);
  for (let i = 0; i < m; i++) {
    const x = a + ((b - a) * i) / (m - 1);
    xs.push(x);
    const y = forward(net, [x]);
    for (let k = 0; k < y.length; k++) outputs[k].push(y[k]);
  }
  return { xs, outputs };
}
