// The language server under hostile input: hundreds of malformed models, a file of syntax errors, a query worker
// killed in the middle of a job. Each gets a clear diagnostic or an 'error' result, and the server keeps answering.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { WorkerExecutor } from '../../src/server/jobs/workerExecutor';
import type { ResultReady, RunQuery, Status } from '../../src/shared/protocol';
import { malformedOnnxCorpus } from '../resilience/malformedOnnx';
import type { LspSession } from '../resilience/lspHarness';
import { startLspSession } from '../resilience/lspHarness';

const corpus = malformedOnnxCorpus();
const dir = mkdtempSync(join(tmpdir(), 'invcert-lsp-resilience-'));
const executor = new WorkerExecutor();
let lsp: LspSession;

before(async () => {
  corpus.forEach((c, i) => writeFileSync(join(dir, `bad_${i}.onnx`), c.bytes));
  for (const m of ['vnncomp2021_test_tiny.onnx', 'acasxu_run2a_1_1.onnx']) copyFileSync(join(__dirname, '..', 'fixtures', 'workspace', m), join(dir, m));
  lsp = await startLspSession(dir, { executor });
});
after(async () => {
  await lsp.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function hoverAt(uri: string, line: number, character: number): Promise<Hover | null> {
  return lsp.client.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
}

void test('every malformed model gets an error on its model line, and the server answers the next request', async () => {
  const problems: string[] = [];
  for (const [i, c] of corpus.entries()) {
    const uri = await lsp.open(join(dir, `q${i}.invq`), `model m = "bad_${i}.onnx"\ncertify m bl at (0.5, 0.5) radius 0.1 norm inf\n`);
    const diagnostics = await lsp.diagnostics(uri, () => true);
    const onModel = diagnostics.filter((d) => d.range.start.line === 0 && d.severity === DiagnosticSeverity.Error);
    if (c.expect === 'error' && !onModel.some((d) => (typeof d.message === 'string' ? d.message : d.message.value).trim().length > 10)) problems.push(`${c.name}: no clear error on the model line (${JSON.stringify(diagnostics.map((d) => d.message))})`);
    // The next request after each bad model must be answered (a hover on the model line).
    await hoverAt(uri, 0, 2);
    await lsp.close(uri);
  }
  assert.deepEqual(problems, []);
  assert.ok(corpus.length >= 200);
});

void test('after the malformed models the server still checks and completes a good document', async () => {
  const uri = await lsp.open(join(dir, 'good.invq'), 'model tiny = "vnncomp2021_test_tiny.onnx"\ncertify tiny bl at (0.5) radius 0.25 norm inf\n\n');
  const diagnostics = await lsp.diagnostics(uri, () => true);
  assert.deepEqual(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  const items = await lsp.client.sendRequest<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 0 } });
  const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
  assert.ok(labels.includes('certify') && labels.includes('radius'), labels.join(', '));
  await lsp.close(uri);
});

void test('a query file with a syntax error on every line gets a diagnostic per line and no crash', async () => {
  const lines = [
    'modle m = "x.onnx"', 'model = "x.onnx"', 'fix m[ = 2', 'domain D = [0, 3 x [0, 4]', 'point P = (1.5,', 'certify m bl at radius 0.5',
    'radius m xx at (1, 2)', 'match a b discrepancy on', 'prune m levels on [0, 1]', 'certify m bl at (1, 2) radius 0.5 norm 7', '@@@ %%% !!!', '"unterminated',
  ];
  const uri = await lsp.open(join(dir, 'broken.invq'), lines.join('\n'));
  const diagnostics = await lsp.diagnostics(uri, (d) => d.length > 0);
  const flagged = new Set(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.range.start.line));
  assert.deepEqual([...flagged].sort((a, b) => a - b), lines.map((_, i) => i));
  assert.notEqual(await hoverAt(uri, 0, 1), undefined, 'the server answers a hover afterwards');
  await lsp.close(uri);
});

void test('a query worker killed in the middle of a job ends that job with an error result, and the next job succeeds', async () => {
  const longUri = await lsp.open(join(dir, 'long.invq'), 'model acas = "acasxu_run2a_1_1.onnx"\nradius acas bl at (0, 0, 0, 0, 0) method paper norm inf timeout 3600\n');
  await lsp.diagnostics(longUri, () => true);
  const run = await lsp.client.sendRequest<RunQuery.Result>('invcert/runQuery', { uri: longUri, line: 1 });
  assert.equal(run.enqueued.length, 1, JSON.stringify(run.rejected));
  const [jobId] = run.enqueued;
  await lsp.notification<Status.Params>('invcert/status', (s) => s.jobs.some((j) => j.jobId === jobId && j.phase !== 'queued' && j.phase !== 'load'), 60_000);
  const worker = (executor as unknown as { worker: { terminate(): Promise<number> } | null }).worker;
  assert.ok(worker, 'the executor runs the job on a worker thread');
  await worker.terminate();
  const failed = await lsp.notification<ResultReady.Params>('invcert/result', (r) => r.jobId === jobId, 30_000);
  assert.equal(failed.result.status, 'error');
  assert.match(failed.result.message, /worker|exited|crash/i);

  const tinyUri = await lsp.open(join(dir, 'after.invq'), 'model tiny = "vnncomp2021_test_tiny.onnx"\ncertify tiny bl at (0.5) radius 0.25 norm inf\n');
  await lsp.diagnostics(tinyUri, () => true);
  const next = await lsp.client.sendRequest<RunQuery.Result>('invcert/runQuery', { uri: tinyUri, line: 1 });
  const done = await lsp.notification<ResultReady.Params>('invcert/result', (r) => r.jobId === next.enqueued[0], 120_000);
  assert.ok(done.result.status === 'certified' || done.result.status === 'counterexample', done.result.message);
});
