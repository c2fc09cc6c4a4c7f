import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HoverRequest, RequestType } from 'vscode-languageserver-protocol/node';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { jacobianDeterminantAt } from '../../src/engine/ir/jacobian';
import { loadOnnxModel } from '../../src/engine/onnx';
import type { ExportMip, GetPlotData, GetResult, ListResults, ModelSummary, RunQuery } from '../../src/shared/protocol';
import { LspHarness, scratchWorkspace } from './lspHarness';

const runQuery = new RequestType<RunQuery.Params, RunQuery.Result, void>('invcert/runQuery');
const plotData = new RequestType<GetPlotData.Params, GetPlotData.Result | null, void>('invcert/plotData');
const listResults = new RequestType<ListResults.Params, ListResults.Result, void>('invcert/listResults');
const getResult = new RequestType<GetResult.Params, GetResult.Result, void>('invcert/getResult');
const modelSummary = new RequestType<ModelSummary.Params, ModelSummary.Result, void>('invcert/modelSummary');
const exportMip = new RequestType<ExportMip.Params, ExportMip.Result, void>('invcert/exportMip');

const ws = scratchWorkspace(['brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx']);
const uri = ws.uri('plots.invq');
const text = [
  'model B = "brusselator_param.onnx"',
  'fix B[2] = 2.1',
  'certify B bl at (1.96433, 1.24951) radius 0.7',
  'model T = "vnncomp2021_test_tiny.onnx"',
  'certify T bl at (0.5) radius 0.25 method paper',
].join('\n');
let h: LspHarness;

before(async () => {
  h = new LspHarness();
  await h.initialize(ws.dir);
  await h.open(uri, text);
  await h.diagnosticsFor(uri);
  const { enqueued } = await h.client.sendRequest(runQuery, { uri, all: true });
  assert.equal(enqueued.length, 2);
  await h.waitFor(() => h.results.length === 2, 'both results', 180000);
  const sidecar = join(ws.dir, 'plots.invq.results.json');
  await h.waitFor(() => existsSync(sidecar) && (JSON.parse(readFileSync(sidecar, 'utf8')) as { records: unknown[] }).records.length === 2, 'the sidecar');
});
after(async () => {
  await h.close();
  ws.cleanup();
});

void test('plot data for 2 free inputs: domain around the centre, BL box, witness, and a fold curve where det DF changes sign', async () => {
  const r = (await h.client.sendRequest(plotData, { uri, line: 2, resolution: 60, orbitSteps: 5 }))!;
  const plot = r.plot;
  assert.equal(plot.kind, 'plane');
  if (plot.kind !== 'plane') return;
  assert.deepEqual(plot.center, [1.96433, 1.24951]);
  assert.equal(plot.blRadius, 0.7);
  assert.ok(plot.witness, 'the counterexample is drawn');
  const [[x0, x1], [y0, y1]] = plot.domain;
  assert.ok(x0 < 1.96433 - 0.7 && x1 > 1.96433 + 0.7 && y0 < 1.24951 - 0.7 && y1 > 1.24951 + 0.7);
  assert.ok(plot.foldCurve.length > 0, 'the Brusselator has a fold near P1');
  // Every traced point sits on a sign change of det DF (checked independently at ±1e-3 around it).
  const net = fixInputs(await loadOnnxModel(join(ws.dir, 'brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  const step = 1e-3;
  for (const [x, y] of plot.foldCurve.flat().filter((_, i) => i % 7 === 0)) {
    const signs = new Set([[step, 0], [-step, 0], [0, step], [0, -step]].map(([dx, dy]) => Math.sign(jacobianDeterminantAt(net, [x + dx, y + dy]))));
    assert.ok(signs.has(1) && (signs.has(-1) || signs.has(0)), `(${x}, ${y}) is on J₀`);
  }
  assert.deepEqual(plot.orbit?.[0], [1.96433, 1.24951]);
  assert.equal(plot.orbit?.length, 6);
});

void test('plot data for 1 free input is the sampled graph of F', async () => {
  const r = (await h.client.sendRequest(plotData, { uri, line: 4 }))!;
  assert.equal(r.plot.kind, 'graph');
  if (r.plot.kind !== 'graph') return;
  assert.equal(r.plot.xs.length, r.plot.outputs[0].length);
  assert.equal(r.plot.center, 0.5);
});

void test('plot data for a line without a result is null', async () => {
  assert.equal(await h.client.sendRequest(plotData, { uri, line: 0 }), null);
});

void test('listResults finds open documents and sidecars of unopened files in the workspace, newest first', async () => {
  copyFileSync(join(ws.dir, 'plots.invq.results.json'), join(ws.dir, 'other.invq.results.json'));
  writeFileSync(join(ws.dir, 'other.invq'), text);
  const { results } = await h.client.sendRequest(listResults, {});
  assert.equal(results.filter((r) => r.uri === uri).length, 2);
  assert.equal(results.filter((r) => r.uri === ws.uri('other.invq')).length, 2);
  for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].finishedAt >= results[i].finishedAt);
});

void test('getResult returns the stored record for copy-as-JSON', async () => {
  const r = (await h.client.sendRequest(getResult, { uri, line: 2 }))!;
  assert.equal(r.queryText, 'certify B bl at (1.96433, 1.24951) radius 0.7');
  assert.equal(r.result.status, 'counterexample');
});

void test('modelSummary gives markdown and structured input/output counts', async () => {
  const s = await h.client.sendRequest(modelSummary, { path: join(ws.dir, 'brusselator_param.onnx') });
  assert.equal(s.inputCount, 3);
  assert.equal(s.outputCount, 2);
  assert.equal(s.inputNames?.length, 3);
  assert.match(s.markdown, /\| inputs \| .*\(3 values\)/);
  const named = await h.client.sendRequest(modelSummary, { uri, model: 'B' });
  assert.match(named.markdown, /fixed inputs \| \[2\] = 2\.1/);
});

void test('exportMip writes the exact MIP of a query as LP', async () => {
  const path = join(ws.dir, 'tiny.lp');
  const r = await h.client.sendRequest(exportMip, { uri, line: 4, format: 'lp', path });
  assert.equal(r.path, path);
  assert.ok(r.bytes > 0);
  assert.match(readFileSync(path, 'utf8'), /(?:subject to|st)/i);
  // The stored result of that line is unchanged by an export run.
  assert.equal(h.results.filter((x) => x.line === 4).length, 1);
});

void test('malformed requests never kill the server', async () => {
  await assert.rejects(h.client.sendRequest(exportMip, { uri: 'file:///nope.invq', line: 0, format: 'lp', path: '/tmp/x.lp' }));
  const bogus = await h.client.sendRequest(runQuery, { uri: 'file:///nope.invq', line: 3 });
  assert.deepEqual(bogus.enqueued, []);
  assert.equal(await h.client.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:x' }, position: { line: 99, character: 99 } }), null);
  assert.equal(await h.client.sendRequest(plotData, { uri: 'file:///nope.invq', line: 0 }), null);
  // Still serving: the stored result is there.
  assert.ok(await h.client.sendRequest(getResult, { uri, line: 2 }));
});
