// Soundness of the pieces under the split path: CROWN cell bounds enclose the network, and the Jacobian
// certificate never vouches for a box that holds a colliding pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preActivations } from '../../src/engine/ir/forward';
import { computeBounds } from '../../src/engine/bounds';
import { jacobianCertificate } from '../../src/engine/split/jacobian';
import { ballBox } from '../../src/engine/queries/box';
import { makeBox } from '../../src/engine/split/box';
import { foldNet, residualNet, singularNet } from '../helpers/paperCases';
import { gridCollision, randomNet } from '../helpers/splitNets';
import { seededRandom, uniform } from '../helpers/rng';

void test('CROWN cell bounds enclose every sampled pre-activation of random networks', () => {
  for (let seed = 1; seed <= 6; seed++) {
    const net = randomNet(seed, [2, 12, 10, 2]);
    const rand = seededRandom(100 + seed);
    const box = makeBox([-0.3, 0.1], [0.2, 0.45]);
    const bounds = computeBounds(net, box, { method: 'crown' });
    for (let s = 0; s < 300; s++) {
      const x = [uniform(rand, -0.3, 0.2), uniform(rand, 0.1, 0.45)];
      preActivations(net, x).forEach((z, k) => {
        for (let i = 0; i < z.length; i++) {
          assert.ok(z[i] >= bounds[k].lower[i] && z[i] <= bounds[k].upper[i], `seed ${seed} layer ${k} neuron ${i}`);
        }
      });
    }
  }
});

void test('the Jacobian certificate holds for the invertible residual map (case 7) on boxes away from the ±relu kink', () => {
  const net = residualNet();
  for (const [c, r] of [[[2, 3], 1], [[-2.5, 1.5], 0.8], [[1.2, -3], 1.1]] as const) {
    const cert = jacobianCertificate(net, computeBounds(net, ballBox(c, r), { method: 'crown' }));
    assert.equal(cert.certified, true, `c = ${c.join(',')}, r = ${r}`);
  }
});

void test('the certificate refuses the fold (case 5) across x + y = 0 and the singular map (case 6) everywhere', () => {
  assert.equal(jacobianCertificate(foldNet(), computeBounds(foldNet(), ballBox([1, 0.5], 0.8), { method: 'crown' })).certified, false);
  // On one side of both kinks (x + y = 0 and x = y) the map is affine and nonsingular.
  assert.equal(jacobianCertificate(foldNet(), computeBounds(foldNet(), ballBox([1.5, 0.2], 0.3), { method: 'crown' })).certified, true);
  assert.equal(jacobianCertificate(singularNet(), computeBounds(singularNet(), ballBox([0.3, -0.2], 0.05), { method: 'crown' })).certified, false);
  assert.equal(jacobianCertificate(singularNet(), computeBounds(singularNet(), ballBox([3, 2], 0.5), { method: 'crown' })).certified, false);
});

void test('the interval-Jacobian fallback (many unstable neurons) never certifies a box holding a collision', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const net = randomNet(seed, [2, 16, 2]);
    const box = makeBox([-1, -1], [1, 1]);
    const cert = jacobianCertificate(net, computeBounds(net, box, { method: 'crown' }), 0);
    if (cert.certified) assert.equal(gridCollision(net, -1, 1, 10, 1e-4), false, `seed ${seed} certified but a collision exists`);
  }
});

void test('the pattern-enumeration certificate never certifies a random box holding a collision', () => {
  let certified = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const net = randomNet(seed, [2, 6, 2]);
    const lo = -0.4 + 0.01 * seed, hi = lo + 0.5;
    const cert = jacobianCertificate(net, computeBounds(net, makeBox([lo, lo], [hi, hi]), { method: 'crown' }));
    if (!cert.certified) continue;
    certified++;
    assert.equal(gridCollision(net, lo, hi, 8, 1e-5), false, `seed ${seed} certified but a collision exists`);
  }
  assert.ok(certified > 0, 'some random boxes should be certified, or the test checks nothing');
});
