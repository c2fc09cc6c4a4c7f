// "Copy Result as JSON" puts the stored record on the clipboard, exactly as the server stored it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ResultRecord } from '../../../src/shared/protocol';
import { activateExtension, lastCommandError, lineOf, openInvq, queryCommands, recordForLine, runAndWait, waitFor } from './util';

suite('Copy Result as JSON', () => {
  suiteSetup(activateExtension);

  test('the clipboard holds the stored result record as JSON, for a code-lens argument and for the cursor line', async () => {
    const doc = await openInvq('brusselator.invq');
    const line = lineOf(doc, 'radius 0.6 ');
    await runAndWait(doc, line);

    await vscode.env.clipboard.writeText('');
    const returned = await vscode.commands.executeCommand<string | undefined>(queryCommands.copyResultJson, { uri: doc.uri.toString(), line });
    assert.ok(returned, 'the command returns the JSON it copied');
    const clipboard = await vscode.env.clipboard.readText();
    assert.equal(clipboard, returned, 'the clipboard holds the returned JSON');
    const parsed = JSON.parse(clipboard) as ResultRecord;
    assert.equal(parsed.uri, doc.uri.toString());
    assert.equal(parsed.line, line);
    assert.equal(parsed.queryText, doc.lineAt(line).text.trim());
    assert.equal(parsed.stale, false);
    assert.equal(parsed.result.status, 'certified');
    assert.equal(parsed.result.boxRadius, 0.6);
    // The sidecar is written after the result is announced: wait for this run's record.
    const stored = await waitFor('this run in the sidecar', () => {
      const r = recordForLine('brusselator.invq', line);
      return r?.finishedAt === parsed.finishedAt ? r : undefined;
    });
    assert.deepEqual(parsed.result, stored.result, 'the exact stored result (unrounded numbers)');

    // From the palette: the active editor's cursor line.
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(line, 3, line, 3);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(queryCommands.copyResultJson);
    assert.deepEqual(JSON.parse(await vscode.env.clipboard.readText()), parsed);
  });

  test('on a line without a result nothing is copied and the message says there is no result yet', async () => {
    const doc = await openInvq('brusselator.invq');
    const line = lineOf(doc, '# Inside the published');
    await vscode.env.clipboard.writeText('unchanged');
    const returned = await vscode.commands.executeCommand(queryCommands.copyResultJson, { uri: doc.uri.toString(), line });
    assert.equal(returned, undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    const shown = await lastCommandError();
    assert.equal(shown?.command, queryCommands.copyResultJson);
    assert.equal(shown?.message, `No result for line ${line + 1} yet.`);
  });
});
