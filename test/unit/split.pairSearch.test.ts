// The split search end to end on the paper's small cases and on random networks: a box with a real
// colliding pair is never certified, and every reported collision is a real one.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { certifyInjectiveOnBox } from '../../src/engine/split/pairSearch';
import { searchPreimages } from '../../src/engine/split/preimageSearch';
import { blRadius } from '../../src/engine/split/blRadius';
import { splitPairAcceptor } from '../../src/engine/split/lowDimQuery';
import { allFree } from '../../src/engine/queries/state';
import { ballBox } from '../../src/engine/queries/box';
import { makeBox } from '../../src/engine/split/box';
import { forward } from '../../src/engine/ir/forward';
import type { SplitOptions } from '../../src/engine/split/types';
import { SolverPool } from '../../src/engine/solver';
import { foldNet, residualNet, singularNet } from '../helpers/paperCases';
import { gridCollision, randomNet } from '../helpers/splitNets';

const pool = new SolverPool({ size: 1 });
after(() => pool.dispose());

const opts = (epsilon = 1e-4): SplitOptions => ({ gridPerDim: 8, maxDepth: 6, maxEnumerate: 9, epsilon, milpTimeLimitSeconds: 20, solver: pool });

function infGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

void test('case 5 (reflection fold): injective on B∞((1, 0.5), 0.7), a verified pair on B∞((1, 0.5), 0.8)', async () => {
  const net = foldNet();
  const inside = await certifyInjectiveOnBox(net, ballBox([1, 0.5], 0.7), opts());
  assert.equal(inside.status, 'injective');
  const across = await certifyInjectiveOnBox(net, ballBox([1, 0.5], 0.8), opts());
  assert.equal(across.status, 'collision');
  const c = across.collision!;
  assert.ok(infGap(forward(net, c.x), forward(net, c.y)) < 1e-9);
  assert.ok(c.separation >= 0.5e-4, `separation ${c.separation}`); // ε/2: the acceptance rule of a polished MILP point
});

void test('case 5 radii: BL radius brackets 0.75 and PI radius is 1.5 (witness reflected across x + y = 0)', async () => {
  const net = foldNet();
  const c = Float64Array.from([1, 0.5]);
  const bl = await blRadius(net, c, ballBox(c, 3), 1e-3, opts(), { accept: splitPairAcceptor(allFree(net), ballBox(c, 3), 1e-4, null) });
  assert.ok(bl.resolved);
  assert.ok(bl.lower <= 0.75 + 1e-4 && bl.upper >= 0.75 - 1e-4 && bl.upper - bl.lower <= 1e-3, `[${bl.lower}, ${bl.upper}]`);
  const pi = await searchPreimages(net, c, ballBox(c, 3), opts(), false, 2.5e-4);
  assert.ok(pi.witness);
  assert.ok(Math.abs(pi.witness.separation - 1.5) < 1e-9, `R = ${pi.witness.separation}`);
  assert.ok(pi.provedClearBelow >= 1.5 - 1e-9);
});

void test('case 6 (singular map) is never certified and yields a real pair', async () => {
  const out = await certifyInjectiveOnBox(singularNet(), ballBox([0.3, -0.2], 0.5), opts());
  assert.equal(out.status, 'collision');
  const c = out.collision!;
  assert.ok(c.outputGap < 1e-9 && c.separation >= 0.5e-4);
});

void test('case 7 (invertible residual map) is certified, also on a box straddling the ±relu kinks', async () => {
  for (const [c, r] of [[[2, 3], 1.5], [[0.3, -0.2], 1]] as const) {
    const out = await certifyInjectiveOnBox(residualNet(), ballBox(c, r), opts());
    assert.equal(out.status, 'injective', `c = ${c.join(',')}, r = ${r}`);
  }
});

void test('random 2-input networks: a box where a grid search finds a collision is never certified', async () => {
  let withCollision = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const net = randomNet(seed, [2, 8, 6, 2]);
    const out = await certifyInjectiveOnBox(net, makeBox([-1, -1], [1, 1]), opts(1e-3));
    if (out.status === 'collision') {
      const c = out.collision!;
      assert.ok(infGap(forward(net, c.x), forward(net, c.y)) <= 1e-6 * (1 + Math.abs(c.fx[0]) + Math.abs(c.fx[1])));
      assert.ok(c.separation >= 0.5e-3);
    }
    if (gridCollision(net, -1, 1, 10, 1e-3)) {
      withCollision++;
      assert.notEqual(out.status, 'injective', `seed ${seed}: certified although a colliding pair exists`);
    }
  }
  assert.ok(withCollision > 0, 'the sample should contain non-injective networks');
});
