// Fixing inputs folds them into the first bias: the reduced map equals the full network with the
// fixed values filled in, and bad indices or values are refused with InvalidArgument.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../../src/engine/errors';
import { expandFreeInputs, fixInputs, restrictToFreeInputs } from '../../src/engine/ir/fixInputs';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx } from '../../src/engine/onnx';
import { seededRandom, uniform } from '../helpers/rng';
import { repoRoot } from '../helpers/sharedModels';

const brusselator = parseOnnx(readFileSync(join(repoRoot, 'test/fixtures/models/brusselator_param.onnx')), 'brusselator_param.onnx');

void test('Brusselator with input 2 fixed at b = 2.1 is a 2-input map equal to the full net at (x, y, 2.1)', () => {
  const state = fixInputs(brusselator, new Map([[2, 2.1]]));
  assert.equal(state.net.inputSize, 2);
  assert.deepEqual(state.freeIndices, [0, 1]);
  assert.equal(state.original, brusselator);
  const rand = seededRandom(11);
  for (let k = 0; k < 50; k++) {
    const x = uniform(rand, -1, 4);
    const y = uniform(rand, -1, 4);
    const reduced = forward(state.net, [x, y]);
    const full = forward(brusselator, [x, y, 2.1]);
    reduced.forEach((v, i) => assert.ok(Math.abs(v - full[i]) <= 1e-12, `(${x}, ${y}) output ${i}: ${v} vs ${full[i]}`));
  }
});

void test('fixing a middle input keeps the other columns in order', () => {
  const state = fixInputs(brusselator, new Map([[0, -0.5]]));
  assert.deepEqual(state.freeIndices, [1, 2]);
  const reduced = forward(state.net, [0.7, 1.9]);
  const full = forward(brusselator, [-0.5, 0.7, 1.9]);
  reduced.forEach((v, i) => assert.ok(Math.abs(v - full[i]) <= 1e-12));
});

void test('expandFreeInputs and restrictToFreeInputs translate between free and full input vectors', () => {
  const state = fixInputs(brusselator, new Map([[1, 3.5]]));
  assert.deepEqual(Array.from(expandFreeInputs(state, [0.25, 2.1])), [0.25, 3.5, 2.1]);
  assert.deepEqual(Array.from(restrictToFreeInputs(state, [0.25, 3.5, 2.1])), [0.25, 2.1]);
  assert.throws(() => expandFreeInputs(state, [1, 2, 3]), InvalidArgument);
});

void test('no fixed inputs returns the network unchanged', () => {
  const state = fixInputs(brusselator, new Map());
  assert.equal(state.net, brusselator);
  assert.deepEqual(state.freeIndices, [0, 1, 2]);
});

void test('out-of-range, non-integer or non-finite fixings are refused naming the index and the input count', () => {
  assert.throws(() => fixInputs(brusselator, new Map([[3, 1]])), (e: unknown) => {
    assert.ok(e instanceof InvalidArgument);
    assert.match(e.message, /input index 3 is out of range: the network has 3 inputs/);
    assert.equal(e.location.file, 'brusselator_param.onnx');
    return true;
  });
  assert.throws(() => fixInputs(brusselator, new Map([[-1, 1]])), /input index -1 is out of range/);
  assert.throws(() => fixInputs(brusselator, new Map([[0.5, 1]])), /input index 0.5/);
  assert.throws(() => fixInputs(brusselator, new Map([[2, Number.NaN]])), /input 2 must be a finite number/);
  assert.throws(() => fixInputs(brusselator, new Map([[0, 1], [1, 1], [2, 1]])), /at least one must stay free/);
});
