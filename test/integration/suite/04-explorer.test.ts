// The explorer command "Certify Invertibility…" on an .onnx file, with its answers given as an argument object
// (the quick inputs are driven in test/ui): writes a query into <model>.invq beside the model and runs it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WrittenQuery } from './util';
import { activateExtension, queryCommands, waitForResult, workspaceUri } from './util';

suite('explorer command on an .onnx file', () => {
  suiteSetup(activateExtension);

  test('Certify Invertibility on brusselator_param.onnx writes the query and certifies it', async () => {
    const model = workspaceUri('brusselator_param.onnx');
    const written = await vscode.commands.executeCommand<WrittenQuery | undefined>(queryCommands.certifyModel, model, {
      fixed: [[2, 2.1]],
      domain: [[0, 3], [0, 4]],
      center: [1.96433, 1.24951],
      query: 'bl',
      radius: 0.5,
      norm: 'inf',
    });
    assert.ok(written, 'the command returns what it wrote');
    assert.equal(written.uri, workspaceUri('brusselator_param.invq').toString());
    assert.equal(written.enqueued.length, 1);
    assert.deepEqual(written.rejected, []);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(written.uri));
    const text = doc.getText();
    assert.match(text, /model \w+ = "brusselator_param\.onnx"/);
    assert.match(doc.lineAt(written.line).text, /^certify \w+ bl at /);
    const entry = await waitForResult(doc, written.line);
    assert.equal(entry.status, 'certified', entry.verdict);
  });
});
