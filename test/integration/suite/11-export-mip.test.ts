// "Export MIP" writes the exact MILP of a query that is answered by one (here `method direct` on mlp_gemm.onnx),
// and says clearly that nothing was written when the query is answered without one (a certificate or input splitting).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, lastCommandError, lineOf, openInvq, queryCommands, recordForLine, runAndWait, waitFor, workspaceUri } from './util';

const queries = [
  '# Written by the integration test: one query on the exact MILP path, one on the split (low-dimensional) path.',
  'model g = "mlp_gemm.onnx"',
  'certify g bl at (0.1, -0.2) radius 0.3 norm inf method direct',
  'certify g bl at (0.1, -0.2) radius 0.3 norm inf',
  '',
].join('\n');

/** Names listed in an LP file's section (e.g. "Binaries"), up to the next section keyword. */
function lpSection(lp: string, header: RegExp): string[] {
  const lines = lp.split(/\r?\n/);
  const start = lines.findIndex((l) => header.test(l.trim()));
  if (start < 0) return [];
  const names: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^(bounds|binar(y|ies)|bin|generals?|gen|semi(-continuous)?|sos|end)\s*$/i.test(l.trim())) break;
    names.push(...l.trim().split(/\s+/).filter(Boolean));
  }
  return names;
}

suite('Export MIP', () => {
  let doc: vscode.TextDocument;
  let milpLine: number;
  let splitLine: number;

  suiteSetup(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(workspaceUri('export.invq'), new TextEncoder().encode(queries));
    doc = await openInvq('export.invq');
    milpLine = lineOf(doc, 'method direct');
    splitLine = milpLine + 1;
  });

  test('the LP file of a `method direct` certify query holds its objective, constraints and one binary per unstable ReLU', async () => {
    const entry = await runAndWait(doc, milpLine);
    assert.equal(entry.status, 'certified', entry.verdict);
    const record = await waitFor('the stored result', () => recordForLine('export.invq', milpLine));
    const target = workspaceUri('export-direct.lp').fsPath;
    const written = await vscode.commands.executeCommand<{ path: string; bytes: number } | undefined>(queryCommands.exportMip, {
      uri: doc.uri.toString(), line: milpLine, format: 'lp', path: target,
    });
    assert.deepEqual(written, { path: target, bytes: statSync(target).size }, (await lastCommandError())?.message);
    const lp = readFileSync(target, 'utf8');
    assert.match(lp, /^(min|max)(imi[sz]e)?\s*$/im, 'an objective section');
    assert.match(lp, /^(subject to|st|s\.t\.)\s*$/im, 'a constraints section');
    assert.match(lp, /^end\s*$/im, 'the LP terminator');
    const binaries = lpSection(lp, /^(binar(y|ies)|bin)$/i);
    const unstable = record.result.stats.unstable;
    assert.ok(unstable > 0, 'the ball crosses some ReLU kinks');
    assert.equal(binaries.length, record.result.stats.binaries, `the binaries of the solved MILP (${binaries.length})`);
    assert.equal(new Set(binaries).size, binaries.length, 'each binary listed once');
    assert.equal(recordForLine('export.invq', milpLine)?.finishedAt, record.finishedAt, 'an export leaves the stored result alone');
  });

  test('the same query exports as free MPS', async () => {
    const target = workspaceUri('export-direct.mps').fsPath;
    const written = await vscode.commands.executeCommand<{ path: string; bytes: number } | undefined>(queryCommands.exportMip, {
      uri: doc.uri.toString(), line: milpLine, format: 'mps', path: target,
    });
    assert.equal(written?.path, target, (await lastCommandError())?.message);
    const mps = readFileSync(target, 'utf8');
    for (const section of ['ROWS', 'COLUMNS', 'RHS', 'ENDATA']) assert.match(mps, new RegExp(`^${section}\\b`, 'm'), `an ${section} section`);
    assert.match(mps, /'MARKER'\s+'INTORG'/, 'integer columns are marked');
  });

  test('a query answered without a MILP (whole-box certificate or input splitting) writes no file and says why, naming a method that has a MILP', async () => {
    const target = workspaceUri('export-split.lp').fsPath;
    const written = await vscode.commands.executeCommand(queryCommands.exportMip, { uri: doc.uri.toString(), line: splitLine, format: 'lp', path: target });
    assert.equal(written, undefined);
    assert.equal(existsSync(target), false, 'no LP file was written');
    const shown = await lastCommandError();
    assert.equal(shown?.command, queryCommands.exportMip);
    assert.match(shown?.message ?? '', /no MIP was written/i);
    // The whole-box Jacobian certificate (auto:jacobian) or input splitting (auto:split), whichever answered first.
    assert.match(shown?.message ?? '', /answered without one \(auto:(jacobian|split)\)/, 'names the path that answered it');
    assert.match(shown?.message ?? '', /method (direct|paper|bisection)/, 'says how to get a MILP');
  });

  test('from the editor context menu (the document Uri as argument) it asks for the format and a file name, and leaves the .invq alone', async () => {
    const before = doc.getText();
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(milpLine, 0, milpLine, 0);
    const suggested = workspaceUri(`export-line${milpLine + 1}.lp`).fsPath;
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<{ path: string; bytes: number } | undefined>(queryCommands.exportMip, doc.uri))
      .finally(() => (settled = true));
    // Answer the two prompts like a person pressing Enter: the first format (LP), then the suggested file name.
    await waitFor('the prompts to be answered', async () => {
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    }, 60_000);
    const written = await running;
    assert.equal(written?.path, suggested, (await lastCommandError())?.message);
    assert.match(readFileSync(suggested, 'utf8'), /^st\s*$/m, 'the suggested file holds the LP');
    assert.equal(readFileSync(doc.uri.fsPath, 'utf8'), before, 'the query file itself is untouched');
  });
});
