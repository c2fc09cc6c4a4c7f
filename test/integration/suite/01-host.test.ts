// The suite really runs inside VS Code's node extension host, with the extension under development loaded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, workspaceUri } from './util';

suite('extension host', () => {
  test('runs in a real VS Code node extension host with the fixture workspace open', async () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(typeof process.versions.node, 'string', 'the node extension host, not a web worker');
    const stat = await vscode.workspace.fs.stat(workspaceUri('brusselator_param.onnx'));
    assert.ok(stat.size > 1000, 'the fixture model was copied into the workspace');
  });

  test('the extension activates and contributes its commands', async () => {
    await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['invcert.runQuery', 'invcert.cancelQuery', 'invcert.showInPanel', 'invcert.certifyModel']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
  });
});
