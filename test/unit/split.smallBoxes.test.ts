// Small, easy boxes on the split path (issue #4): the vertex-determinant certificate, a box with few unstable
// neurons settled by its own pieces or pair MILPs instead of a grid, and the fold scan (allocation-free det, skipped
// where a certificate rules out any fold). Soundness is checked against brute-force collision searches.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeBounds } from '../../src/engine/bounds';
import { jacobianCertificate, phases, vertexDeterminantsShareSign } from '../../src/engine/split/jacobian';
import { ballBox } from '../../src/engine/queries/box';
import { makeBox } from '../../src/engine/split/box';
import { certifyInjectiveOnBox } from '../../src/engine/split/pairSearch';
import { detAt, detField, nearestFold } from '../../src/engine/split/foldScan';
import { forward } from '../../src/engine/ir/forward';
import type { SplitOptions } from '../../src/engine/split/types';
import { SolverPool } from '../../src/engine/solver';
import { dense, foldNet, mlp, residualNet } from '../helpers/paperCases';
import { gridCollision, randomNet } from '../helpers/splitNets';
import { seededRandom, uniform } from '../helpers/rng';

const pool = new SolverPool({ size: 1 });
after(() => pool.dispose());

const opts = (epsilon = 1e-4): SplitOptions => ({ gridPerDim: 8, maxDepth: 6, maxEnumerate: 9, epsilon, milpTimeLimitSeconds: 20, solver: pool });

/** F(x₁, x₂) = (x₁ + a·relu(x₂), x₂) on x₁ > 0: a shear by a on one side of x₂ = 0, injective for every a. */
function shearNet(a: number): ReturnType<typeof mlp> {
  return mlp(`shear${a}`, [
    dense(2, 3, [1, 0, 0, 1, 0, 1], [0, 1, 0], true), // relu(x₁), relu(x₂ + 1), relu(x₂)
    dense(3, 2, [1, 0, a, 0, 1, 0], [0, -1], false),
  ]);
}

/** F(x₁, x₂) = (x₁, x₂ − 2·relu(x₂)) = (x₁, −|x₂|) for x₂ ≥ 0: a fold along x₂ = 0. */
function foldOnX2(): ReturnType<typeof mlp> {
  return mlp('foldX2', [dense(2, 3, [1, 0, 0, 1, 0, 1], [0, 1, 0], true), dense(3, 2, [1, 0, 0, 0, 1, -2], [0, -1], false)]);
}

/**
 * F = (x₁, x₂ − 0.6·relu(x₂ − 0.1) + 0.6·relu(−x₂ − 0.1)): strictly increasing in x₂, so injective. Both kinks
 * are unstable on a box straddling x₂ = ±0.1, and the pattern with both active (never realised) has det < 0.
 */
function bandNet(): ReturnType<typeof mlp> {
  return mlp('band', [
    dense(2, 4, [1, 0, 0, 1, 0, 1, 0, -1], [0, 1, -0.1, -0.1], true),
    dense(4, 2, [1, 0, 0, 0, 0, 1, -0.6, 0.6], [0, -1], false),
  ]);
}

/** bandNet with a third input carried through (x₃ + 1 > 0 on the boxes used): its leaves are MILPs' (pieces are 2-D only). */
function band3Net(): ReturnType<typeof mlp> {
  return mlp('band3', [
    dense(3, 5, [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1], [0, 1, -0.1, -0.1, 1], true),
    dense(5, 3, [1, 0, 0, 0, 0, 0, 1, -0.6, 0.6, 0, 0, 0, 0, 0, 1], [0, -1, -1], false),
  ]);
}

void test('vertex determinants certify two same-orientation pieces that no single preconditioner makes definite', () => {
  const net = shearNet(10);
  const box = makeBox([1, -0.5], [2, 0.5]);
  const cert = jacobianCertificate(net, computeBounds(net, box, { method: 'crown' }));
  assert.equal(cert.unstable, 1);
  assert.equal(cert.certified, true);
  assert.equal(cert.test, 'vertex-determinant');
  assert.equal(gridCollision(net, 1, 2, 12, 1e-4), false);
});

void test('vertex determinants of opposite sign (a fold) are refused', () => {
  const net = foldOnX2();
  const box = makeBox([1, -0.5], [2, 0.5]);
  assert.equal(vertexDeterminantsShareSign(net, phases(net, computeBounds(net, box, { method: 'crown' }))), false);
  assert.equal(jacobianCertificate(net, computeBounds(net, box, { method: 'crown' })).certified, false);
  const a = forward(net, [1.5, 0.2]), b = forward(net, [1.5, -0.2]);
  assert.ok(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) < 1e-12); // the pair the certificate must not vouch against
});

void test('vertex determinants apply only when the unstable neurons share one layer', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const net = randomNet(seed, [2, 6, 6, 2]);
    const ph = phases(net, computeBounds(net, makeBox([-1, -1], [1, 1]), { method: 'crown' }));
    const layers = ph.filter((p) => p.some((v) => v < 0)).length;
    if (layers > 1) assert.equal(vertexDeterminantsShareSign(net, ph), false, `seed ${seed}`);
  }
});

void test('the vertex-determinant certificate never certifies a random box holding a collision', () => {
  let byVertex = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const net = randomNet(seed, [2, 5, 2]);
    const rand = seededRandom(500 + seed);
    const lo = uniform(rand, -1, 0.5), hi = lo + uniform(rand, 0.2, 0.8);
    const ph = phases(net, computeBounds(net, makeBox([lo, lo], [hi, hi]), { method: 'crown' }));
    if (!vertexDeterminantsShareSign(net, ph)) continue;
    byVertex++;
    assert.equal(gridCollision(net, lo, hi, 10, 1e-5), false, `seed ${seed} certified but a collision exists`);
  }
  assert.ok(byVertex > 0, 'some random boxes should pass the vertex test, or the test checks nothing');
});

void test('a box with few unstable neurons is settled without a grid: by its linear pieces in 2-D, by its pair MILPs in 3-D', async () => {
  // The fold (case 5) across x + y = 0 at a small radius: 2 unstable neurons, a real colliding pair.
  const across = await certifyInjectiveOnBox(foldNet(), ballBox([0.05, -0.02], 0.1), opts());
  assert.equal(across.status, 'collision');
  assert.equal(across.stats.cells, 0);
  // Its pieces include a singular one (their equations leave more than a polygon): the pair MILPs decide.
  assert.ok(across.stats.leafMilps >= 1 && across.stats.leafMilps <= 2, `${across.stats.leafMilps} MILPs`);
  const c = across.collision!;
  assert.ok(c.outputGap < 1e-9 && c.separation >= 0.5e-4);
  // Monotone in x₂ with slopes 1 and 0.4, but the unrealisable pattern (both kinks active) is a fold:
  // the certificate fails, the pieces (their half-planes exclude that pattern) prove it injective.
  const net = bandNet();
  const box = makeBox([1, -0.5], [2, 0.5]);
  assert.equal(jacobianCertificate(net, computeBounds(net, box, { method: 'crown' })).certified, false);
  const clear = await certifyInjectiveOnBox(net, box, opts());
  assert.equal(clear.status, 'injective');
  assert.equal(clear.stats.cells, 0);
  assert.equal(clear.stats.leafMilps, 0);
  assert.ok(clear.stats.pieceLeaves >= 1);
  // The same map with a third input carried through: the pair MILPs settle it.
  const clear3 = await certifyInjectiveOnBox(band3Net(), makeBox([1, -0.5, 0], [2, 0.5, 0.5]), opts());
  assert.equal(clear3.status, 'injective');
  assert.equal(clear3.stats.cells, 0);
  assert.ok(clear3.stats.leafMilps >= 1 && clear3.stats.leafMilps <= 3, `${clear3.stats.leafMilps} MILPs`);
});

void test('above 3 free inputs a small box is left to the grid (the MILP path owns whole-box MILPs there)', async () => {
  // The band map with two extra inputs carried through: 4 inputs, the same 2 unstable neurons.
  const net = mlp('band4', [
    dense(4, 6, [1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], [0, 1, -0.1, -0.1, 1, 1], true),
    dense(6, 4, [1, 0, 0, 0, 0, 0, 0, 1, -0.6, 0.6, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1], [0, -1, -1, -1], false),
  ]);
  const out = await certifyInjectiveOnBox(net, makeBox([1, -0.5, 0, 0], [2, 0.5, 0.5, 0.5]), { ...opts(), gridPerDim: 2 });
  assert.ok(out.stats.cells > 0, 'the 4-input box should have been gridded');
});

void test('a leaf MILP never gets more time than the search budget has left', async () => {
  const limits: number[] = [];
  const recording = { solve: (p: Parameters<SolverPool['solve']>[0], o: Parameters<SolverPool['solve']>[1] = {}) => {
    limits.push(o.timeLimitSeconds ?? Infinity);
    return pool.solve(p, o);
  } };
  await certifyInjectiveOnBox(band3Net(), makeBox([1, -0.5, 0], [2, 0.5, 0.5]), { ...opts(), solver: recording, deadlineSeconds: 3, milpTimeLimitSeconds: 20 });
  assert.ok(limits.length > 0, 'a MILP should have run');
  for (const l of limits) assert.ok(l <= 3, `time limit ${l} s exceeds the 3 s budget`);
});

void test('the allocation-free det field agrees with the Jacobian determinant', () => {
  const rand = seededRandom(77);
  for (const widths of [[2, 8, 6, 2], [3, 7, 5, 3]]) {
    const net = randomNet(9, widths);
    const det = detField(net);
    for (let s = 0; s < 200; s++) {
      const x = Array.from({ length: widths[0] }, () => uniform(rand, -2, 2));
      const want = detAt(net, x);
      assert.ok(Math.abs(det(x) - want) <= 1e-12 * (1 + Math.abs(want)), `${det(x)} vs ${want}`);
    }
  }
});

void test('the fold scan returns nothing where a certificate rules out folds, and still finds a real fold', () => {
  const res = residualNet();
  assert.equal(nearestFold(res, Float64Array.from([2, 3]), ballBox([2, 3], 1), 1, 0.05, 1e-4), null);
  const fold = nearestFold(foldOnX2(), Float64Array.from([1.5, 0.3]), ballBox([1.5, 0.3], 0.45), 0.45, 0.05, 1e-4);
  assert.ok(fold, 'the fold along x₂ = 0 was not found');
  assert.ok(Math.abs(fold.distance - 0.3) < 1e-6, `distance ${fold.distance}`);
  assert.ok(fold.collision && fold.collision.outputGap < 1e-9);
});
