// The model viewer, the default editor of *.onnx: opening a model shows its inputs and outputs, its layer table and
// its operators (what the webview rendered, read back through the test hook); a model the reader refuses shows its
// typed error naming the node; "Show Model Summary" opens the viewer, also for a model named in an .invq file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInvq, queryCommands, waitFor, workspaceUri } from './util';

const VIEW_TYPE = 'invcert.modelViewer';

interface ViewerState {
  readonly csp: string;
  readonly rendered: ReadonlyArray<{ readonly what: string; readonly text: string }>;
}

/** Waits until the viewer of `model` has rendered `what`, and returns what it showed as text. */
async function rendered(model: vscode.Uri, what: 'model' | 'refused'): Promise<{ text: string; csp: string }> {
  return waitFor(`the viewer of ${model.fsPath} to render the ${what}`, async () => {
    const state = await vscode.commands.executeCommand<ViewerState | undefined>('invcert.test.viewerState', model.fsPath);
    const last = [...(state?.rendered ?? [])].reverse().find((r) => r.what === what);
    return last && state ? { text: last.text, csp: state.csp } : undefined;
  }, 60_000);
}

function activeCustomEditor(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

suite('Model viewer', () => {
  suiteSetup(activateExtension);
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('vscode.open on brusselator_param.onnx opens the model viewer (the default editor), which shows the layer table 64 → 64 → 2 and its operators', async () => {
    const model = workspaceUri('brusselator_param.onnx');
    await vscode.commands.executeCommand('vscode.open', model);
    await waitFor('the model viewer tab', () => activeCustomEditor()?.viewType === VIEW_TYPE);
    const { text, csp } = await rendered(model, 'model');
    assert.match(text, /3 → 64 \(ReLU\) → 64 \(ReLU\) → 2; 128 ReLUs, 4546 parameters/);
    assert.match(text, /state_and_parameter\s+\[1, 3\]\s+3\s+0–2/, 'the input, its shape, its 3 values and their 0-based indices');
    assert.match(text, /next_state\s+\[1, 2\]/);
    assert.match(text, /^0\s+64\s+ReLU\s+64\s+—\s+256$/m, 'layer 0: 64 ReLUs, 3·64 + 64 parameters');
    assert.match(text, /^2\s+2\s+none \(output\)\s+0\s+—\s+130$/m);
    assert.match(text, /^Gemm\s+3\s+✓ yes/m);
    assert.match(text, /Certify…[\s\S]*Compare with…[\s\S]*Pruning Sweep…[\s\S]*Open Queries/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[^']+'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  test('a model with an unsupported Sigmoid node shows the reader\'s typed error naming the node, not a blank page', async () => {
    const model = workspaceUri('sigmoid_refused.onnx');
    await vscode.commands.executeCommand('vscode.openWith', model, VIEW_TYPE);
    const { text } = await rendered(model, 'refused');
    assert.match(text, /The ONNX reader refused this model/);
    assert.match(text, /UnsupportedOperator/);
    assert.match(text, /node '\/act\/Sigmoid' \(Sigmoid, #1\)/);
    assert.match(text, /^Sigmoid\s+1\s+✗ no/m);
  });

  test('"Show Model Summary" on a model named in an .invq file opens the viewer on that model\'s file', async () => {
    const doc = await openInvq('brusselator.invq');
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>(queryCommands.showModelSummary, { uri: doc.uri.toString(), model: 'bruss' });
    assert.equal(opened?.fsPath, workspaceUri('brusselator_param.onnx').fsPath);
    await waitFor('the model viewer tab', () => activeCustomEditor()?.viewType === VIEW_TYPE && activeCustomEditor()?.uri.fsPath === opened.fsPath);
    await rendered(opened, 'model');
  });

  test('"Open With… → Text Editor" stays available: the text editor can still open the model', async () => {
    const model = workspaceUri('mlp_gemm.onnx');
    await vscode.commands.executeCommand('vscode.openWith', model, 'default');
    await waitFor('a text tab on the model', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputText && input.uri.fsPath === model.fsPath;
    });
  });
});
