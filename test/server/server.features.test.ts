import assert from 'node:assert/strict';
import { mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CodeLensRequest, CompletionRequest } from 'vscode-languageserver-protocol/node';
import { fixtureModels, serverSession } from '../helpers/serverHarness';

const doc = [
  'model F = "brusselator_param.onnx"', //            0
  'fix F[2] = 2.1', //                                1
  'domain D = [0, 3] x [0, 4]', //                    2
  'point P = (1.96433, 1.24951)', //                  3
  'certify F bl at (1.96433, 1.24951) radius 0.6', // 4
  'radius F pi at P within D', //                     5
  'model ', //                                        6
  'certify F bl at P radius 0.5 ', //                 7
].join('\n');
const { ws, h } = serverSession(['brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx'], {
  prepare: (dir) => {
    mkdirSync(join(dir, 'nets'));
    cpSync(join(fixtureModels, 'mlp_gemm.onnx'), join(dir, 'nets', 'mlp_gemm.onnx'));
  },
  open: { 'main.invq': doc },
});
const uri = ws.uri('main.invq');

const completeAt = async (line: number, character: number): Promise<string[]> => {
  const r = await h.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  return ((Array.isArray(r) ? r : (r?.items ?? []))).map((i) => i.label);
};
const hoverAt = (line: number, character: number): Promise<string | undefined> => h.hoverText(uri, line, character);

void test('completion offers statement keywords at the start of a line', async () => {
  const labels = await completeAt(6, 0);
  for (const k of ['model', 'fix', 'domain', 'point', 'radius', 'certify', 'match', 'prune']) assert.ok(labels.includes(k), k);
});

void test('completion offers declared models, points and domains where they belong', async () => {
  assert.deepEqual(await completeAt(4, 8), ['F']);
  assert.deepEqual(await completeAt(5, 16), ['P']);
  assert.deepEqual(await completeAt(5, 25), ['D']);
});

void test('completion offers the options not yet given, and option values', async () => {
  const labels = await completeAt(7, 29);
  assert.deepEqual(labels.sort(), ['budget', 'method', 'norm', 'timeout', 'within']);
  const norms = await completeAt(4, 10);
  assert.deepEqual(norms.sort(), ['bl', 'pi']);
});

void test('completion inside a model path lists .onnx files relative to the query file', async () => {
  await h.changeChecked(uri, doc.replace('\nmodel \n', '\nmodel G = "\n'));
  try {
    const labels = await completeAt(6, 11);
    assert.deepEqual(labels.sort(), ['brusselator_param.onnx', 'nets/mlp_gemm.onnx', 'vnncomp2021_test_tiny.onnx']);
  } finally {
    await h.changeChecked(uri, doc);
  }
});

void test('hover on a model line summarises the network with its fixed inputs', async () => {
  const md = (await hoverAt(0, 3))!;
  assert.match(md, /3 → 64 \(ReLU\) → 64 \(ReLU\) → 2; 128 ReLUs/);
  assert.match(md, /\| ReLUs \| 128 \|/);
  assert.match(md, /fixed inputs \| \[2\] = 2\.1/);
  assert.match(md, /free inputs \| \[0\], \[1\] → square map/);
});

void test('hover on a point literal evaluates F there in float64 with the sign of det DF', async () => {
  const md = (await hoverAt(4, 20))!;
  assert.match(md, /\*\*F\(1\.96433, 1\.24951\)\*\* = `\(-?\d/);
  assert.match(md, /det DF = -?[\d.e-]+: (positive|negative)/);
});

void test('hover on a named point declaration evaluates every model it fits', async () => {
  const md = (await hoverAt(3, 14))!;
  assert.match(md, /\*\*F\(1\.96433, 1\.24951\)\*\*/);
});

void test('hover on a keyword explains it', async () => {
  assert.match((await hoverAt(5, 1))!, /largest certified ball/);
});

void test('each runnable query gets a Run lens, and the first a Run all lens', async () => {
  const lenses = await h.client.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  const titles = (lenses ?? []).map((l) => `${l.range.start.line}:${l.command?.title ?? ''}`);
  assert.deepEqual(titles, ['4:▶ Run', '4:▶ Run all (3)', '5:▶ Run', '7:▶ Run']);
  const run = lenses!.find((l) => l.range.start.line === 5)!.command!;
  assert.equal(run.command, 'invcert.runQuery');
  assert.deepEqual(run.arguments, [{ uri, line: 5 }]);
});

void test('the status notification reports how long the last check took', async () => {
  const s = await h.waitFor(() => h.statuses.find((x) => x.lastValidation?.uri === uri), 'a status with lastValidation');
  assert.ok(s.lastValidation!.millis >= 0);
  assert.deepEqual(s.jobs, []);
});
