// The fold mark of an orbit state: det DF of F = (|x + y|, x − y) changes sign across the line x + y = 0, so a state
// within the tolerance of that line is marked, one farther away is not, and a BL radius below the tolerance marks a
// state by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearFold } from '../../src/engine/studies/foldMark';
import { foldNet } from '../helpers/paperCases';
import type { QueryResult } from '../../src/shared/results';

void test('a state within the tolerance of the fold is marked, one farther away is not', () => {
  const net = foldNet();
  assert.equal(nearFold(net, [0.02, 0], 0.05, undefined), true);
  assert.equal(nearFold(net, [1, 0.5], 0.05, undefined), false);
});

void test('a BL radius below the tolerance marks the state even where det DF keeps its sign on the samples', () => {
  const net = foldNet();
  const bl = {
    query: 'radius-bl', status: 'certified', norm: 'inf', objective: 0.01, bound: 0.01, gap: 0, tolerance: 1e-3, epsilon: 1e-4,
    radiusLower: 0.009, radiusUpper: 0.01, stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 0 }, message: '',
    witness: { x: [1, 0.5], y: [1, 0.5], Fx: [1, 1], Fy: [1, 1], separation: 0, outputGap: 0, checkedBy: [] },
  } as unknown as QueryResult;
  assert.equal(nearFold(net, [1, 0.5], 0.05, bl), true);
});
