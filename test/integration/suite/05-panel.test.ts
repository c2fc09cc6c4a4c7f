// The results panel (a webview view) receives and renders the result it is asked to show.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, keyOf, lineOf, openInvq, panelState, queryCommands, waitFor, waitForResult } from './util';

suite('results panel', () => {
  suiteSetup(activateExtension);

  test('Show in Panel sends the counterexample to the webview, which renders it', async () => {
    const doc = await openInvq('brusselator.invq');
    const line = lineOf(doc, 'radius 0.7 ');
    await waitForResult(doc, line); // ran in the queries suite; still listed
    await vscode.commands.executeCommand(queryCommands.showInPanel, { uri: doc.uri.toString(), line });
    const key = keyOf(doc, line);
    const state = await waitFor('the panel to render the selected result', async () => {
      const s = await panelState();
      return s.lastRendered?.selected === key && s.lastDetail?.key === key && s.lastDetail.record ? s : undefined;
    }, 60_000);
    assert.equal(state.resolved, true);
    assert.equal(state.lastDetail?.record?.result.status, 'counterexample');
    assert.ok(state.lastDetail?.plot, 'plot data came from the server');
    assert.ok((state.lastRendered?.entryCount ?? 0) >= 2, 'the list shows the workspace results');
  });

  test("the panel's webview runs under a CSP that only allows nonce'd scripts", async () => {
    const { csp } = await panelState();
    assert.ok(csp, 'the panel reported its CSP');
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.match(scriptSrc ?? '', /^script-src 'nonce-[A-Za-z0-9+/]{16,}'$/);
    assert.match(csp, /default-src 'none'/);
  });
});
