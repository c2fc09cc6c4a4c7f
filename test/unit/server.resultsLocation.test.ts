// Where results live: `.invcert/results/` of the workspace folder, mirroring the query file's relative path; and the
// move of a results file left beside its query file (the earlier location), which must never lose a result.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { StoredRecord } from '../../src/server/results/sidecar';
import { isLegacySidecar, legacySidecarPath, migrateLegacySidecar, queryFileOf, readSidecar, readSidecarStudies, resultsPath, resultsRootFor, writeSidecar } from '../../src/server/results/sidecar';
import type { QueryResult } from '../../src/shared/results';
import type { StudyInstanceResult, StudySpec } from '../../src/shared/studies';

const root = mkdtempSync(join(tmpdir(), 'invq-results-'));
after(() => rmSync(root, { recursive: true, force: true }));

function record(line: number, queryText: string, finishedAt: number, model = join(root, 'sub', 'm.onnx')): StoredRecord {
  const result = { query: 'certify', status: 'certified', message: `run at ${finishedAt}` } as unknown as QueryResult;
  return { line, queryText, result, modelHashes: { [model]: 'ab'.repeat(32) }, finishedAt };
}

void test('a query file\'s results live in .invcert/results/ of its workspace folder, mirroring its relative path', () => {
  const query = join(root, 'sub', 'deep', 'a.invq');
  assert.equal(resultsPath(query, [root]), join(root, '.invcert', 'results', 'sub', 'deep', 'a.invq.results.json'));
  assert.equal(queryFileOf(resultsPath(query, [root]), root), query, 'the results file maps back to its query file');
  assert.equal(resultsRootFor(query, ['/elsewhere', root, join(root, 'sub')]), join(root, 'sub'), 'the innermost workspace folder holds it');
  assert.equal(resultsPath('/outside/b.invq', [root]), join('/outside', '.invcert', 'results', 'b.invq.results.json'), 'outside every folder: its own folder');
  assert.ok(isLegacySidecar(join(root, 'sub', 'a.invq.results.json')));
  assert.ok(!isLegacySidecar(resultsPath(query, [root])));
});

void test('written and read back, model paths stay relative to the query file\'s folder (a moved project keeps its results)', async () => {
  const query = join(root, 'sub', 'rel.invq');
  await writeSidecar(query, [root], [record(2, 'certify F bl at P radius 0.1', 10)]);
  const file = JSON.parse(readFileSync(resultsPath(query, [root]), 'utf8')) as { records: Array<{ modelHashes: Record<string, string> }> };
  assert.deepEqual(Object.keys(file.records[0].modelHashes), ['m.onnx']);
  assert.deepEqual(Object.keys((await readSidecar(query, [root]))[0].modelHashes), [join(root, 'sub', 'm.onnx')]);
});

void test('a results file\'s study records are read back with absolute model paths, and a file without studies has none', async () => {
  const query = join(root, 'sub', 'study.invq');
  const model = join(root, 'sub', 'm.onnx');
  const study: StudySpec = { kind: 'map', model: { path: model, fixed: [] }, domain: [[0, 1], [0, 1]], axes: [0, 1], grid: [1, 1] };
  const instance: StudyInstanceResult = { key: 'i0-j0', place: { kind: 'grid-cell', i: 0, j: 0, centre: [0.5, 0.5] }, result: record(0, 'x', 1).result };
  await writeSidecar(query, [root], [], { studies: [{ line: 4, queryText: 'map F bl on D grid 1 x 1', study, instances: [instance], modelHashes: { [model]: 'cd'.repeat(32) }, finishedAt: 7 }] });
  const [read] = await readSidecarStudies(query, [root]);
  assert.equal(read.line, 4);
  assert.deepEqual(read.instances.map((i) => i.key), ['i0-j0']);
  assert.deepEqual(Object.keys(read.modelHashes), [model]);
  await writeSidecar(query, [root], [record(1, 'q', 2)]);
  assert.deepEqual(await readSidecarStudies(query, [root]), []);
});

void test('a results file beside its query file is read as it is (Restricted Mode writes nothing), then moved on migration', async () => {
  const query = join(root, 'old.invq');
  await writeSidecar(query, [root], [record(1, 'q1', 5), record(3, 'q3', 6)]);
  renameSync(resultsPath(query, [root]), legacySidecarPath(query));
  assert.deepEqual((await readSidecar(query, [root])).map((r) => r.queryText), ['q1', 'q3'], 'read from the earlier location');
  assert.ok(existsSync(legacySidecarPath(query)), 'reading moved nothing');
  assert.equal(await migrateLegacySidecar(query, [root]), true);
  assert.ok(!existsSync(legacySidecarPath(query)), 'the old file is gone');
  assert.deepEqual((await readSidecar(query, [root])).map((r) => r.queryText), ['q1', 'q3'], 'every record is in the new file');
});

void test('migrating into an existing results file merges: every query kept, the newer result of a query wins', async () => {
  const query = join(root, 'both.invq');
  await writeSidecar(query, [root], [record(1, 'q1', 1), record(2, 'q2', 100)]);
  renameSync(resultsPath(query, [root]), legacySidecarPath(query));
  await writeSidecar(query, [root], [record(1, 'q1', 50), record(2, 'q2', 20), record(4, 'q4', 30)]);
  await migrateLegacySidecar(query, [root]);
  const merged = await readSidecar(query, [root]);
  assert.deepEqual(merged.map((r) => [r.queryText, r.finishedAt]), [['q1', 50], ['q2', 100], ['q4', 30]]);
});

void test('a malformed results file beside the query file is left untouched, and nothing is written over it', async () => {
  const query = join(root, 'bad.invq');
  mkdirSync(root, { recursive: true });
  writeFileSync(legacySidecarPath(query), '{ not json');
  assert.equal(await migrateLegacySidecar(query, [root]), false);
  assert.equal(readFileSync(legacySidecarPath(query), 'utf8'), '{ not json');
  assert.ok(!existsSync(resultsPath(query, [root])));
});
