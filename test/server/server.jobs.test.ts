import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest, CodeLensRequest, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { CancelJob, RunQuery } from '../../src/shared/protocol';
import { fixtureModels, LspHarness, serverSession } from '../helpers/serverHarness';

const text = [
  'model T = "vnncomp2021_test_tiny.onnx"', //                            0
  'certify T bl at (0.5) radius 0.25', //                                   1
  'model B = "brusselator_param.onnx"', //                                  2
  'fix B[2] = 2.1', //                                                      3
  'certify B bl at (1.96433, 1.24951) radius 0.7 norm inf', //              4
  'model A = "acasxu_run2a_1_1.onnx"', //                                   5
  'radius A bl at (0, 0, 0, 0, 0) method paper timeout 3600', //           6
  'certify T bl at (0.5, 1) radius 1', //                                   7
].join('\n');
const { ws, h } = serverSession(['brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx', 'acasxu_run2a_1_1.onnx'], { open: { 'jobs.invq': text } });
const uri = ws.uri('jobs.invq');

const annotation = (line: number): { kind: string; text: string } | undefined => h.annotations.get(uri)?.annotations.find((a) => a.line === line);
const running = (jobId: string): boolean => h.statuses.at(-1)?.jobs.some((j) => j.jobId === jobId) ?? false;
/** Waits until the client was asked to re-read code lenses after the status that no longer lists the job. */
async function lensRefreshAfterJobLeft(jobId: string): Promise<void> {
  const seen = h.statuses.findIndex((s) => s.jobs.some((j) => j.jobId === jobId));
  const left = await h.waitFor(() => {
    const k = h.statuses.findIndex((s, i) => i > seen && !s.jobs.some((j) => j.jobId === jobId));
    return k >= 0 ? k : undefined;
  }, 'a status without the job');
  await h.waitFor(() => h.lensRefreshes.some((count) => count > left), 'a code lens refresh after the job left');
}
const lensTitles = async (line: number): Promise<string[]> => {
  const lenses = await h.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  return (lenses ?? []).filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
};

void test('a query with errors is rejected with the reason, not enqueued', async () => {
  const r = await h.client.sendRequest(RunQuery.type, { uri, line: 7 });
  assert.deepEqual(r.enqueued, []);
  assert.match(r.rejected[0].reason, /point has 2 coordinates, but T has 1 free input/);
});

void test('a job returns its id at once, reports cancellable progress, and ends with a result, annotation and sidecar', async () => {
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 1 });
  assert.equal(enqueued.length, 1);
  const result = await h.waitFor(() => h.results.find((r) => r.jobId === enqueued[0]), 'the result', 120000);
  assert.equal(result.line, 1);
  assert.equal(result.queryText, 'certify T bl at (0.5) radius 0.25');
  assert.ok(['certified', 'counterexample'].includes(result.result.status), result.result.message);
  const modelPath = join(ws.dir, 'vnncomp2021_test_tiny.onnx');
  assert.equal(result.modelHashes[modelPath], createHash('sha256').update(readFileSync(modelPath)).digest('hex'));
  const begin = h.progress.find((p) => p.value.kind === 'begin' && p.value.title === 'BL check within 0.25 of (0.5)');
  assert.ok(begin?.value.cancellable, 'server-created progress is cancellable');
  await h.waitFor(() => h.progress.some((p) => p.token === begin.token && p.value.kind === 'end'), 'progress end');
  await h.waitFor(() => annotation(1)?.kind === result.result.status, 'the annotation');
  await h.waitFor(() => existsSync(join(ws.dir, '.invcert', 'results', 'jobs.invq.results.json')), 'the sidecar to be written');
  const sidecar = JSON.parse(readFileSync(join(ws.dir, '.invcert', 'results', 'jobs.invq.results.json'), 'utf8')) as { records: Array<{ queryText: string; modelHashes: Record<string, string> }> };
  assert.equal(sidecar.records[0].queryText, result.queryText);
  assert.equal(sidecar.records[0].modelHashes['vnncomp2021_test_tiny.onnx'], result.modelHashes[modelPath]);
  await h.waitFor(() => !running(enqueued[0]) && h.statuses.length > 0, 'the status to drop the job');
  await lensRefreshAfterJobLeft(enqueued[0]);
  const titles = await lensTitles(1);
  assert.ok(titles.includes('▶ Run') && !titles.some((t) => t.startsWith('■ Cancel')), titles.join(' | '));
});

void test('a counterexample is a warning on its line, a hover table with command links, and code actions for new queries', async () => {
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 4 });
  const result = await h.waitFor(() => h.results.find((r) => r.jobId === enqueued[0]), 'the result', 120000);
  assert.equal(result.result.status, 'counterexample', result.result.message);
  const w = result.result.witness;
  assert.ok(w.checkedBy.includes('float64'));
  // (Wait for a non-empty list: the warning may be published just after the result notification.)
  const ds = await h.waitFor(() => {
    const warnings = h.diagnostics.get(uri)?.diagnostics.filter((d) => d.range.start.line === 4 && d.severity === 2);
    return warnings?.length ? warnings : undefined;
  }, 'the warning');
  assert.match(ds[0].message as string, /not injective: F\(x\) = F\(y\) for x = \(/);
  // The inline verdict is its own notification, which may follow the result's.
  await h.waitFor(() => annotation(4)?.kind === 'counterexample', 'the inline verdict');
  assert.match(annotation(4)!.text, /^✗ x = \(.*\), y = \(.*\), ‖x−y‖∞ = /);
  const md = (await h.hoverText(uri, 4, 2))!;
  assert.match(md, /^\[Show in panel\]/, 'the links come first');
  assert.match(md, /\*\*local invertibility \(BL\): ✗ not injective/);
  for (const row of ['| | x | y |', '| input | `(', '| F | `(', '| distance | ‖x − y‖∞ = ', '‖F(x) − F(y)‖∞ = ', 're-checked by float64', 'finished ']) assert.ok(md.includes(row), row);
  assert.doesNotMatch(md, /objective|binaries/);
  assert.match(md, /\[Show in panel\]\(command:invcert\.showInPanel\?%5B%7B%22uri%22/);
  assert.match(md, /\[Re-run\]\(command:invcert\.runQuery\?/);
  const actions = (await h.client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, context: { diagnostics: [] },
  })) as CodeAction[];
  const radiusAtX = actions.find((a) => a.title === 'Add query: safety radius at witness x')!;
  assert.equal(radiusAtX.kind, 'quickfix', 'a follow-up of the counterexample is a quick fix (VS Code drops refactors from "Quick Fix…")');
  const edit = radiusAtX.edit!.changes![uri][0];
  assert.equal(edit.newText, `\nradius B bl at (${w.x.map((v) => String(Number(v.toPrecision(10)))).join(', ')})`);
});

void test('cancelJob stops a running job and keeps what it found: an unresolved result, stored and in the sidecar; progress ends, status clears', async () => {
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 6 });
  const id = enqueued[0];
  await h.waitFor(() => h.statuses.at(-1)?.jobs.find((j) => j.jobId === id && j.phase !== 'queued' && j.phase !== 'load'), 'the job to be running', 60000);
  await h.waitFor(() => annotation(6)?.kind === 'running' && !/starting|queued/.test(annotation(6)!.text), 'the running annotation to follow progress', 60000);
  assert.match((await h.hoverText(uri, 6, 1))!, /running for \d+ s[\s\S]*\[Cancel\]\(command:invcert\.cancelQuery\?/);
  const r = await h.client.sendRequest(CancelJob.type, { jobId: id });
  assert.deepEqual(r.cancelled, [id]);
  await h.waitFor(() => !running(id), 'the status to drop the job');
  const kept = await h.waitFor(() => h.results.find((x) => x.jobId === id), 'the result kept from the cancelled job', 30000);
  assert.equal(kept.result.status, 'unresolved');
  assert.match(kept.result.message, /cancelled/);
  await h.waitFor(() => annotation(6)?.kind === 'unresolved', 'the unresolved annotation');
  await h.waitFor(() => {
    const file = join(ws.dir, '.invcert', 'results', 'jobs.invq.results.json');
    if (!existsSync(file)) return undefined;
    const records = (JSON.parse(readFileSync(file, 'utf8')) as { records: Array<{ line: number; result: { status: string; message: string } }> }).records;
    return records.find((r) => r.line === 6 && r.result.status === 'unresolved' && /cancelled/.test(r.result.message));
  }, 'the sidecar to hold the cancelled job\'s result');
  await lensRefreshAfterJobLeft(id);
  assert.ok(!(await lensTitles(6)).some((t) => t.startsWith('■ Cancel')));
});

void test('cancelling from the progress UI ends the job', async () => {
  const before = h.progress.length;
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 6 });
  const begin = await h.waitFor(() => h.progress.slice(before).find((p) => p.value.kind === 'begin'), 'progress begin', 60000);
  await h.cancelProgress(begin.token);
  await h.waitFor(() => !running(enqueued[0]), 'the job to end');
  await h.waitFor(() => h.progress.some((p) => p.token === begin.token && p.value.kind === 'end'), 'progress end');
  const kept = await h.waitFor(() => h.results.find((x) => x.jobId === enqueued[0]), 'the result kept from the cancelled job', 30000);
  assert.equal(kept.result.status, 'unresolved');
});

void test('editing a running query cancels it; editing a finished one drops its result; moved queries keep theirs', async () => {
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 6 });
  await h.waitFor(() => running(enqueued[0]), 'the job to start');
  const lines = text.split('\n');
  lines[6] = lines[6].replace('timeout 3600', 'timeout 3000');
  lines[1] = lines[1].replace('radius 0.25', 'radius 0.2');
  const edited = ['# a new first line', ...lines].join('\n');
  await h.changeChecked(uri, edited);
  await h.waitFor(() => !running(enqueued[0]), 'the edited job to be cancelled');
  const anns = await h.waitFor(() => {
    const a = h.annotations.get(uri)?.annotations;
    return a && !a.some((x) => x.line === 2) && a.some((x) => x.line === 5) ? a : undefined;
  }, 'annotations to follow the edit');
  assert.deepEqual(anns.map((a) => a.line), [5], 'the counterexample moved from line 4 to 5; the edited certify lost its result');
  await h.changeChecked(uri, text);
});

void test('on open, results are restored from the sidecar without recomputing, and flagged stale when a model changed', async () => {
  assert.ok(existsSync(join(ws.dir, '.invcert', 'results', 'jobs.invq.results.json')));
  const second = new LspHarness();
  try {
    await second.initialize(ws.dir);
    await second.open(uri, text);
    const restored = await second.waitFor(() => second.annotations.get(uri)?.annotations.find((a) => a.line === 4), 'restored annotation');
    assert.equal(restored.kind, 'counterexample');
    assert.equal(second.progress.length, 0, 'nothing was recomputed');
    const warn = await second.waitFor(() => second.diagnostics.get(uri)?.diagnostics.find((d) => d.range.start.line === 4 && d.severity === 2), 'restored warning');
    assert.match(warn.message as string, /not injective/);
    // Replace the Brusselator model with different bytes: the result is now stale.
    copyFileSync(join(fixtureModels, 'brusselator_param.onnx'), join(ws.dir, 'keep.onnx'));
    const model = join(ws.dir, 'brusselator_param.onnx');
    const bytes = readFileSync(model);
    bytes[bytes.length - 5] ^= 0x01; // one flipped bit is enough to change the SHA-256
    (await import('node:fs')).writeFileSync(model, bytes);
    await second.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ws.uri('brusselator_param.onnx'), type: FileChangeType.Changed }] });
    await second.waitFor(() => second.annotations.get(uri)?.annotations.find((a) => a.line === 4 && a.kind === 'stale'), 'the stale flag');
  } finally {
    await second.close();
    copyFileSync(join(ws.dir, 'keep.onnx'), join(ws.dir, 'brusselator_param.onnx'));
  }
});

void test('on open, a results file left beside the query file (the earlier location) is restored and moved into .invcert/results/', async () => {
  const current = join(ws.dir, '.invcert', 'results', 'jobs.invq.results.json');
  const legacy = join(ws.dir, 'jobs.invq.results.json');
  assert.ok(existsSync(current));
  renameSync(current, legacy);
  const third = new LspHarness();
  try {
    await third.initialize(ws.dir);
    await third.open(uri, text);
    const restored = await third.waitFor(() => third.annotations.get(uri)?.annotations.find((a) => a.line === 4), 'restored annotation');
    assert.equal(restored.kind === 'counterexample' || restored.kind === 'stale', true, 'the result read from beside the query file');
    await third.waitFor(() => existsSync(current) && !existsSync(legacy), 'the results file to be moved');
  } finally {
    await third.close();
  }
});
