import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { serverSession } from '../helpers/serverHarness';

const { ws, h } = serverSession(['brusselator_param.onnx', 'vnncomp2021_test_tiny.onnx', 'mlp_gemm.onnx'], {
  prepare: (dir) => writeFileSync(join(dir, 'garbage.onnx'), 'this is not a protobuf at all \u0000\u0001\u0002'),
});
let n = 0;

const diagnose = (text: string): Promise<Diagnostic[]> => h.openChecked(ws.uri(`doc${n++}.invq`), text);

const header = 'model F = "brusselator_param.onnx"\nfix F[2] = 2.1\n';
const onLine = (ds: Diagnostic[], line: number): Diagnostic[] => ds.filter((d) => d.range.start.line === line);

void test('a well-formed document has no diagnostics', async () => {
  const ds = await diagnose(`${header}domain D = [0, 3] x [0, 4]\npoint P = (1.96, 1.25)\nradius F bl at P within D\ncertify F pi at (0.66, 1.99) radius 3\n`);
  assert.deepEqual(ds, []);
});

void test('a syntax error is an error on the offending token', async () => {
  const ds = await diagnose(`${header}certify F bl at (1, 2) radius`);
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 1);
  assert.equal(ds[0].code, 'syntax');
  assert.match(ds[0].message as string, /expected a radius at end of line/);
  assert.equal(ds[0].range.start.line, 2);
});

void test('a missing model file is reported on its path', async () => {
  const ds = await diagnose('model F = "nowhere.onnx"\n');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].code, 'missing-model');
  assert.match(ds[0].message as string, /model file not found: .*nowhere\.onnx/);
  assert.deepEqual(ds[0].range, { start: { line: 0, character: 10 }, end: { line: 0, character: 24 } });
});

void test("a model the ONNX reader refuses shows the reader's message on the model line", async () => {
  const ds = await diagnose('model G = "garbage.onnx"\n');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].code, 'invalid-model');
  assert.match(ds[0].message as string, /the ONNX reader refused this model: .*not a valid ONNX model/);
  assert.equal(ds[0].range.start.line, 0);
});

void test('point arity must match the free inputs left after fix', async () => {
  const ds = await diagnose(`${header}certify F bl at (1, 2, 3) radius 0.5\nmodel T = "vnncomp2021_test_tiny.onnx"\nradius T bl at (1, 2)\n`);
  assert.match(onLine(ds, 2)[0].message as string, /point has 3 coordinates, but F has 2 free inputs/);
  assert.match(onLine(ds, 4)[0].message as string, /point has 2 coordinates, but T has 1 free input$/);
});

void test('a fix index outside the inputs is an error on the index', async () => {
  const ds = await diagnose('model F = "brusselator_param.onnx"\nfix F[3] = 2.1\nfix F[1.5] = 0\n');
  assert.match(onLine(ds, 1)[0].message as string, /F has 3 inputs \(0\.\.2\); index 3 is out of range/);
  assert.deepEqual(onLine(ds, 1)[0].range.start, { line: 1, character: 6 });
  assert.match(onLine(ds, 2)[0].message as string, /whole number/);
});

void test('domain arity, empty and inverted intervals are errors', async () => {
  const ds = await diagnose(`${header}domain D = [0, 3]\nradius F bl at (1, 1) within D\ndomain E = [3, 0] x [1, 1]\n`);
  assert.match(onLine(ds, 3)[0].message as string, /domain has 1 interval, but F has 2 free inputs/);
  const e = onLine(ds, 4).map((d) => d.message as string);
  assert.equal(e.length, 2);
  assert.match(e[0], /inverted interval: 3 > 0/);
  assert.match(e[1], /empty interval/);
});

void test('unknown names, and names of the wrong kind, are errors', async () => {
  const ds = await diagnose(`${header}domain D = [0, 3] x [0, 4]\ncertify G bl at Q radius 1\nradius F bl at D\nmatch F F discrepancy on X\n`);
  assert.match(onLine(ds, 3)[0].message as string, /unknown model 'G'/);
  assert.match(onLine(ds, 3)[1].message as string, /unknown point 'Q'/);
  assert.match(onLine(ds, 4)[0].message as string, /'D' is a domain, not a point/);
  assert.match(onLine(ds, 5)[0].message as string, /unknown domain 'X'/);
});

void test('a non-square map gets an informational note on bl/pi queries', async () => {
  const ds = await diagnose('model F = "brusselator_param.onnx"\ncertify F bl at (1, 1, 2) radius 0.1\n');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 3);
  assert.match(ds[0].message as string, /maps 3 free inputs to 2 outputs/);
  assert.match(ds[0].message as string, /null space of its Jacobian/);
});

void test('a file with a syntax error on every line gets one diagnostic per line and the server keeps answering', async () => {
  const lines = [
    'modle bruss = "brusselator_param.onnx"', 'model = "x.onnx"', 'fix bruss[ = 2.1', 'domain D = [0, 3 x [0, 4]', 'point P = (1.5, ',
    'certify bruss bl at radius 0.5', 'radius bruss xx at (1, 2)', 'match a b discrepancy on', 'prune bruss levels on [0, 1]',
    'certify bruss bl at (1, 2) radius 0.5 norm 7', '@@@ %%% !!!', '"unterminated', ')(][', 'radius', '-', 'point P = (1e999999, 2)x',
  ];
  const ds = await h.openChecked(ws.uri('broken.invq'), lines.join('\n'));
  assert.deepEqual([...new Set(ds.map((d) => d.range.start.line))].sort((a, b) => a - b), lines.map((_, i) => i));
  // The server is still alive and well: a fresh document is checked normally.
  assert.deepEqual(await diagnose(header), []);
});

void test('diagnostics are debounced: only the latest version is published after a burst of edits', async () => {
  const uri = ws.uri('burst.invq');
  await h.openChecked(uri, header);
  const before = h.diagnosticHistory.length;
  for (let k = 1; k <= 5; k++) await h.change(uri, `${header}certify F bl at (1, 1) radius ${k === 5 ? '-1' : k}`);
  const ds = await h.diagnosticsFor(uri);
  const published = h.diagnosticHistory.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(published, [h.version(uri)], 'intermediate versions are never published');
  assert.equal(ds.length, 1);
  assert.match(ds[0].message as string, /radius must be a positive number/);
});

void test('orbit and map lines are checked by the server: a valid study has no diagnostics, a wrong one an error where it is', async () => {
  const ok = await diagnose(`${header}domain D = [0, 3] x [0, 4]\norbit F from (1.96, 1.25) steps 4 radius bl, pi within D\nmap F bl on D grid 8 x 8\n`);
  assert.deepEqual(ok, []);
  const bad = await diagnose(`${header}orbit F from (1.96, 1.25) steps 4 radius bl within E\nmap F bl on [0, 3] x [0, 4] grid 8 y 8\n`);
  assert.deepEqual(bad.map((d) => [d.range.start.line, d.range.start.character, d.message]), [
    [3, 35, "expected 'x', found 'y'"],
    [2, 51, "unknown domain 'E'"],
  ]);
});
