// Restricted Mode and paths outside the workspace, as the server enforces them: the extension starts it with
// initializationOptions { workspaceTrusted } and sends invcert/workspaceTrust when the user grants trust; run
// requests carry the outside paths the user allowed.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { test } from 'node:test';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { CancelJob, RunQuery, WorkspaceTrust } from '../../src/shared/protocol';
import { isInside, pathsOutside } from '../../src/server/workspaceAccess';
import { serverSession } from '../helpers/serverHarness';

const text = [
  'model T = "vnncomp2021_test_tiny.onnx"', //                          0
  'certify T bl at (0.5) radius 0.25', //                                 1
  'prune T levels 50 on [0, 1] at (0.5) out "../{outside}/"', //          2
].join('\n');
const { ws, h } = serverSession(['vnncomp2021_test_tiny.onnx'], {
  initializationOptions: { workspaceTrusted: false },
});
const uri = ws.uri('trust.invq');
const outsideDir = resolve(ws.dir, '..', `${basename(ws.dir)}-pruned`);
const sidecar = join(ws.dir, '.invcert', 'results', 'trust.invq.results.json');

const lensTitles = async (): Promise<string[]> =>
  ((await h.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []).map((l) => l.command?.title ?? '');

void test('in Restricted Mode diagnostics still come, but a run is refused with needsTrust, nothing runs and no results file is written', async () => {
  const diagnostics = await h.openChecked(uri, text.replace('{outside}', basename(outsideDir)));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], 'the document checks without errors');
  const r = await h.client.sendRequest(RunQuery.type, { uri, line: 1 });
  assert.deepEqual(r.enqueued, []);
  assert.equal(r.needsTrust, true);
  assert.match(r.rejected[0].reason, /Restricted Mode/);
  assert.ok((await lensTitles()).some((t) => /Run \(Restricted Mode/.test(t)), 'the Run lens says why it will not run');
  assert.equal(h.statuses.at(-1)?.jobs.length ?? 0, 0, 'no job was started');
  assert.equal(existsSync(sidecar), false);
});

void test('after the workspaceTrust notification the same run goes ahead without a restart and its result is stored', async () => {
  const refreshes = h.lensRefreshes.length;
  await h.client.sendNotification(WorkspaceTrust.type, { trusted: true });
  await h.waitFor(() => h.lensRefreshes.length > refreshes, 'the client asked to re-read the lenses');
  assert.ok((await lensTitles()).includes('▶ Run'), 'the Run lens is the plain one again');
  const r = await h.client.sendRequest(RunQuery.type, { uri, line: 1 });
  assert.equal(r.enqueued.length, 1, JSON.stringify(r.rejected));
  await h.waitFor(() => h.results.find((x) => x.jobId === r.enqueued[0]), 'the result', 120_000);
  await h.waitFor(() => existsSync(sidecar), 'the results file');
});

void test("a prune whose out folder resolves outside the workspace folder is rejected naming it, and runs once the request allows it", async (t) => {
  t.after(() => rmSync(outsideDir, { recursive: true, force: true }));
  const refused = await h.client.sendRequest(RunQuery.type, { uri, line: 2 });
  assert.deepEqual(refused.enqueued, []);
  assert.deepEqual(refused.outsideWorkspace, [outsideDir]);
  assert.match(refused.rejected[0].reason, new RegExp(`${outsideDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is outside the workspace folder`));
  assert.equal(existsSync(outsideDir), false, 'nothing was written there');

  const allowed = await h.client.sendRequest(RunQuery.type, { uri, line: 2, allowOutsideWorkspace: [outsideDir] });
  assert.equal(allowed.enqueued.length, 1, JSON.stringify(allowed.rejected));
  assert.equal(allowed.outsideWorkspace, undefined);
  await h.client.sendRequest(CancelJob.type, { jobId: allowed.enqueued[0] });
});

void test('a path is inside a root only below it: a sibling sharing its prefix and a ".." escape are outside', () => {
  assert.equal(isInside('/ws/models/a.onnx', '/ws'), true);
  assert.equal(isInside('/ws', '/ws'), true);
  assert.equal(isInside('/ws/models/../pruned/', '/ws'), true);
  assert.equal(isInside('/ws-other/a.onnx', '/ws'), false);
  assert.equal(isInside('/ws/../etc/a.onnx', '/ws'), false);
  assert.equal(isInside('/ws/..hidden/a.onnx', '/ws'), true, 'a folder whose name starts with two dots is still inside');
  assert.deepEqual(pathsOutside(['/ws/a.onnx', '/tmp/out/', '/tmp/out/', '/b/c.onnx'], ['/ws', '/b']), ['/tmp/out/']);
});
