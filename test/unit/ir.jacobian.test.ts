// jacobianAt is the exact derivative of F inside an activation region; determinant is a pivoted LU.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { InvalidArgument } from '../../src/engine/errors';
import { forward } from '../../src/engine/ir/forward';
import { determinant, jacobianAt, jacobianDeterminantAt, jacobianEvaluator, nullVector } from '../../src/engine/ir/jacobian';
import type { Network } from '../../src/engine/ir/network';
import { randomNetwork } from '../helpers/onnxFixtures';
import { seededRandom, uniform } from '../helpers/rng';

void test('the Jacobian matches central finite differences at random points', () => {
  const net = randomNetwork(21, [3, 12, 12, 2]);
  const rand = seededRandom(22);
  for (let k = 0; k < 20; k++) {
    const x = Array.from({ length: 3 }, () => uniform(rand, -2, 2));
    const jac = jacobianAt(net, x);
    assert.equal(jac.length, 2 * 3);
    const h = 1e-7;
    for (let c = 0; c < 3; c++) {
      const plus = x.slice(); plus[c] += h;
      const minus = x.slice(); minus[c] -= h;
      const fp = forward(net, plus);
      const fm = forward(net, minus);
      for (let r = 0; r < 2; r++) {
        const fd = (fp[r] - fm[r]) / (2 * h);
        // A kink within h of x would break the comparison; at random points it is vanishingly rare.
        assert.ok(Math.abs(fd - jac[r * 3 + c]) <= 1e-5 * Math.max(1, Math.abs(fd)), `point ${k} J[${r},${c}] = ${jac[r * 3 + c]} vs ${fd}`);
      }
    }
  }
});

void test('the forward evaluator (switched-off ReLUs skipped, two inputs unrolled) agrees with reverse mode on wide maps', () => {
  // More inputs than outputs: jacobianAt pulls the rows back (reverse mode), an independent computation.
  for (const widths of [[2, 16, 16, 1], [3, 12, 12, 12, 2]]) {
    const net = randomNetwork(41 + widths.length, widths);
    const evaluate = jacobianEvaluator(net);
    const rand = seededRandom(43);
    let switchedOff = 0;
    for (let k = 0; k < 200; k++) {
      const x = Array.from({ length: widths[0] }, () => uniform(rand, -3, 3));
      const forwardMode = Array.from(evaluate(x)), reverse = Array.from(jacobianAt(net, x));
      assert.equal(forwardMode.length, reverse.length);
      forwardMode.forEach((v, i) => assert.ok(Math.abs(v - reverse[i]) <= 1e-12 * (1 + Math.abs(v)), `${widths.join('-')} point ${k}: ${v} vs ${reverse[i]}`));
      if (forwardMode.every((v) => v === 0)) switchedOff++;
    }
    assert.ok(switchedOff < 200, 'some points have live paths');
  }
});

void test('an inactive ReLU zeroes its path: the 1-D hinge has slope 0 left of the kink and 2 right of it', () => {
  const net: Network = {
    layers: [
      { inSize: 1, outSize: 1, weights: Float64Array.of(2), bias: Float64Array.of(-1), relu: true },
      { inSize: 1, outSize: 1, weights: Float64Array.of(1), bias: Float64Array.of(0), relu: false },
    ],
    inputSize: 1, outputSize: 1, inputs: [], outputs: [], source: 'hinge',
  };
  assert.deepEqual(Array.from(jacobianAt(net, [0])), [0]);
  assert.deepEqual(Array.from(jacobianAt(net, [0.5])), [0], 'at the kink the inactive side is used');
  assert.deepEqual(Array.from(jacobianAt(net, [1])), [2]);
  assert.equal(jacobianDeterminantAt(net, [3]), 2);
});

void test('determinant: known values, row swaps flip the sign, singular matrices give 0', () => {
  assert.equal(determinant([3], 1), 3);
  assert.equal(determinant([1, 2, 3, 4], 2), -2);
  assert.equal(determinant([0, 1, 1, 0], 2), -1);
  assert.ok(Math.abs(determinant([2, -1, 0, -1, 2, -1, 0, -1, 2], 3) - 4) < 1e-12);
  assert.equal(determinant([1, 2, 2, 4], 2), 0);
  assert.equal(determinant([0, 0, 0, 1], 2), 0);
  const permuted = [0, 0, 5, 0, 3, 0, 2, 0, 0];
  assert.ok(Math.abs(determinant(permuted, 3) + 30) < 1e-12);
  assert.throws(() => determinant([1, 2, 3], 2), InvalidArgument);
});

void test('det DF of a square random network equals the determinant of its Jacobian; non-square is refused', () => {
  const net = randomNetwork(31, [2, 8, 2]);
  const x = [0.3, -0.4];
  assert.equal(jacobianDeterminantAt(net, x), determinant(jacobianAt(net, x), 2));
  assert.throws(() => jacobianDeterminantAt(randomNetwork(32, [3, 4, 2]), [0, 0, 0]), /square map/);
  assert.throws(() => jacobianAt(net, [1]), InvalidArgument);
});

void test('nullVector: a unit vector the matrix maps to zero when columns outnumber the rank, none at full column rank', () => {
  const rand = seededRandom(31);
  const wide = Float64Array.from({ length: 3 * 7 }, () => uniform(rand, -1, 1));
  const v = nullVector(wide, 3, 7);
  assert.ok(v, 'a 3 × 7 matrix has a null vector');
  assert.ok(Math.abs(Math.max(...v.map(Math.abs)) - 1) <= 1e-12, '‖v‖∞ = 1');
  for (let r = 0; r < 3; r++) {
    let s = 0;
    for (let c = 0; c < 7; c++) s += wide[r * 7 + c] * v[c];
    assert.ok(Math.abs(s) <= 1e-12, `row ${r}: ${s}`);
  }
  // (x + y, x + y): rank 1 in 2 columns.
  const singular = nullVector([1, 1, 1, 1], 2, 2);
  assert.ok(singular && Math.abs(singular[0] + singular[1]) <= 1e-15);
  assert.equal(nullVector([2, 1, 1, 3], 2, 2), null);
});
