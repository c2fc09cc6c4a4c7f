// The BL radius search keeps its cells across certifications (radiusFrame.ts): a pair proved clear at one radius is
// not screened again at a smaller one, the reused search brackets the radius as a fresh one does, and its upper end
// is the reach of a pair that passed the full acceptance rule.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { certifyInjectiveOnBox } from '../../src/engine/split/pairSearch';
import { RadiusFrame } from '../../src/engine/split/radiusFrame';
import { blRadius } from '../../src/engine/split/blRadius';
import { splitPairAcceptor } from '../../src/engine/split/lowDimQuery';
import { infDistance } from '../../src/engine/split/collision';
import { allFree } from '../../src/engine/queries/state';
import { ballBox } from '../../src/engine/queries/box';
import { verifyPair } from '../../src/engine/witness/check';
import { loadOnnxModel } from '../../src/engine/onnx';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import type { Network } from '../../src/engine/ir/network';
import type { SplitOptions } from '../../src/engine/split/types';
import { SolverPool } from '../../src/engine/solver';
import { SplitWorkerPool } from '../../src/engine/split/parallelPool';
import { randomNet } from '../helpers/splitNets';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const pool = new SolverPool({ size: 1 });
const splitWorkers = new SplitWorkerPool();
after(async () => { await pool.dispose(); await splitWorkers.dispose(); });

const opts = (gridPerDim = 8): SplitOptions => ({ gridPerDim, maxDepth: 6, maxEnumerate: 9, epsilon: 1e-4, milpTimeLimitSeconds: 20, solver: pool });

// A 2-12-12-2 network whose BL radius at c is about 0.578: balls up to 0.45 are proved by its grid of cells.
const c = Float64Array.of(0.1, -0.2);
const net = randomNet(3, [2, 12, 12, 2]);

void test('a cell pair proved clear at one radius is not screened again at a smaller radius of the same search', async () => {
  const frame = new RadiusFrame(c, 0.4, 0.45, 8);
  const first = await certifyInjectiveOnBox(net, ballBox(c, 0.4), opts(), undefined, frame.at(0.4));
  assert.equal(first.status, 'injective');
  assert.ok(first.stats.pairsScreened > 0);
  frame.record(0.4, first);
  const smaller = await certifyInjectiveOnBox(net, ballBox(c, 0.39), opts(), undefined, frame.at(0.39));
  assert.equal(smaller.status, 'injective');
  assert.equal(smaller.stats.pairsScreened, 0, 'every pair was settled at r = 0.4');
  assert.equal(smaller.stats.pairsReused, first.stats.pairsScreened);
});

void test('a radius past a proved one screens only the pairs touching the rim, and proves what a fresh grid proves', async () => {
  const frame = new RadiusFrame(c, 0.4, 0.45, 8);
  const first = await certifyInjectiveOnBox(net, ballBox(c, 0.4), opts(), undefined, frame.at(0.4));
  frame.record(0.4, first);
  const past = await certifyInjectiveOnBox(net, ballBox(c, 0.45), opts(), undefined, frame.at(0.45));
  const fresh = await certifyInjectiveOnBox(net, ballBox(c, 0.45), opts());
  assert.equal(past.status, 'injective');
  assert.equal(fresh.status, 'injective');
  // The 8 × 8 core's pairs were all settled at 0.4; only pairs with one of the 36 rim cells are screened.
  assert.equal(past.stats.pairsReused, (64 * 65) / 2);
  assert.equal(past.stats.pairsScreened, 36 * 64 + (36 * 37) / 2);
});

async function brusselator(): Promise<Network> {
  return fixInputs(await loadOnnxModel(sharedModel('brusselator_param.onnx')), new Map([[2, 2.1]])).net;
}

// (1.125, 0.5): the fold scan finds the fold but no pair across it, so the upper end comes from a certification.
// (1.875, 0.5) and P1: the fold pair gives the upper end at once.
for (const centre of [[1.125, 0.5], [1.875, 0.5], [1.96433, 1.24951]]) {
  void test(`Brusselator BL radius at (${centre.join(', ')}): the reused search brackets it as a fresh one, its upper end a verified pair's reach`, { skip: skipWithoutSharedModels }, async () => {
    const net = await brusselator();
    const c = Float64Array.from(centre);
    const domain = ballBox(c, 10);
    const accept = splitPairAcceptor(allFree(net), domain, 1e-4, null);
    const o = { ...opts(16), workers: 2 };
    const reused = await blRadius(net, c, domain, 1e-3, o, { accept, pool: splitWorkers });
    const fresh = await blRadius(net, c, domain, 1e-3, o, { accept, pool: splitWorkers, freshCells: true });
    for (const out of [reused, fresh]) {
      assert.ok(out.resolved && out.witness, `[${out.lower}, ${out.upper}] ${out.reason ?? ''}`);
      assert.ok(out.upper - out.lower <= 1e-3);
    }
    assert.ok(reused.lower <= fresh.upper && fresh.lower <= reused.upper, `[${reused.lower}, ${reused.upper}] vs [${fresh.lower}, ${fresh.upper}]`);
    const w = reused.witness!;
    assert.equal(reused.upper, Math.max(infDistance(w.x, c), infDistance(w.y, c)));
    const again = await verifyPair({ state: allFree(net), box: domain, norm: 'inf', minSeparation: 0.5e-4 }, Float64Array.from(w.x), Float64Array.from(w.y), null);
    assert.ok(again.ok, again.ok ? '' : again.reason);
    assert.ok(reused.stats.pairsReused > 0 || reused.certifications === 1, 'a search of several certifications reused pairs');
  });
}
