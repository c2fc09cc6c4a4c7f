// Studies in the language server (issue #15): an orbit and a radius map of the Brusselator run as one job each from
// their code lens, report "k of n instances", stream every finished instance (StudyProgress, the live store), write
// each at once to the batch folder and, when all are in, the study record into the results file. A cancel keeps the
// finished instances and the re-run answers only the rest, also after a server restart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import type { StudyRecord } from '../../src/server/results/sidecar';
import { CancelJob, ListResults, RunQuery, StudyProgress } from '../../src/shared/protocol';
import { LspHarness, serverSession } from '../helpers/serverHarness';

const text = [
  'model B = "brusselator_param.onnx"', //                                        0
  'fix B[2] = 2.1', //                                                           1
  'domain D = [0, 3] x [0, 4]', //                                               2
  'orbit B from (1.96433, 1.24951) steps 3 radius bl, pi within D', //           3
  'map B bl on D grid 3 x 3', //                                                 4
  'certify B bl at (1.96433, 1.24951) radius 0.05 norm inf', //                 5
].join('\n');
const { ws, h } = serverSession(['brusselator_param.onnx'], { open: { 'study.invq': text } });
const uri = ws.uri('study.invq');
const resultsFile = (): string => join(ws.dir, '.invcert', 'results', 'study.invq.results.json');
const batchInstances = (): string[] => readdirSync(join(ws.dir, '.invcert', 'batches', 'study.invq', 'instances')).filter((n) => n.endsWith('.json'));

/** Every StudyProgress a harness received, in order. */
function recordStudyProgress(harness: LspHarness): StudyProgress.Params[] {
  const seen: StudyProgress.Params[] = [];
  harness.client.onNotification(StudyProgress.type, (p) => { seen.push(p); });
  return seen;
}
const progress = recordStudyProgress(h);

async function lensesAt(harness: LspHarness, line: number): Promise<Array<{ title: string; command: string; args: unknown[] }>> {
  const lenses = await harness.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  return (lenses ?? []).filter((l) => l.range.start.line === line).map((l) => ({ title: l.command?.title ?? '', command: l.command?.command ?? '', args: l.command?.arguments ?? [] }));
}

/** Runs a study as its code lens does: the lens's command argument sent as RunQuery. */
async function runFromLens(harness: LspHarness, line: number, title: RegExp): Promise<string> {
  const lens = (await lensesAt(harness, line)).find((l) => title.test(l.title));
  assert.ok(lens, `a lens matching ${String(title)} on line ${line}: ${(await lensesAt(harness, line)).map((l) => l.title).join(' | ')}`);
  assert.equal(lens.command, 'invcert.runQuery');
  const r = await harness.client.sendRequest(RunQuery.type, lens.args[0] as RunQuery.Params);
  assert.deepEqual(r.rejected, []);
  assert.equal(r.enqueued.length, 1);
  return r.enqueued[0];
}

const stoppedAfter = (seen: readonly StudyProgress.Params[], from: number, line: number): StudyProgress.Params | undefined =>
  seen.slice(from).find((p) => p.line === line && !p.running);

const studyInFile = (line: number): StudyRecord | undefined =>
  (JSON.parse(readFileSync(resultsFile(), 'utf8')) as { studies?: StudyRecord[] }).studies?.find((s) => s.line === line);

void test('the orbit and map statements parse, check and run end to end in the language server', async () => {
  const errors = h.diagnostics.get(uri)?.diagnostics.filter((d) => d.severity === 1) ?? [];
  assert.deepEqual(errors.map((d) => d.message), []);
  assert.ok((await lensesAt(h, 3)).some((l) => l.title === '▶ Run study (8 instances)'));
  assert.ok((await lensesAt(h, 4)).some((l) => l.title === '▶ Run study (9 instances)'));
  const from = progress.length;
  await runFromLens(h, 3, /^▶ Run study/);
  const end = await h.waitFor(() => stoppedAfter(progress, from, 3), 'the orbit to stop', 600_000);
  assert.deepEqual([end.done, end.total], [8, 8]);
  // StudyProgress at the start, after every instance (done 1 … 8), and at the stop.
  const mine = progress.slice(from).filter((p) => p.line === 3);
  assert.deepEqual(mine.filter((p) => p.running).map((p) => p.done), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  // The work-done progress is titled by the study and counts instances, naming the last one (the title is not
  // repeated in the message: the notification shows both).
  assert.ok(h.progress.some((p) => p.value.kind === 'begin' && /^orbit B /.test(p.value.title ?? '')), h.progress.map((p) => p.value.title).join('\n'));
  const reports = h.progress.filter((p) => p.value.kind === 'report' && /^\d+ of 8 instances \(k\d-(bl|pi)\)$/.test(p.value.message ?? ''));
  assert.equal(reports.length, 8, h.progress.map((p) => p.value.message).join('\n'));
  assert.ok(reports.some((p) => p.value.message === '8 of 8 instances (k3-pi)'));
  const record = await h.waitFor(() => { try { return studyInFile(3); } catch { return undefined; } }, 'the orbit in the results file');
  assert.equal(record.study.kind, 'orbit');
  assert.deepEqual(record.instances.map((i) => i.key), ['k0-bl', 'k0-pi', 'k1-bl', 'k1-pi', 'k2-bl', 'k2-pi', 'k3-bl', 'k3-pi']);
  assert.ok(record.instances.every((i) => ['certified', 'unresolved'].includes(i.result.status)), record.instances.map((i) => i.result.message).join('\n'));
  // The inline text, the hover and the list use the study's one verdict.
  const annotation = await h.waitFor(() => h.annotations.get(uri)?.annotations.find((a) => a.line === 3 && a.kind !== 'running'), 'the orbit verdict');
  assert.match(annotation.text, /^[✓?⚠] 4 of 4 states · r_BL ≥ /);
  assert.match((await h.hoverText(uri, 3, 2)) ?? '', new RegExp(`^\\*\\*${annotation.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*\\*`));
  const list = await h.client.sendRequest(ListResults.type, {});
  const listed = list.studies?.find((s) => s.uri === uri && s.line === 3);
  assert.deepEqual([listed?.done, listed?.total, listed?.verdict], [8, 8, annotation.text]);
  assert.ok((await lensesAt(h, 3)).some((l) => l.title === 'Show in panel'));
});

void test('running a query keeps the study records the results file already holds', async () => {
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 5 });
  await h.waitFor(() => h.results.find((r) => r.jobId === enqueued[0]), 'the query result', 300_000);
  const written = await h.waitFor(() => {
    const f = JSON.parse(readFileSync(resultsFile(), 'utf8')) as { records: Array<{ line: number }>; studies?: StudyRecord[] };
    return f.records.some((r) => r.line === 5) ? f : undefined;
  }, 'the query in the results file');
  assert.deepEqual(written.studies?.map((s) => [s.line, s.instances.length]), [[3, 8]]);
});

void test('an edit elsewhere keeps a study\'s instances; an edit of its line starts it afresh', async () => {
  const lines = text.split('\n');
  lines[5] = 'certify B bl at (1.96433, 1.24951) radius 0.04 norm inf';
  await h.changeChecked(uri, lines.join('\n'));
  assert.match((await h.hoverText(uri, 3, 2)) ?? '', /^\*\*[✓?⚠] 4 of 4 states/);
  lines[3] = 'orbit B from (1.96433, 1.24951) steps 1 radius bl, pi within D';
  await h.changeChecked(uri, lines.join('\n'));
  const titles = (await lensesAt(h, 3)).map((l) => l.title);
  assert.ok(titles.includes('▶ Run study (4 instances)') && !titles.includes('Show in panel'), titles.join(' | '));
  const from = progress.length;
  await runFromLens(h, 3, /^▶ Run study \(4 instances\)/);
  await h.waitFor(() => stoppedAfter(progress, from, 3), 'the edited orbit to stop', 600_000);
  assert.deepEqual(progress.slice(from).filter((p) => p.line === 3 && p.running).map((p) => p.done), [0, 1, 2, 3, 4], 'every instance of the edited line runs');
  await h.changeChecked(uri, text);
});

void test('a cancelled study keeps its finished instances, and after a server restart the re-run answers only the rest', async () => {
  const from = progress.length;
  const jobId = await runFromLens(h, 4, /^▶ Run study \(9 instances\)/);
  await h.waitFor(() => progress.slice(from).some((p) => p.line === 4 && p.running && p.done >= 2), 'two map cells', 600_000);
  await h.client.sendRequest(CancelJob.type, { jobId });
  const stopped = await h.waitFor(() => stoppedAfter(progress, from, 4), 'the map to stop');
  assert.ok(stopped.done >= 2 && stopped.done < 9, `stopped at ${stopped.done} of 9`);
  const kept = batchInstances().filter((n) => n.startsWith('L5-'));
  assert.equal(kept.length, stopped.done, 'every finished cell is on disk, and only those');
  const keptAt = new Map(kept.map((n) => [n, readFileSync(join(ws.dir, '.invcert', 'batches', 'study.invq', 'instances', n), 'utf8')]));
  assert.ok((await lensesAt(h, 4)).some((l) => l.title === `▶ Resume (${stopped.done} of 9 done)`));

  // A new server on the same workspace: the finished cells are there, and only the others run. (The first server is
  // disposed, not sent 'exit': that would end this test process.)
  await h.server.dispose();
  const again = new LspHarness();
  const seen = recordStudyProgress(again);
  try {
    await again.initialize(ws.dir);
    await again.openChecked(uri, text);
    // The batch folder is read when the document opens: the lens offers to resume once it has been.
    let resume = false;
    for (let tries = 0; !resume && tries < 200; tries++) {
      resume = (await lensesAt(again, 4)).some((l) => l.title === `▶ Resume (${stopped.done} of 9 done)`);
      if (!resume) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(resume, (await lensesAt(again, 4)).map((l) => l.title).join(' | '));
    await runFromLens(again, 4, /^▶ Resume/);
    const end = await again.waitFor(() => stoppedAfter(seen, 0, 4), 'the map to finish', 600_000);
    assert.deepEqual([end.done, end.total], [9, 9]);
    const answered = seen.filter((p) => p.line === 4 && p.running).map((p) => p.done);
    assert.deepEqual(answered, Array.from({ length: 9 - stopped.done + 1 }, (_, k) => stopped.done + k), 'the re-run answers only the cells left');
    for (const [name, body] of keptAt) assert.equal(readFileSync(join(ws.dir, '.invcert', 'batches', 'study.invq', 'instances', name), 'utf8'), body, `${name} was not redone`);
    const record = await again.waitFor(() => studyInFile(4), 'the map in the results file');
    assert.equal(record.instances.length, 9);
    assert.deepEqual(record.instances.map((i) => i.key).slice(0, 4), ['i0-j0', 'i1-j0', 'i2-j0', 'i0-j1']);
    assert.ok(studyInFile(3), 'the orbit stays in the results file');
  } finally {
    await again.close();
  }
});
