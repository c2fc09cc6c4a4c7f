// The language server checks .invq documents: every broken line gets its own diagnostic, and the server keeps
// answering afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInvq, waitFor } from './util';

suite('diagnostics', () => {
  suiteSetup(activateExtension);

  test('a query file with a syntax error on every line gets one error diagnostic per line', async () => {
    const doc = await openInvq('broken.invq');
    const brokenLines = Array.from({ length: doc.lineCount }, (_, i) => i).filter((i) => doc.lineAt(i).text.trim() !== '');
    const diagnostics = await waitFor('a diagnostic on every broken line', () => {
      const found = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'invq');
      const lines = new Set(found.map((d) => d.range.start.line));
      return brokenLines.every((l) => lines.has(l)) ? found : undefined;
    });
    for (const line of brokenLines) {
      const onLine = diagnostics.filter((d) => d.range.start.line === line);
      assert.ok(onLine.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `line ${line + 1} has an error`);
      assert.ok(onLine.every((d) => d.message.trim().length > 10), `line ${line + 1}: the message says what is wrong`);
    }
  });

  test('after the broken file the server still completes statement keywords in another document', async () => {
    const doc = await openInvq('tiny.invq');
    const end = new vscode.Position(doc.lineCount, 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, '\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const labels = await waitFor('keyword completions from the server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(doc.lineCount - 1, 0));
      const names = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return names.includes('certify') && names.includes('radius') ? names : undefined;
    }, 30_000);
    assert.ok(labels.includes('model'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
