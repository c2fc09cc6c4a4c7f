import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultRecord } from '../../src/shared/protocol';
import type { QueryResult } from '../../src/shared/results';
import { annotationFor, annotationText, resultDiagnosticMessage } from '../../src/server/results/format';
import { anchorByText } from '../../src/server/results/resultStore';
import { progressMessage, withPhase } from '../../src/server/jobs/progressText';

const base: QueryResult = {
  query: 'radius-bl', status: 'certified', norm: 'inf', objective: 0, bound: 0, gap: null, tolerance: 1e-4,
  stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 4.1 }, message: 'm',
};

void test('annotation texts read like the spec: radius, counterexample, unresolved, error', () => {
  assert.equal(annotationText({ ...base, radius: 0.65534 }), '✓ certified r = 0.6553 (4.1 s)');
  assert.equal(annotationText({ ...base, radius: 1, invertibleOnDomain: true }), '✓ invertible on the whole domain (4.1 s)');
  assert.equal(annotationText({
    ...base, query: 'bl', status: 'counterexample',
    witness: { x: [2.6181, 0.5951], y: [2.6242, 0.5898], Fx: [0, 0], Fy: [0, 0], separation: 0.0061, outputGap: 1e-9, checkedBy: ['float64'] },
  }), '✗ x = (2.6181, 0.5951), y = (2.6242, 0.5898), ‖x−y‖∞ = 0.0061');
  assert.equal(annotationText({ ...base, query: 'bl', status: 'unresolved', gap: 0.12, stats: { ...base.stats, seconds: 60 } }), '? unresolved, gap 12% (60 s)');
  assert.equal(annotationText({ ...base, status: 'error', error: { code: 'InvalidModel', message: 'bad file' } }), '⚠ bad file');
});

void test('a counterexample pair 6.7e-4 apart prints x and y with enough decimals to differ in the separating coordinate', () => {
  const x = [2.54512, 0.59180];
  const y = [2.54445, 0.59120];
  const text = annotationText({
    ...base, query: 'bl', status: 'counterexample',
    witness: { x, y, Fx: [0, 0], Fy: [0, 0], separation: 6.7e-4, outputGap: 1e-9, checkedBy: ['float64'] },
  });
  const [, px, py] = /x = (\(.*?\)), y = (\(.*?\))/.exec(text)!;
  assert.notEqual(px, py);
  assert.notEqual(px.split(', ')[0], py.split(', ')[0]);
  assert.equal(text, '✗ x = (2.54512, 0.5918), y = (2.54445, 0.5912), ‖x−y‖∞ = 6.7e-4');
});

void test('a stale record is annotated as stale; only counterexamples and errors raise diagnostics', () => {
  const record: ResultRecord = { uri: 'u', line: 3, queryText: 'q', result: { ...base, radius: 0.5 }, modelHashes: {}, finishedAt: 0, stale: true };
  assert.equal(annotationFor(record).kind, 'stale');
  assert.equal(resultDiagnosticMessage(record), undefined);
  assert.match(resultDiagnosticMessage({ ...record, result: { ...base, status: 'error', message: 'x', error: { code: 'c', message: 'boom' } } })!, /query failed: boom/);
});

void test('results follow their query text to the nearest line and are dropped when it is gone', () => {
  const items = [{ line: 1, queryText: 'a' }, { line: 2, queryText: 'b' }, { line: 5, queryText: 'c' }];
  const { placed, dropped } = anchorByText(items, ['x', 'x', 'a', 'b', 'a', 'z']);
  assert.deepEqual(placed.map(([it, line]) => [it.queryText, line]), [['a', 2], ['b', 3]]);
  assert.deepEqual(dropped.map((d) => d.queryText), ['c']);
});

void test('progress lines carry MIP incumbent, bound and gap', () => {
  assert.equal(progressMessage({ phase: 'mip', message: 'solving', incumbent: 0.31, bound: 0.52, gap: 0.4 }), 'solving — incumbent 0.31, bound 0.52, gap 40%');
  assert.equal(progressMessage({ phase: 'bounds', message: 'bounds 40/128' }), 'bounds 40/128');
  assert.equal(withPhase('bounds', 'bounds 40/128'), 'bounds 40/128');
  assert.equal(withPhase('mip', 'solving'), 'mip: solving');
});
