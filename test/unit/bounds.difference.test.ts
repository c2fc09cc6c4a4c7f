// Difference bounds of two networks on the same inputs (src/engine/bounds/difference.ts): sound on random pairs (a
// network and its pruned or perturbed copy), and never looser than subtracting the two networks' own CROWN bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeBounds, differenceBounds, outputBox } from '../../src/engine/bounds';
import type { Box } from '../../src/engine/bounds';
import { forward } from '../../src/engine/ir/forward';
import type { Network } from '../../src/engine/ir/network';
import { InvalidArgument } from '../../src/engine/errors';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { parseOnnx } from '../../src/engine/onnx';
import { randomNetwork } from '../helpers/onnxFixtures';
import { seededRandom, uniform } from '../helpers/rng';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const SHAPES = [[2, 8, 2], [2, 16, 16, 2], [3, 12, 12, 3], [5, 10, 10, 10, 4], [4, 20, 1]];

function perturbed(net: Network, rand: () => number, scale: number): Network {
  return { ...net, layers: net.layers.map((l) => ({ ...l, weights: l.weights.map((w) => w + scale * uniform(rand, -1, 1)) })), source: `${net.source}-perturbed` };
}

function randomBox(rand: () => number, n: number): Box {
  const lower = Float64Array.from({ length: n }, () => uniform(rand, -1.5, 0.5));
  return { lower, upper: lower.map((l) => l + uniform(rand, 0.01, 1.5)) };
}

void test('on 120 random pairs (network, pruned or perturbed copy) no sampled difference leaves the difference bounds, which are never looser than f₁ bounds − f₂ bounds', () => {
  const rand = seededRandom(2025);
  for (let c = 0; c < 120; c++) {
    const f1 = randomNetwork(1000 + c, SHAPES[c % SHAPES.length]);
    const f2 = c % 2 === 0 ? pruneByMagnitude(f1, [5, 20, 50][c % 3]) : perturbed(f1, rand, [0.001, 0.05, 0.3][c % 3]);
    const box = randomBox(rand, f1.inputSize);
    const d = differenceBounds(f1, f2, box);
    const o1 = outputBox(f1, computeBounds(f1, box, { method: 'crown' }));
    const o2 = outputBox(f2, computeBounds(f2, box, { method: 'crown' }));
    for (let k = 0; k < f1.outputSize; k++) {
      assert.ok(d.lower[k] <= d.upper[k], `pair ${c}, output ${k}: empty bounds`);
      assert.ok(d.upper[k] <= o1.upper[k] - o2.lower[k] + 1e-9 * (1 + Math.abs(o1.upper[k]) + Math.abs(o2.lower[k])), `pair ${c}, output ${k}: upper ${d.upper[k]} looser than separate bounds`);
      assert.ok(d.lower[k] >= o1.lower[k] - o2.upper[k] - 1e-9 * (1 + Math.abs(o1.lower[k]) + Math.abs(o2.upper[k])), `pair ${c}, output ${k}: lower ${d.lower[k]} looser than separate bounds`);
    }
    for (let s = 0; s < 200; s++) {
      // Corners and interior points: the extremes of a piecewise-linear difference are often at corners.
      const x = box.lower.map((l, j) => (s < 20 ? (rand() < 0.5 ? l : box.upper[j]) : uniform(rand, l, box.upper[j])));
      const a = forward(f1, x), b = forward(f2, x);
      for (let k = 0; k < a.length; k++) {
        const diff = a[k] - b[k];
        assert.ok(diff >= d.lower[k] && diff <= d.upper[k], `pair ${c}, output ${k}: f₁ − f₂ = ${diff} outside [${d.lower[k]}, ${d.upper[k]}]`);
      }
    }
  }
});

void test('on the Brusselator and its 10% pruned copy the difference bounds are at most 5% as wide as f₁ bounds − f₂ bounds', { skip: skipWithoutSharedModels }, () => {
  const path = sharedModel('brusselator_param.onnx');
  const net = parseOnnx(readFileSync(path), path);
  const fixed = new Map([[2, 2.1]]);
  const f1 = fixInputs(net, fixed).net, f2 = fixInputs(pruneByMagnitude(net, 10), fixed).net;
  const box: Box = { lower: Float64Array.of(0, 0), upper: Float64Array.of(3, 4) };
  const d = differenceBounds(f1, f2, box);
  const o1 = outputBox(f1, computeBounds(f1, box, { method: 'crown' }));
  const o2 = outputBox(f2, computeBounds(f2, box, { method: 'crown' }));
  for (let k = 0; k < 2; k++) {
    const separate = o1.upper[k] - o2.lower[k] - (o1.lower[k] - o2.upper[k]);
    // The joint and per-neuron Δ bounds (same architecture) together; the true range of f₁ − f₂ is within ±0.0943.
    assert.ok(d.upper[k] - d.lower[k] <= 0.05 * separate, `output ${k}: width ${d.upper[k] - d.lower[k]} with Δ bounds, separate ${separate}`);
  }
});

void test('difference bounds of two networks with different input or output sizes are refused, naming both shapes', () => {
  const f1 = randomNetwork(1, [2, 4, 2]), f2 = randomNetwork(2, [2, 4, 3]);
  const box: Box = { lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 1) };
  assert.throws(() => differenceBounds(f1, f2, box), (e: unknown) => e instanceof InvalidArgument && /2 → 2 and 2 → 3/.test(e.message));
});
