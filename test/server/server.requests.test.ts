import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { jacobianDeterminantAt } from '../../src/engine/ir/jacobian';
import { loadOnnxModel } from '../../src/engine/onnx';
import { ExportMip, GetPlotData, GetResult, ListResults, ModelSummary, RunQuery } from '../../src/shared/protocol';
import { serverSession } from '../helpers/serverHarness';

const text = [
  'model B = "brusselator_param.onnx"',
  'fix B[2] = 2.1',
  'certify B bl at (1.96433, 1.24951) radius 0.7',
  'model T = "vnncomp2021_test_tiny.onnx"',
  'certify T bl at (0.5) radius 0.25 method paper',
].join('\n');
const { ws, h } = serverSession(['brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx'], {
  open: { 'plots.invq': text },
  ready: async (h, ws) => {
    const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri: ws.uri('plots.invq'), all: true });
    assert.equal(enqueued.length, 2);
    await h.waitFor(() => h.results.length === 2, 'both results', 180000);
    const sidecar = join(ws.dir, '.invcert', 'results', 'plots.invq.results.json');
    await h.waitFor(() => existsSync(sidecar) && (JSON.parse(readFileSync(sidecar, 'utf8')) as { records: unknown[] }).records.length === 2, 'the sidecar');
  },
});
const uri = ws.uri('plots.invq');

void test('plot data for 2 free inputs: domain around the centre, BL box, witness, and a fold curve where det DF changes sign', async () => {
  const r = (await h.client.sendRequest(GetPlotData.type, { uri, line: 2, resolution: 60, orbitSteps: 5 }))!;
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
  const r = (await h.client.sendRequest(GetPlotData.type, { uri, line: 4 }))!;
  assert.equal(r.plot.kind, 'graph');
  if (r.plot.kind !== 'graph') return;
  assert.equal(r.plot.xs.length, r.plot.outputs[0].length);
  assert.equal(r.plot.center, 0.5);
});

void test('plot data for a line without a result is null', async () => {
  assert.equal(await h.client.sendRequest(GetPlotData.type, { uri, line: 0 }), null);
});

void test('listResults finds open documents and sidecars of unopened files in the workspace, newest first', async () => {
  copyFileSync(join(ws.dir, '.invcert', 'results', 'plots.invq.results.json'), join(ws.dir, '.invcert', 'results', 'other.invq.results.json'));
  writeFileSync(join(ws.dir, 'other.invq'), text);
  const { results } = await h.client.sendRequest(ListResults.type, {});
  assert.equal(results.filter((r) => r.uri === uri).length, 2);
  assert.equal(results.filter((r) => r.uri === ws.uri('other.invq')).length, 2);
  for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].finishedAt >= results[i].finishedAt);
});

void test('getResult returns the stored record for copy-as-JSON', async () => {
  const r = (await h.client.sendRequest(GetResult.type, { uri, line: 2 }))!;
  assert.equal(r.queryText, 'certify B bl at (1.96433, 1.24951) radius 0.7');
  assert.equal(r.result.status, 'counterexample');
});

void test('modelSummary gives markdown and structured input/output counts', async () => {
  const s = await h.client.sendRequest(ModelSummary.type, { path: join(ws.dir, 'brusselator_param.onnx') });
  assert.equal(s.inputCount, 3);
  assert.equal(s.outputCount, 2);
  assert.equal(s.inputNames?.length, 3);
  assert.match(s.hash ?? '', /^[0-9a-f]{64}$/, 'the file hash keys the wizard memory');
  assert.match(s.markdown, /\| inputs \| .*\(3 values\)/);
  const named = await h.client.sendRequest(ModelSummary.type, { uri, model: 'B' });
  assert.match(named.markdown, /fixed inputs \| \[2\] = 2\.1/);
});

void test('exportMip writes the exact MIP of a query as LP', async () => {
  const path = join(ws.dir, 'tiny.lp');
  const r = await h.client.sendRequest(ExportMip.type, { uri, line: 4, format: 'lp', path });
  assert.equal(r.path, path);
  assert.ok(r.bytes > 0);
  assert.match(readFileSync(path, 'utf8'), /(?:subject to|st)/i);
  // The stored result of that line is unchanged by an export run.
  assert.equal(h.results.filter((x) => x.line === 4).length, 1);
});

void test('malformed requests never kill the server', async () => {
  await assert.rejects(h.client.sendRequest(ExportMip.type, { uri: 'file:///nope.invq', line: 0, format: 'lp', path: '/tmp/x.lp' }));
  const bogus = await h.client.sendRequest(RunQuery.type, { uri: 'file:///nope.invq', line: 3 });
  assert.deepEqual(bogus.enqueued, []);
  assert.equal(await h.hoverText('untitled:x', 99, 99), undefined);
  assert.equal(await h.client.sendRequest(GetPlotData.type, { uri: 'file:///nope.invq', line: 0 }), null);
  // Still serving: the stored result is there.
  assert.ok(await h.client.sendRequest(GetResult.type, { uri, line: 2 }));
});
