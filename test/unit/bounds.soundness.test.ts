// computeBounds by each method (interval, CROWN, LP/OBBT) on seeded random ReLU nets: sampled points never fall
// outside, each method is at least as tight as plain interval arithmetic, and a reference is never loosened.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BOUND_METHODS, computeBounds, neuronStatus } from '../../src/engine/bounds';
import type { BoundMethod, Box, NetworkBounds } from '../../src/engine/bounds';
import { preActivations } from '../../src/engine/ir/forward';
import type { DenseLayer, Network } from '../../src/engine/ir/network';
import { SolverPool } from '../../src/engine/solver';
import { seededRandom, uniform } from '../helpers/rng';

const pool = new SolverPool();
after(() => pool.dispose());

function randomNet(seed: number, widths: readonly number[]): Network {
  const rand = seededRandom(seed);
  const layers: DenseLayer[] = [];
  for (let k = 1; k < widths.length; k++) {
    const inSize = widths[k - 1], outSize = widths[k];
    const scale = 1 / Math.sqrt(inSize);
    layers.push({
      inSize, outSize,
      weights: Float64Array.from({ length: inSize * outSize }, () => uniform(rand, -2, 2) * scale),
      bias: Float64Array.from({ length: outSize }, () => uniform(rand, -1, 1)),
      relu: k < widths.length - 1,
    });
  }
  return {
    layers, inputSize: widths[0], outputSize: widths[widths.length - 1],
    inputs: [{ name: 'x', shape: [widths[0]] }], outputs: [{ name: 'y', shape: [widths[widths.length - 1]] }], source: `random-${seed}`,
  };
}

function randomBox(seed: number, n: number): Box {
  const rand = seededRandom(seed ^ 0x9e3779b9);
  const lower = new Float64Array(n), upper = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const c = uniform(rand, -1, 1), r = uniform(rand, 0.05, 1);
    lower[j] = c - r;
    upper[j] = c + r;
  }
  return { lower, upper };
}

/** Every sampled point's pre-activations lie inside the bounds (corners included: they are extreme points). */
function assertContainsSamples(net: Network, box: Box, bounds: NetworkBounds, seed: number, what: string): void {
  const rand = seededRandom(seed + 17);
  const n = net.inputSize;
  for (let s = 0; s < 400; s++) {
    const x = Float64Array.from({ length: n }, (_, j) => {
      const t = s < 2 ** Math.min(n, 6) ? ((s >> j) & 1) : rand(); // corners first, then uniform points
      return box.lower[j] + t * (box.upper[j] - box.lower[j]);
    });
    preActivations(net, x).forEach((z, k) => {
      for (let i = 0; i < z.length; i++) {
        assert.ok(z[i] >= bounds[k].lower[i] - 1e-9 && z[i] <= bounds[k].upper[i] + 1e-9,
          `${what}: layer ${k} neuron ${i} = ${z[i]} outside [${bounds[k].lower[i]}, ${bounds[k].upper[i]}]`);
      }
    });
  }
}

function assertNotLooser(a: NetworkBounds, b: NetworkBounds, what: string, than = 'interval'): void {
  a.forEach((layer, k) => {
    for (let i = 0; i < layer.lower.length; i++) {
      assert.ok(layer.lower[i] >= b[k].lower[i] - 1e-12 && layer.upper[i] <= b[k].upper[i] + 1e-12, `${what}: layer ${k} neuron ${i} looser than ${than}`);
    }
  });
}

/** computeBounds by `method`, with the solver pool that 'lp' needs. */
async function bounds(net: Network, box: Box, method: BoundMethod, reference?: NetworkBounds): Promise<NetworkBounds> {
  return computeBounds(net, box, { method, pool, ...(reference ? { reference } : {}) });
}

const unstable = (net: Network, b: NetworkBounds): number => neuronStatus(net, b).reduce((s, c) => s + c.unstable, 0);

const CASES: Array<{ seed: number; widths: number[] }> = [
  { seed: 1, widths: [2, 12, 12, 2] },
  { seed: 2, widths: [3, 10, 10, 10, 3] },
  { seed: 3, widths: [2, 16, 8, 2] },
  { seed: 4, widths: [5, 8, 8, 5] },
];

for (const { seed, widths } of CASES) {
  void test(`every bound method's bounds contain every sampled point and are not looser than interval (net ${widths.join('-')}, seed ${seed})`, async () => {
    const net = randomNet(seed, widths);
    const box = randomBox(seed, widths[0]);
    const interval = await bounds(net, box, 'interval');
    for (const method of BOUND_METHODS) {
      const b = await bounds(net, box, method);
      assertContainsSamples(net, box, b, seed, method);
      assertNotLooser(b, interval, method);
      assert.ok(unstable(net, b) <= unstable(net, interval), `${method} leaves no more unstable neurons than interval`);
    }
  });
}

void test('the first layer is exact for every method: an affine image of a box', async () => {
  const net = randomNet(5, [3, 8, 8, 2]);
  const box = randomBox(5, 3);
  const interval = await bounds(net, box, 'interval');
  for (const method of BOUND_METHODS) {
    const first = (await bounds(net, box, method))[0];
    assert.deepEqual([Array.from(first.lower), Array.from(first.upper)], [Array.from(interval[0].lower), Array.from(interval[0].upper)], method);
  }
});

void test('LP tightening strictly reduces the unstable neurons of a deeper random net', async () => {
  const net = randomNet(11, [2, 24, 24, 24, 2]);
  const box: Box = { lower: Float64Array.of(-0.5, -0.5), upper: Float64Array.of(0.5, 0.5) };
  const lp = await bounds(net, box, 'lp');
  assert.ok(unstable(net, lp) < unstable(net, await bounds(net, box, 'interval')));
});

void test("methods 'interval' and 'crown' answer at once, without a solver, as the split cells need", () => {
  const net = randomNet(6, [2, 6, 2]);
  const box = randomBox(6, 2);
  for (const method of ['interval', 'crown'] as const) {
    const b = computeBounds(net, box, { method });
    assert.ok(!(b instanceof Promise), method);
    assert.equal(b.length, 2);
  }
});

void test("method 'lp' without a solver pool is refused with InvalidArgument", async () => {
  const net = randomNet(6, [2, 6, 2]);
  await assert.rejects(async () => computeBounds(net, randomBox(6, 2), { method: 'lp' }), { code: 'InvalidArgument' });
});

void test('CROWN intersected with known tighter bounds keeps them', () => {
  const net = randomNet(7, [2, 6, 6, 2]);
  const box = randomBox(7, 2);
  const base = computeBounds(net, box, { method: 'crown' });
  const known = base.map((l) => ({ lower: l.lower.map((v, i) => (v + l.upper[i]) / 2 - 1e-3), upper: l.upper.slice() }));
  const again = computeBounds(net, box, { method: 'crown', reference: [base[0], known[1], base[2]] });
  for (let i = 0; i < known[1].lower.length; i++) assert.ok(again[1].lower[i] >= known[1].lower[i]);
});

for (const { seed, widths } of CASES) {
  void test(`with a parent cell's bounds as reference every method stays inside them and contains the cell's samples (net ${widths.join('-')}, seed ${seed})`, async () => {
    const net = randomNet(seed, widths);
    const parent = randomBox(seed, widths[0]);
    // The lower-left quarter (in every dimension) of the parent: a cell input splitting would bound next.
    const cell: Box = { lower: parent.lower.slice(), upper: parent.lower.map((l, j) => (l + parent.upper[j]) / 2) };
    for (const refMethod of BOUND_METHODS) {
      const reference = await bounds(net, parent, refMethod);
      for (const method of BOUND_METHODS) {
        const b = await bounds(net, cell, method, reference);
        const what = `${method} on the cell with ${refMethod} of the parent`;
        assertNotLooser(b, reference, what, 'its reference');
        assertNotLooser(b, await bounds(net, cell, method), what, 'the same method without reference');
        assertContainsSamples(net, cell, b, seed, what);
      }
    }
  });
}

void test('a box of the wrong dimension is refused with InvalidDomain by every method', async () => {
  const net = randomNet(8, [3, 4, 2]);
  const box = { lower: new Float64Array(2), upper: new Float64Array(2) };
  for (const method of BOUND_METHODS) await assert.rejects(async () => bounds(net, box, method), { code: 'InvalidDomain' }, method);
});

void test('reference bounds that do not fit the network are refused with InvalidArgument', async () => {
  const net = randomNet(8, [3, 4, 2]);
  const box = randomBox(8, 3);
  const good = await bounds(net, box, 'interval');
  for (const reference of [good.slice(0, 1), [good[0], { lower: new Float64Array(3), upper: new Float64Array(3) }]]) {
    for (const method of BOUND_METHODS) await assert.rejects(async () => bounds(net, box, method, reference), { code: 'InvalidArgument' }, method);
  }
});

void test('an aborted signal stops LP tightening with Cancelled', async () => {
  const net = randomNet(9, [2, 10, 10, 2]);
  const c = new AbortController();
  c.abort();
  await assert.rejects(computeBounds(net, randomBox(9, 2), { method: 'lp', pool, signal: c.signal }), { code: 'Cancelled' });
});

void test('aborting LP tightening of a large net mid-way rejects with Cancelled and the pool keeps working', async () => {
  const net = randomNet(10, [8, 150, 150, 150, 2]);
  const box: Box = { lower: new Float64Array(8).fill(-1), upper: new Float64Array(8).fill(1) };
  const c = new AbortController();
  const timer = setTimeout(() => c.abort(), 200);
  try {
    await assert.rejects(computeBounds(net, box, { method: 'lp', pool, signal: c.signal }), { code: 'Cancelled' });
  } finally {
    clearTimeout(timer);
  }
  const small = randomNet(1, [2, 12, 12, 2]);
  const b = await bounds(small, randomBox(1, 2), 'lp');
  assert.equal(b.length, 3);
});

