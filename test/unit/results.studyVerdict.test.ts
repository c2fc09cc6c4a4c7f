// The study verdict quotes only what its instances proved: the lower ends of certified radii, unresolved instances
// counted apart, and a stopped study says it is not finished.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { studyStatus, studyVerdict } from '../../src/server/results/studyVerdict';
import type { QueryResult } from '../../src/shared/results';
import type { StudyInstanceResult, StudyResults, StudySpec } from '../../src/shared/studies';

const model = { path: '/m.onnx', fixed: [] };
const orbit: StudySpec = { kind: 'orbit', model, start: [1, 1], steps: 1, queries: ['bl', 'pi'], foldTolerance: 0.05 };
const map: StudySpec = { kind: 'map', model, domain: [[0, 1], [0, 1]], axes: [0, 1], grid: [2, 1] };

function radius(query: 'radius-bl' | 'radius-pi', status: 'certified' | 'unresolved', radiusLower: number): QueryResult {
  return { query, status, radiusLower, radiusUpper: radiusLower + 1e-3, message: '' } as unknown as QueryResult;
}
function instance(key: string, result: QueryResult, nearFold?: boolean): StudyInstanceResult {
  return { key, place: { kind: 'grid-cell', i: 0, j: 0, centre: [0, 0] }, result, ...(nearFold !== undefined ? { nearFold } : {}) };
}
function study(spec: StudySpec, instances: StudyInstanceResult[], total: number, running = false): StudyResults {
  return { uri: 'file:///a.invq', line: 3, queryText: '', study: spec, instances, total, running, modelHashes: {}, finishedAt: 0, stale: false };
}

void test('an orbit verdict counts states (not instances), quotes both radii by their proved lower ends and the states near the fold', () => {
  const s = study(orbit, [
    instance('k0-bl', radius('radius-bl', 'certified', 0.6553), false), instance('k0-pi', radius('radius-pi', 'certified', 2.7739)),
    instance('k1-bl', radius('radius-bl', 'certified', 0.0123), true), instance('k1-pi', radius('radius-pi', 'certified', 2.7739)),
  ], 4);
  assert.equal(studyVerdict(s), '✓ 2 of 2 states · r_BL ≥ 0.0123 … 0.6553 · R_PI ≥ 2.774 · 1 near the fold');
});

void test('an unresolved cell is counted apart and keeps its lower end out of the range; the mark is "?"', () => {
  const s = study(map, [instance('i0-j0', radius('radius-bl', 'certified', 0.5)), instance('i1-j0', radius('radius-bl', 'unresolved', 0.01))], 2);
  assert.equal(studyVerdict(s), '? 2 of 2 cells · r_BL ≥ 0.5 · 1 unresolved');
});

void test('a running study is marked running, and a stopped one says it is not finished', () => {
  const partial = [instance('i0-j0', radius('radius-bl', 'certified', 0.5))];
  assert.match(studyVerdict(study(map, partial, 2, true)), /^⟳ 1 of 2 cells/);
  assert.match(studyVerdict(study(map, partial, 2, false)), /^◐ 1 of 2 cells .*run it again to finish/);
});

void test('a study is certified only when every instance is in and certified, an error once any failed, else unresolved; the mark says the same', () => {
  const ok = instance('i0-j0', radius('radius-bl', 'certified', 0.5));
  const open = instance('i1-j0', radius('radius-bl', 'unresolved', 0.01));
  const failed = instance('i1-j0', { query: 'radius-bl', status: 'error', error: { code: 'SolverFailed', message: 'x' }, message: 'x' } as unknown as QueryResult);
  assert.equal(studyStatus(study(map, [ok, ok], 2)), 'certified');
  assert.equal(studyStatus(study(map, [ok], 2)), 'unresolved', 'a stopped study is not certified by the instances it has');
  assert.equal(studyStatus(study(map, [ok, open], 2)), 'unresolved');
  assert.equal(studyStatus(study(map, [failed], 2)), 'error', 'a failure shows even before the study is complete');
  assert.match(studyVerdict(study(map, [failed], 2)), /^⚠ 1 of 2 cells · 1 failed/);
});
