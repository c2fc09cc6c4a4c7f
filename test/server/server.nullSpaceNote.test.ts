// The editor's note on a map that cannot be injective comes with the pair: computed on the query worker after the
// document is checked (never on the typing path), accepted by the one rule (float64 + onnxruntime-web against the
// model file), and published as a refreshed diagnostic, a hover on the query line and a quick fix adding the points.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx } from '../../src/engine/onnx';
import { maxAbs } from '../../src/engine/norms/norm';
import { serverSession, fixtureModels } from '../helpers/serverHarness';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const { ws, h } = serverSession(['brusselator_param.onnx']);

/** The 'non-square' diagnostic once its text carries a pair (or says none was found). */
async function noteWithPair(uri: string): Promise<{ severity: Diagnostic['severity']; message: string }> {
  const d = await h.waitFor(() => h.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'non-square' && !/Looking for a colliding pair/.test(x.message as string)),
    `the note's pair for ${uri}`, 60_000);
  return { severity: d.severity, message: d.message as string };
}

/** The pair the quick fix would add, at full precision, read back from its `point` lines. */
async function pairFromQuickFix(uri: string, line: number): Promise<number[][]> {
  const actions = (await h.client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] },
  })) as CodeAction[];
  const add = actions.find((a) => /the null-space pair|colliding pair x, y from the note|other preimage x of F\(c\) from the note/.test(a.title));
  assert.ok(add, `a quick fix adding the pair (got ${actions.map((a) => a.title).join('; ')})`);
  const text = Object.values(add.edit?.changes ?? {})[0][0].newText;
  return [...text.matchAll(/point \w+ = \(([^)]*)\)/g)].map((m) => m[1].split(',').map(Number));
}

const gap = (net: ReturnType<typeof parseOnnx>, x: number[], y: number[]): number => {
  const fx = forward(net, x), fy = forward(net, y);
  return maxAbs(fx.map((v, i) => v - fy[i]));
};

void test('a 3 → 2 map: the BL note shows a colliding pair re-checked in float64 and onnxruntime-web, and the pair collides', async () => {
  const uri = ws.uri('wide.invq');
  const ds = await h.openChecked(uri, 'model F = "brusselator_param.onnx"\ncertify F bl at (1, 1, 2) radius 0.1\n');
  assert.match((ds.find((d) => d.code === 'non-square')?.message ?? '') as string, /cannot be injective/);
  const note = await noteWithPair(uri);
  assert.equal(note.severity, 3);
  assert.match(note.message, /^F maps 3 free inputs to 2 outputs: not injective\. x = \([^)]+\), y = \([^)]+\) have F\(x\) = F\(y\) \(re-checked in float64 and onnxruntime-web, ‖F\(x\)−F\(y\)‖∞ = [^)]+\)$/);
  // The digits shown tell x and y apart.
  const [, x, y] = /x = (\([^)]+\)), y = (\([^)]+\))/.exec(note.message) ?? [];
  assert.notEqual(x, y);
  const [px, py] = await pairFromQuickFix(uri, 1);
  const net = parseOnnx(readFileSync(`${fixtureModels}/brusselator_param.onnx`), 'brusselator_param.onnx');
  assert.ok(maxAbs(px.map((v, i) => v - py[i])) > 1e-4, 'x and y are distinct');
  assert.ok(gap(net, px, py) <= 1e-6, `F(x) − F(y) = ${gap(net, px, py)}`);
  for (const p of [px, py]) for (let i = 0; i < 3; i++) assert.ok(Math.abs(p[i] - [1, 1, 2][i]) <= 0.1 + 1e-9, 'inside the query ball');
  // The query line's hover carries the same note before any run.
  assert.equal(await h.hoverText(uri, 1, 9), note.message);
});

void test('the PI note pairs the centre with another preimage of F(c)', async () => {
  const uri = ws.uri('widePi.invq');
  await h.openChecked(uri, 'model F = "brusselator_param.onnx"\nradius F pi at (1, 1, 2)\n');
  const note = await noteWithPair(uri);
  assert.match(note.message, /not injective\. x = \([^)]+\), c = \(1, 1, 2\) have F\(x\) = F\(c\) \(re-checked in float64 and onnxruntime-web/);
});

void test('784-input MNIST: the note lists where x and y differ, and the pair collides in the model file', { skip: skipWithoutSharedModels }, async () => {
  const uri = ws.uri('mnist.invq');
  const path = sharedModel('mnist_256x2.onnx');
  const grey = Array<string>(784).fill('0.5').join(', ');
  await h.openChecked(uri, `model M = "${path}"\ncertify M bl at (${grey}) radius 0.01\n`);
  const note = await noteWithPair(uri);
  assert.match(note.message, /^M maps 784 free inputs to 10 outputs: not injective\. x and y differ only in inputs (\[\d+\], )*\[\d+\] \(\d+ of 784\), where x = \([^)]+\) and y = \([^)]+\); F\(x\) = F\(y\) \(re-checked in float64 and onnxruntime-web/);
  const [px, py] = await pairFromQuickFix(uri, 1);
  assert.equal(px.length, 784);
  const net = parseOnnx(readFileSync(path), path);
  assert.ok(maxAbs(px.map((v, i) => v - py[i])) > 1e-4, 'x and y are distinct');
  assert.ok(gap(net, px, py) <= 1e-6 * (1 + maxAbs(forward(net, px))), `F(x) − F(y) = ${gap(net, px, py)}`);
});
