// Seeded random networks and a brute-force collision finder for the split-path soundness tests.
import type { Network } from '../../src/engine/ir/network';
import { forward } from '../../src/engine/ir/forward';
import { makeBox } from '../../src/engine/split/box';
import { measure, passesFloat64Rule } from '../../src/engine/split/collision';
import { polishPreimage } from '../../src/engine/witness/polish';
import { dense, mlp } from './paperCases';
import { seededRandom, uniform } from './rng';

export function randomNet(seed: number, widths: number[]): Network {
  const rand = seededRandom(seed);
  const layers = widths.slice(1).map((out, k) => {
    const inn = widths[k];
    const w = Array.from({ length: out * inn }, () => uniform(rand, -1, 1) / Math.sqrt(inn) * 1.5);
    const b = Array.from({ length: out }, () => uniform(rand, -0.5, 0.5));
    return dense(inn, out, w, b, k < widths.length - 2);
  });
  return mlp(`random${seed}`, layers);
}

/** Looks for a colliding pair in the box: grid points as x, Newton for y started from other grid points. */
export function gridCollision(net: Network, lo: number, hi: number, steps: number, eps: number): boolean {
  const box = makeBox([lo, lo], [hi, hi]);
  const pts: Float64Array[] = [];
  for (let i = 0; i <= steps; i++) for (let j = 0; j <= steps; j++) pts.push(Float64Array.from([lo + ((hi - lo) * i) / steps, lo + ((hi - lo) * j) / steps]));
  for (let a = 0; a < pts.length; a += 3) {
    const fx = forward(net, pts[a]);
    for (let b = 0; b < pts.length; b += 7) {
      if (a === b) continue;
      const y = polishPreimage(net, fx, pts[b], box, 12);
      if (passesFloat64Rule(net, measure(net, pts[a], y), box, eps)) return true;
    }
  }
  return false;
}

