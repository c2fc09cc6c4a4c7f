// Soundness of BL certify above 3 free inputs (issue #13) on 120 seeded random networks of 4 to 6 inputs: plain
// MLPs and residual graphs x ± τ·g(x) read from ONNX. Each box is asked twice: of the input branch and bound itself
// (certifyByInputBranching, so its leaves are under test even where a whole-box certificate would answer first), and
// of the certify query under the default method (null-space pair, whole-box certificate, the budgeted branch
// pre-pass, then the MILPs). Whenever the exact outputs of a dyadic grid over the box collide at ≥ 2ε, neither may
// say injective/certified; every pair either reports must collide and lie in the box.
// Weights are small dyadic numbers and the grid dyadic, so exact collisions on the grid are common.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import type { Network } from '../../src/engine/ir/network';
import type { Box } from '../../src/engine/bounds/types';
import { runCertify } from '../../src/engine/queries/certify';
import { allFree } from '../../src/engine/queries/state';
import { certifyByInputBranching } from '../../src/engine/split/inputBranch';
import { searchPreimageByBranching } from '../../src/engine/split/preimageBranch';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/engine/split/types';
import { SolverPool, defaultPoolSize } from '../../src/engine/solver';
import { parseOnnx } from '../../src/engine/onnx';
import { BOX_SLACK } from '../../src/engine/witness/check';
import { seededRandom } from '../helpers/rng';
import { residualOnnx } from '../helpers/onnxFixtures';
import { dense, mlp } from '../helpers/paperCases';

const pool = new SolverPool({ size: defaultPoolSize() });
void after(() => pool.dispose());

const EPS = 1e-4;
const VALUES = [-2, -1, -0.5, 0.5, 1, 2];

interface Layer { inSize: number; outSize: number; weights: number[]; bias: number[] }

function randomLayers(rand: () => number, widths: readonly number[]): Layer[] {
  const pick = (): number => VALUES[Math.floor(rand() * VALUES.length)];
  return widths.slice(1).map((outSize, k) => ({
    inSize: widths[k], outSize,
    // Sparse rows make neurons that ignore some inputs: F is then flat along them on parts of the box.
    weights: Array.from({ length: outSize * widths[k] }, () => (rand() < 0.35 ? 0 : pick())),
    bias: Array.from({ length: outSize }, () => Math.round((rand() * 2 - 1) * 4) / 4),
  }));
}

function randomNet(rand: () => number, n: number, id: number): Network {
  const widths = [n, n + Math.floor(rand() * 4), ...(rand() < 0.4 ? [2 + Math.floor(rand() * 4)] : []), n];
  const layers = randomLayers(rand, widths);
  return mlp(`hd${id}`, layers.map((l, k) => dense(l.inSize, l.outSize, l.weights, l.bias, k < layers.length - 1)));
}

function randomResidual(rand: () => number, n: number): Network {
  const layers = randomLayers(rand, [n, 2 + Math.floor(rand() * 5), n]);
  // Small steps too, so that many of them are injective on the box and the proofs are under test as well.
  const tau = [0.125, 0.25, 0.5, 1][Math.floor(rand() * 4)];
  return parseOnnx(residualOnnx({ layers, tau, subtract: rand() < 0.5 }), 'random-residual.onnx');
}

function linf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * Two points of the dyadic grid over the box, ≥ 2ε apart, with bit-equal outputs (grouped by their outputs); with
 * `withPoint`, only pairs with that point (PI: the centre, a grid point since the step counts are even).
 */
function gridCollision(net: Network, box: Box, steps: number, withPoint?: Float64Array): boolean {
  const image = withPoint ? Array.from(forward(net, withPoint)).join(',') : null;
  const n = net.inputSize;
  const byImage = new Map<string, Float64Array[]>();
  const idx = new Array<number>(n).fill(0);
  for (;;) {
    const p = Float64Array.from(idx, (k, i) => box.lower[i] + ((box.upper[i] - box.lower[i]) * k) / steps);
    const key = Array.from(forward(net, p)).join(',');
    if (withPoint && key === image && linf(p, withPoint) >= 2 * EPS) return true;
    const seen = byImage.get(key);
    if (!withPoint && seen?.some((q) => linf(p, q) >= 2 * EPS)) return true;
    if (!withPoint) byImage.set(key, [...(seen ?? []), p]);
    let d = 0;
    while (d < n && idx[d] === steps) idx[d++] = 0;
    if (d === n) return false;
    idx[d]++;
  }
}

function assertCollides(net: Network, x: ArrayLike<number>, y: ArrayLike<number>, box: Box, label: string): void {
  const fx = forward(net, x), fy = forward(net, y);
  const scale = 1 + Math.max(...Array.from(fx, Math.abs));
  assert.ok(linf(fx, fy) <= 1e-6 * scale, `${label}: pair outputs differ by ${linf(fx, fy)}`);
  assert.ok(linf(x, y) >= EPS / 2, `${label}: pair only ${linf(x, y)} apart`);
  for (const p of [x, y]) {
    for (let i = 0; i < p.length; i++) {
      // The acceptance rule's slack (BOX_SLACK, witness/check.ts): polishing may step a rounding hair past an edge.
      const slack = BOX_SLACK * (1 + Math.abs(box.lower[i]) + Math.abs(box.upper[i]));
      assert.ok(p[i] >= box.lower[i] - slack && p[i] <= box.upper[i] + slack, `${label}: pair leaves the box in input ${i} (${p[i]} outside [${box.lower[i]}, ${box.upper[i]}])`);
    }
  }
}

interface Tally { preimages: number; piProofs: number; piPairs: number; collisions: number; injective: number; injectiveByLeaves: number; branchPairs: number; certified: number; counterexamples: number }

async function checkOne(net: Network, rand: () => number, id: number, tally: Tally): Promise<void> {
  const n = net.inputSize;
  const center = Float64Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 4) / 4);
  const radius = [0.25, 0.5, 1][Math.floor(rand() * 3)];
  const box: Box = { lower: center.map((c) => c - radius), upper: center.map((c) => c + radius) };
  const label = `${net.source} ${id} (n = ${n}, r = ${radius})`;
  const collides = gridCollision(net, box, n <= 4 ? 8 : n === 5 ? 4 : 2);
  if (collides) tally.collisions++;
  const branch = await certifyByInputBranching(net, box, {
    ...DEFAULT_SPLIT_OPTIONS, gridPerDim: 2, maxDepth: 10, epsilon: EPS, solver: pool, milpTimeLimitSeconds: 5, deadlineSeconds: 5,
  });
  if (collides) assert.notEqual(branch.status, 'injective', `${label}: the branch search proved injective although the grid finds a collision`);
  if (branch.status === 'injective') tally.injective++;
  if (branch.status === 'injective' && branch.stats.leafMilps > 0) tally.injectiveByLeaves++;
  if (branch.status === 'collision') {
    tally.branchPairs++;
    assert.ok(branch.collision, `${label}: collision without a pair`);
    assertCollides(net, branch.collision.x, branch.collision.y, box, `${label} branch`);
  }
  const r = await runCertify({ state: allFree(net), solver: pool, timeLimitSeconds: 5 }, { query: 'bl', center, radius, norm: 'inf', tolerance: EPS });
  if (collides) assert.notEqual(r.status, 'certified', `${label}: certified (${r.stats.method}) although the grid finds a collision`);
  if (r.status === 'certified') tally.certified++;
  if (r.status === 'counterexample') {
    tally.counterexamples++;
    assert.ok(r.witness, `${label}: counterexample without witness`);
    assertCollides(net, r.witness.x, r.witness.y, box, `${label} certify`);
  }
  await checkPreimage(net, center, box, label, tally);
}

/** PI at the centre: the preimage branch and bound, then certify under auto; neither may deny a grid preimage. */
async function checkPreimage(net: Network, center: Float64Array, box: Box, label: string, tally: Tally): Promise<void> {
  const n = net.inputSize;
  const other = gridCollision(net, box, n <= 4 ? 8 : n === 5 ? 4 : 2, center);
  if (other) tally.preimages++;
  const branch = await searchPreimageByBranching(net, center, box, {
    ...DEFAULT_SPLIT_OPTIONS, gridPerDim: 2, maxDepth: 10, epsilon: EPS, solver: pool, milpTimeLimitSeconds: 5, deadlineSeconds: 5,
  });
  if (other) assert.ok(branch.witness || branch.status !== 'complete', `${label} PI: the branch search found no other preimage although the grid has one`);
  if (!branch.witness && branch.status === 'complete') tally.piProofs++;
  if (branch.witness) { tally.piPairs++; assertCollides(net, branch.witness.x, center, box, `${label} PI branch`); }
  const radius = (box.upper[0] - box.lower[0]) / 2;
  const r = await runCertify({ state: allFree(net), solver: pool, timeLimitSeconds: 5 }, { query: 'pi', center, radius, norm: 'inf', tolerance: EPS });
  if (other) assert.notEqual(r.status, 'certified', `${label} PI: certified (${r.stats.method}) although the grid has another preimage`);
  if (r.status === 'counterexample') {
    assert.ok(r.witness, `${label} PI: counterexample without witness`);
    assertCollides(net, r.witness.x, r.witness.y, box, `${label} PI certify`);
  }
}

void test('random 4- to 6-input networks and residual graphs: the input branch and bound, BL and PI certify never contradict a grid collision or preimage, and every pair collides', async () => {
  const rand = seededRandom(20261206);
  const tally: Tally = { preimages: 0, piProofs: 0, piPairs: 0, collisions: 0, injective: 0, injectiveByLeaves: 0, branchPairs: 0, certified: 0, counterexamples: 0 };
  for (let id = 0; id < 120; id++) {
    const n = 4 + (id % 3);
    await checkOne(id % 2 === 1 ? randomResidual(rand, n) : randomNet(rand, n, id), rand, id, tally);
  }
  // The sample must exercise both verdicts of both searches, or the test proves nothing. Seed 20261206: 60 grid
  // collisions, 37-38 proved injective (3-4 of them by leaf MILPs, the rest by the certificate: budgets make the split
  // vary with the load), 82 pairs; PI: 37 grid preimages, 60 proofs, 60 other preimages.
  assert.ok(tally.collisions >= 10, `only ${tally.collisions} grid collisions`);
  assert.ok(tally.injective >= 10, `only ${tally.injective} proved injective by the branch search`);
  assert.ok(tally.injectiveByLeaves >= 1, `only ${tally.injectiveByLeaves} proofs of the branch search closed by leaf MILPs`);
  assert.ok(tally.branchPairs >= 10, `only ${tally.branchPairs} pairs from the branch search`);
  assert.ok(tally.certified >= 10, `only ${tally.certified} certified`);
  assert.ok(tally.preimages >= 5, `only ${tally.preimages} grid preimages`);
  assert.ok(tally.piProofs >= 10, `only ${tally.piProofs} PI proofs of the branch search`);
  assert.ok(tally.piPairs >= 5, `only ${tally.piPairs} other preimages from the branch search`);
  assert.ok(tally.counterexamples >= 10, `only ${tally.counterexamples} counterexamples`);
});
