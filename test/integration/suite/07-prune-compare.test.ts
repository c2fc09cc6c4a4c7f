// The explorer commands "Pruning Sweep…" and "Compare Networks…" on mlp_gemm.onnx (PyTorch export, 2→10→10→2),
// with their answers given as an argument object: each writes its query into mlp_gemm.invq, runs it, and the
// result reaches the sidecar and the panel. The comparison is run against the sweep's own 50% pruned copy, so
// its certified maximum must agree with the sweep's row for that level.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PruneRow } from '../../../src/shared/results';
import type { WrittenQuery } from './util';
import { activateExtension, keyOf, panelState, queryCommands, recordForLine, showInPanelAndWait, waitFor, waitForResult, workspaceUri } from './util';

const levels = [20, 50];
const box: Array<[number, number]> = [[-1, 1], [-1, 1]];

/** Relative agreement of two certified maxima (MIP optimality gap and float64 re-evaluation). */
function close(a: number, b: number, rel = 1e-3): boolean {
  return Math.abs(a - b) <= rel * Math.max(1e-6, Math.abs(a), Math.abs(b));
}

suite('Pruning Sweep… and Compare Networks… on mlp_gemm.onnx', () => {
  let doc: vscode.TextDocument;
  let pruneLine: number;
  let rows: readonly PruneRow[];

  suiteSetup(activateExtension);

  test('Pruning Sweep writes a prune query into mlp_gemm.invq and stores one row per level, each with its pruned model file', async () => {
    const model = workspaceUri('mlp_gemm.onnx');
    const written = await vscode.commands.executeCommand<WrittenQuery | undefined>(queryCommands.pruningSweep, model, {
      levels, domain: box, center: [0.25, -0.25], norm: 'inf',
    });
    assert.ok(written, 'the command returns what it wrote');
    assert.equal(written.uri, workspaceUri('mlp_gemm.invq').toString());
    assert.equal(written.enqueued.length, 1);
    assert.deepEqual(written.rejected, []);
    doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(written.uri));
    pruneLine = written.line;
    assert.match(doc.getText(), /^model mlp_gemm = "mlp_gemm\.onnx"$/m);
    assert.equal(doc.lineAt(pruneLine).text, 'prune mlp_gemm levels 20, 50 on [-1, 1] x [-1, 1] at (0.25, -0.25) norm inf');

    const entry = await waitForResult(doc, pruneLine);
    const record = await waitFor('the sweep in the sidecar', () => recordForLine('mlp_gemm.invq', pruneLine));
    assert.equal(record.queryText, doc.lineAt(pruneLine).text);
    assert.equal(record.result.query, 'prune');
    assert.equal(entry.status, record.result.status, 'the panel lists the stored status');
    rows = record.result.prune ?? [];
    assert.deepEqual(rows.map((r) => r.level), levels, 'one row per level, in order');
    for (const row of rows) {
      assert.equal(row.file, workspaceUri(`pruned/mlp_gemm_pruned${row.level}.onnx`).fsPath, 'pruned copies go to pruned/ beside the query');
      assert.ok(existsSync(row.file), `${row.file} was written`);
      assert.ok(row.discrepancy !== null && row.discrepancy >= 0, `level ${row.level}: a certified discrepancy (${row.discrepancy})`);
      assert.ok(row.discrepancyBound === null || row.discrepancyBound >= row.discrepancy * (1 - 1e-6), 'the bound is not below the value');
      assert.ok(row.radiusStatus !== 'error', `level ${row.level}: the radius query ran (${row.radiusStatus})`);
    }
    assert.ok((rows[1].discrepancy ?? 0) > 0, 'removing half of the weights changes the function');
  });

  test('the panel shows the sweep as the prune table, one row per level with its discrepancy', async () => {
    const state = await showInPanelAndWait(doc, pruneLine);
    const plot = state.lastDetail?.plot;
    assert.equal(plot?.kind, 'prune');
    assert.equal(state.lastRendered?.detail, 'prune', 'the webview drew the prune table');
    if (plot?.kind !== 'prune') return;
    assert.deepEqual(plot.rows.map((r) => [r.level, r.discrepancy]), rows.map((r) => [r.level, r.discrepancy]));
    const entry = state.entries.find((e) => e.key === keyOf(doc, pruneLine));
    assert.equal(entry?.query, 'prune sweep');
    assert.match(entry?.verdict ?? '', /^[✓?] .*20% → discrepancy/, 'the list verdict names the levels');
  });

  test('Compare Networks writes a discrepancy query against the 50% pruned copy; its maximum equals the sweep row', async () => {
    const model = workspaceUri('mlp_gemm.onnx');
    const pruned = workspaceUri('pruned/mlp_gemm_pruned50.onnx');
    const written = await vscode.commands.executeCommand<WrittenQuery | undefined>(queryCommands.compareNetworks, model, [model, pruned], {
      query: 'discrepancy', domain: box, norm: 'inf',
    });
    assert.ok(written, 'the command returns what it wrote');
    assert.equal(written.uri, doc.uri.toString(), 'appended to the same mlp_gemm.invq');
    assert.deepEqual(written.rejected, []);
    const text = doc.getText();
    assert.match(text, /^model mlp_gemm_pruned50 = "pruned\/mlp_gemm_pruned50\.onnx"$/m, 'the second model is declared');
    assert.equal((text.match(/^model mlp_gemm = /gm) ?? []).length, 1, 'the first model declaration is reused');
    assert.equal(doc.lineAt(written.line).text, 'match mlp_gemm mlp_gemm_pruned50 discrepancy on [-1, 1] x [-1, 1] norm inf');
    assert.equal(doc.lineAt(pruneLine).text.startsWith('prune mlp_gemm'), true, 'the sweep line is kept');

    const entry = await waitForResult(doc, written.line);
    const record = await waitFor('the comparison in the sidecar', () => recordForLine('mlp_gemm.invq', written.line));
    const result = record.result;
    assert.equal(result.query, 'discrepancy');
    assert.equal(result.status, 'certified', `a proved discrepancy is a certified number, not a counterexample: ${result.message}`);
    const sweep = rows.find((r) => r.level === 50)?.discrepancy ?? Number.NaN;
    assert.ok(result.objective !== null && close(result.objective, sweep), `max ‖f₁−f₂‖∞ = ${result.objective}, the sweep said ${sweep}`);
    const w = result.witness;
    assert.ok(w, 'the input attaining the maximum is reported');
    w.x.forEach((v, i) => assert.ok(v >= box[i][0] - 1e-9 && v <= box[i][1] + 1e-9, `x[${i}] = ${v} lies in the domain`));
    const gap = Math.max(...w.Fx.map((v, i) => Math.abs(v - w.Fy[i])));
    assert.ok(close(gap, result.objective), `the witness outputs differ by the stated maximum (${gap})`);
    assert.match(entry.verdict, /^✓ max ‖f₁−f₂‖∞ = .* at x = \(/, `the list verdict states the discrepancy (${entry.verdict})`);
    assert.doesNotMatch(entry.verdict, /‖x−y‖/, 'a discrepancy is not a pair separation');
  });

  test('the panel shows the comparison result with its witness over the domain', async () => {
    const line = (await waitFor('the match line', () => {
      for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith('match mlp_gemm ')) return i + 1;
      return undefined;
    })) - 1;
    const state = await showInPanelAndWait(doc, line);
    assert.equal(state.lastDetail?.record?.result.query, 'discrepancy');
    assert.equal(state.lastDetail?.record?.result.status, 'certified');
    const plot = state.lastDetail?.plot;
    assert.equal(plot?.kind, 'plane', 'two free inputs: drawn in the input plane');
    if (plot?.kind === 'plane') assert.deepEqual(plot.domain, box);
    assert.equal(state.lastRendered?.detail, 'plane');
    assert.ok((await panelState()).entries.some((e) => e.key === keyOf(doc, line) && e.state === 'done'));
  });

  test('Compare Networks asks the transformation question too: f₂ = T∘f₁ is certified, or refuted by two inputs f₁ cannot tell apart', async () => {
    const model = workspaceUri('mlp_gemm.onnx');
    const pruned = workspaceUri('pruned/mlp_gemm_pruned20.onnx');
    const written = await vscode.commands.executeCommand<WrittenQuery | undefined>(queryCommands.compareNetworks, model, [model, pruned], {
      query: 'transform', domain: [[-0.5, 0.5], [-0.5, 0.5]], norm: 'inf',
    });
    assert.ok(written);
    assert.equal(doc.lineAt(written.line).text, 'match mlp_gemm mlp_gemm_pruned20 transform on [-0.5, 0.5] x [-0.5, 0.5] norm inf');
    const entry = await waitForResult(doc, written.line);
    const record = await waitFor('the transform result in the sidecar', () => recordForLine('mlp_gemm.invq', written.line));
    const result = record.result;
    assert.equal(result.query, 'transform');
    if (result.status === 'certified') {
      assert.match(entry.verdict, /^✓ certified f₂ = T∘f₁ on the domain \(/);
      return;
    }
    assert.equal(result.status, 'counterexample', result.message);
    const w = result.witness;
    assert.ok(w, 'a refutation names its two inputs');
    assert.ok(w.outputGap <= 1e-5, `f₁(x) = f₁(y) (gap ${w.outputGap})`);
    const { Gx, Gy } = w;
    assert.ok(Gx && Gy, 'f₂ at both inputs');
    const f2gap = Math.max(...Gx.map((v, i) => Math.abs(v - Gy[i])));
    assert.ok(f2gap > result.tolerance && (result.objective === null || close(f2gap, result.objective)), `‖f₂(x) − f₂(y)‖∞ = ${f2gap}, objective ${result.objective}`);
    assert.match(entry.verdict, /^✗ no T with f₂ = T∘f₁: f₁\(x\) = f₁\(y\) but ‖f₂\(x\)−f₂\(y\)‖∞ = \S+ for x = \(.*\), y = \(/, entry.verdict);
  });
});
