// The panel's Export CSV / JSON of a study, on real `invcert batch` results of the Brusselator (test/fixtures/studies):
// one row per instance with its exact values, the radius column filled only where the result proved the radius.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyRecord } from '../../src/server/results/sidecar';
import type { StudyResults } from '../../src/shared/studies';
import { studyCsv, studyFileName, studyJson } from '../../src/webview/studyExport';

function studies(name: string): StudyResults[] {
  const file = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'studies', `${name}.results.json`), 'utf8')) as { studies: StudyRecord[] };
  return file.studies.map((s) => ({ ...s, uri: 'file:///w/study.invq', total: s.instances.length, running: false, stale: false }));
}

/** Splits simple CSV (no quoted commas in these rows). */
const table = (csv: string): string[][] => csv.trimEnd().split('\n').map((line) => line.split(','));

void test('the orbit CSV has one row per instance (state and radius) with the state, the bracket and the fold mark', () => {
  const [orbit] = studies('brusselator-study');
  const rows = table(studyCsv(orbit));
  assert.deepEqual(rows[0], ['key', 'k', 'query', 'x_0', 'x_1', 'status', 'radius', 'radius_lower', 'radius_upper', 'seconds', 'error', 'near_fold']);
  assert.equal(rows.length - 1, orbit.instances.length);
  assert.equal(rows.length - 1, 18);
  const first = rows[1];
  assert.deepEqual(first.slice(0, 5), ['k0-bl', '0', 'bl', '1.96433', '1.24951']);
  // Exact float64 values, as stored, not the panel's rounded text.
  const bl = orbit.instances[0].result;
  assert.equal(Number(first[7]), bl.radiusLower);
  assert.equal(first[11], 'false');
});

void test('the map CSV has one row per cell; a cell with no pair in its box leaves the radius column empty (only r ≥ lower)', () => {
  const [, map] = studies('brusselator-study');
  const rows = table(studyCsv(map));
  assert.deepEqual(rows[0], ['key', 'i', 'j', 'x_0', 'x_1', 'status', 'radius', 'radius_lower', 'radius_upper', 'seconds', 'error']);
  assert.equal(rows.length - 1, 64);
  assert.deepEqual(rows[1].slice(0, 8), ['i0-j0', '0', '0', '0.1875', '0.25', 'certified', '', '0.1875']);
  assert.equal(rows[1][8], '', 'no upper end: no pair was found in the box');
  assert.equal(new Set(rows.slice(1).map((r) => r[0])).size, 64, 'every cell once');
});

void test('unresolved instances export their status and bracket, never a radius', () => {
  const [, map] = studies('brusselator-budget');
  const rows = table(studyCsv(map)).slice(1);
  const unresolved = rows.filter((r) => r[5] === 'unresolved');
  assert.ok(unresolved.length > 0);
  for (const r of unresolved) assert.equal(r[6], '');
});

void test('the JSON export is the study as the server holds it, and the file name says model, kind and line', () => {
  const [orbit] = studies('brusselator-study');
  assert.deepEqual(JSON.parse(studyJson(orbit)), orbit);
  assert.equal(studyFileName(orbit), 'F-orbit-line-6');
});
