// Queries run through the language server on the paper's Brusselator network (b = 2.1, P1, published safety
// radius 0.655344): certified inside, a verified counterexample outside, with diagnostics, hover and code lenses.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, hoverText, lineOf, openInvq, queryCommands, recordForLine, waitFor, waitForResult } from './util';

suite('queries on the Brusselator network', () => {
  let doc: vscode.TextDocument;
  let certifiedLine: number;
  let counterexampleLine: number;

  suiteSetup(async () => {
    await activateExtension();
    doc = await openInvq('brusselator.invq');
    certifiedLine = lineOf(doc, 'radius 0.6 ');
    counterexampleLine = lineOf(doc, 'radius 0.7 ');
  });

  test('running both queries certifies r = 0.6 and finds a counterexample at r = 0.7', async () => {
    for (const line of [certifiedLine, counterexampleLine]) {
      const enqueued = await vscode.commands.executeCommand<string[]>(queryCommands.run, { uri: doc.uri.toString(), line });
      assert.equal(enqueued?.length, 1, `line ${line + 1} was enqueued as one job`);
    }
    const certified = await waitForResult(doc, certifiedLine);
    const counterexample = await waitForResult(doc, counterexampleLine);
    assert.equal(certified.status, 'certified', certified.verdict);
    assert.equal(counterexample.status, 'counterexample', counterexample.verdict);
  });

  test('the results are written to the sidecar file, the counterexample with its re-checked witness', async () => {
    const record = await waitFor('the sidecar record', () => recordForLine('brusselator.invq', counterexampleLine));
    assert.equal(record.result.status, 'counterexample');
    const witness = record.result.witness as { x: number[]; y: number[]; separation: number; outputGap: number; checkedBy: string[] };
    const epsilon = (record.result as { epsilon?: number }).epsilon ?? 0;
    assert.equal(witness.x.length, 2);
    const separation = Math.max(...witness.x.map((v, i) => Math.abs(v - witness.y[i])));
    assert.ok(epsilon > 0 && separation >= epsilon * (1 - 1e-9), `two inputs at least ε = ${epsilon} apart (${separation})`);
    assert.ok(Math.abs(separation - witness.separation) <= 1e-9 * (1 + separation), 'the stated separation is the L∞ distance');
    assert.ok(witness.outputGap <= 1e-5, 'with the same image');
    assert.ok(witness.checkedBy.includes('float64'), 'witness re-checked before it was shown');
    assert.equal(recordForLine('brusselator.invq', certifiedLine)?.result.status, 'certified');
  });

  test('a counterexample puts a warning diagnostic on its query line', async () => {
    const warning = await waitFor('a warning on the counterexample line', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => d.range.start.line === counterexampleLine && d.severity === vscode.DiagnosticSeverity.Warning));
    assert.match(warning.message, /counterexample|not injective|noninvertib/i);
    const onCertified = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.start.line === certifiedLine);
    assert.equal(onCertified.length, 0, 'no diagnostic on the certified line');
  });

  test('hovering the counterexample query shows the counterexample table', async () => {
    const text = await hoverText(doc.uri, new vscode.Position(counterexampleLine, 2));
    assert.match(text, /counterexample|not injective/i);
    assert.match(text, /^\s*\|.*\|\s*$/m, 'a Markdown table row');
    assert.match(text, /^\s*\|\s*:?-{3,}/m, 'a Markdown table separator');
  });

  test('code lenses offer commands on every query line', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    for (const line of [certifiedLine, counterexampleLine]) {
      const onLine = lenses.filter((l) => l.range.start.line === line);
      assert.ok(onLine.length > 0, `lenses on line ${line + 1}`);
      const ids = onLine.map((l) => l.command?.command);
      assert.ok(ids.includes(queryCommands.run), `a Run lens on line ${line + 1} (got ${ids.join(', ')})`);
    }
    const declarations = lenses.filter((l) => l.range.start.line === lineOf(doc, 'fix bruss'));
    assert.equal(declarations.filter((l) => l.command?.command === queryCommands.run).length, 0, 'no Run lens on a declaration');
  });
});
