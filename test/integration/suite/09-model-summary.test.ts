// "Show Model Summary" opens a read-only Markdown document the server computes from the real ONNX file: inputs,
// outputs, layer widths, ReLU count, and (for a model named in an .invq file) its fixed inputs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInvq, queryCommands, workspaceUri } from './util';

/** Runs the command and checks that the active editor shows the same read-only summary it returned. */
async function showSummary(arg: unknown): Promise<string> {
  const text = await vscode.commands.executeCommand<string | undefined>(queryCommands.showModelSummary, arg);
  assert.ok(text, 'the command returns the summary text');
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.scheme, 'invcert-model', 'the summary opens as a virtual document');
  assert.equal(editor.document.getText(), text);
  return text;
}

suite('Show Model Summary', () => {
  suiteSetup(activateExtension);

  test('the summary of brusselator_param.onnx (by path) lists its inputs, outputs and layer widths 64 → 64 → 2', async () => {
    const text = await showSummary({ path: workspaceUri('brusselator_param.onnx').fsPath });
    assert.match(text, /^### brusselator_param\.onnx$/m);
    assert.match(text, /^\| inputs \| .*\(3 values\) \|$/m);
    assert.match(text, /^\| outputs \| .*\(2 values\) \|$/m);
    assert.match(text, /^\| layers \| 3 affine \(64 ReLU → 64 ReLU → 2\) \|$/m);
    assert.match(text, /^\| ReLUs \| 128 \|$/m);
    assert.match(text, /^\| free inputs \| \[0\], \[1\], \[2\] → 3 → 2 \|$/m, 'no input fixed: a 3 → 2 map');
  });

  test('the summary of a model named in an .invq file applies its fix lines: b = 2.1 leaves a square 2 → 2 map', async () => {
    const doc = await openInvq('brusselator.invq');
    const text = await showSummary({ uri: doc.uri.toString(), model: 'bruss' });
    assert.match(text, /^### bruss — brusselator_param\.onnx$/m);
    assert.match(text, /^\| fixed inputs \| \[2\] = 2\.1 \|$/m);
    assert.match(text, /^\| free inputs \| \[0\], \[1\] → square map \|$/m);
  });

  test('from the explorer (a file Uri) the summary of mlp_gemm.onnx shows its layer widths 10 → 10 → 2', async () => {
    const text = await showSummary(workspaceUri('mlp_gemm.onnx'));
    assert.match(text, /^\| layers \| 3 affine \(10 ReLU → 10 ReLU → 2\) \|$/m);
    assert.match(text, /^\| ReLUs \| 20 \|$/m);
    assert.match(text, /^\| free inputs \| \[0\], \[1\] → square map \|$/m);
  });
});
