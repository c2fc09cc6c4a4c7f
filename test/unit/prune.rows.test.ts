// A pruning level's columns in words and its progress line: the number only when it is proved, else the bracket found
// so far with both ends when both are known, never "?" and never nothing when something was found; a MILP's bound of
// one output direction never becomes the discrepancy's upper end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LevelProgress } from '../../src/engine/prune/levelProgress';
import { discrepancyWords, levelWords, radiusWords, rowNumber } from '../../src/engine/prune/rowWords';
import type { EngineProgress } from '../../src/shared/querySpec';
import type { PruneRow } from '../../src/shared/results';

const row = (over: Partial<PruneRow>): PruneRow => ({
  level: 10, file: 'f_pruned10.onnx', discrepancy: null, discrepancyLower: null, discrepancyBound: null,
  radius: null, radiusLower: null, radiusUpper: null, radiusStatus: 'unresolved', radiusMessage: '', notRun: false, seconds: 1, ...over,
});

void test('a proved discrepancy reads as its number, an unproved one as its bracket with both ends', () => {
  assert.equal(discrepancyWords(row({ discrepancy: 0.0942930001, discrepancyLower: 0.0942930001, discrepancyBound: 0.09430 }), rowNumber), '0.094293');
  assert.equal(discrepancyWords(row({ discrepancyLower: 0.0943, discrepancyBound: 0.4989 }), rowNumber), 'in [0.0943, 0.4989]');
  assert.equal(discrepancyWords(row({ discrepancyLower: 0.0517 }), rowNumber), '≥ 0.0517');
  assert.equal(discrepancyWords(row({ discrepancyBound: 0.4989 }), rowNumber), '≤ 0.4989');
  assert.equal(discrepancyWords(row({}), rowNumber), 'no bound found');
});

void test('a radius reads as its number only when it is the radius, else its bracket or "≥ lower" without a pair', () => {
  assert.equal(radiusWords(row({ radius: 0.655445, radiusLower: 0.655445, radiusUpper: 0.656045 }), rowNumber), '0.655445');
  assert.equal(radiusWords(row({ radiusLower: 0.61, radiusUpper: 0.66 }), rowNumber), 'in [0.61, 0.66]');
  assert.equal(radiusWords(row({ radiusLower: 0.61 }), rowNumber), '≥ 0.61');
  assert.equal(radiusWords(row({ radiusStatus: 'error' }), rowNumber), 'search failed', 'a radius search that broke says so');
});

void test('the sweep message names every level, a level not run as such, and never says "?"', () => {
  const ran = levelWords(row({ discrepancyLower: 0.0943, discrepancyBound: 0.4989, radiusLower: 0.61, radiusUpper: 0.66 }), rowNumber);
  assert.equal(ran, '10% → discrepancy in [0.0943, 0.4989], radius in [0.61, 0.66]');
  assert.equal(levelWords(row({ level: 30, notRun: true }), rowNumber), '30% → not run');
  for (const lower of [null, 0.1]) {
    for (const upper of [null, 0.2]) {
      assert.doesNotMatch(levelWords(row({ discrepancyLower: lower, discrepancyBound: upper, radiusLower: lower, radiusUpper: upper }), rowNumber), /\?/);
    }
  }
});

void test('the progress line follows the level: what a MILP found so far, then the bracket, then the radius bracket', () => {
  const lines: EngineProgress[] = [];
  const p = new LevelProgress((e) => lines.push(e), 30, 2, 6);
  p.inner({ phase: 'bounds', message: 'lp bounds' });
  assert.match(lines.at(-1)?.message ?? '', /^level 30% \(3 of 6\): discrepancy: bounding, \d+\.\d s$/);
  // One MILP of one output direction: its incumbent is a value found, its bound is not the discrepancy's.
  p.inner({ phase: 'mip', message: 'discrepancy output 0: 120 nodes, 1.0 s', incumbent: 0.0943, bound: 0.2, gap: 1.06 });
  assert.match(lines.at(-1)?.message ?? '', /^level 30% \(3 of 6\): discrepancy ≥ 0\.0943 so far, \d+\.\d s$/);
  assert.equal(lines.at(-1)?.gap, undefined, 'no gap in percent is passed on');
  // An input-space search reports the whole discrepancy's bracket.
  p.inner({ phase: 'split', message: 'discrepancy in [0.0943, 0.4989], 1,234 boxes left', incumbent: 0.0943, bound: 0.4989, bracket: [0.0943, 0.4989], left: { count: 1234, unit: 'boxes' } });
  assert.match(lines.at(-1)?.message ?? '', /^level 30% \(3 of 6\): discrepancy in \[0\.0943, 0\.4989\], 1,234 boxes left, \d+\.\d s$/);
  p.discrepancyFinished({ discrepancy: 0.094293, discrepancyLower: 0.094293, discrepancyBound: 0.0943 });
  assert.match(lines.at(-1)?.message ?? '', /^level 30% \(3 of 6\): discrepancy 0\.094293, radius: searching, \d+\.\d s$/);
  p.radiusBracket({ radius: null, radiusLower: 0.61, radiusUpper: 0.66 });
  assert.match(lines.at(-1)?.message ?? '', /^level 30% \(3 of 6\): discrepancy 0\.094293, radius in \[0\.61, 0\.66\], \d+\.\d s$/);
  assert.ok(lines.every((l) => l.phase === 'prune' && l.incumbent === undefined && l.bound === undefined));
  assert.deepEqual([lines[0].fraction, lines.at(-1)?.fraction], [2 / 6, 2.5 / 6], 'the sweep\'s fraction moves by level');
});
