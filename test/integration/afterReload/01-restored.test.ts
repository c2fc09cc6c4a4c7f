// Phase 2 runs in a new window (a new extension host and language server) on the workspace phase 1 left:
// results come back from the sidecar file without running anything again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, hoverText, keyOf, lineOf, openInvq, panelState, recordForLine, waitFor, workspaceUri } from '../suite/util';

suite('after a window reload', () => {
  suiteSetup(activateExtension);

  test('the panel lists the stored results again, read from the sidecar', async () => {
    const doc = await openInvq('brusselator.invq');
    const line = lineOf(doc, 'radius 0.7 ');
    assert.equal(recordForLine('brusselator.invq', line)?.result.status, 'counterexample', 'phase 1 left the sidecar');
    const entry = await waitFor('the restored entry', async () => (await panelState()).entries.find((e) => e.key === keyOf(doc, line) && e.status !== undefined), 60_000);
    assert.equal(entry.status, 'counterexample');
    assert.equal(entry.state, 'done', 'restored, not re-run');
  });

  test('the hover shows the stored counterexample table without re-running the query', async () => {
    const doc = await openInvq('brusselator.invq');
    const line = lineOf(doc, 'radius 0.7 ');
    const text = await waitFor('the restored hover', async () => {
      const t = await hoverText(doc.uri, new vscode.Position(line, 2));
      return /counterexample|not injective/i.test(t) && /^\s*\|/m.test(t) ? t : undefined;
    }, 60_000);
    assert.match(text, /counterexample|not injective/i);
    const running = (await panelState()).entries.filter((e) => e.state === 'running' || e.state === 'queued');
    assert.deepEqual(running, [], 'nothing was re-run');
  });

  test('restored results of other files are listed with the verdict the server words for them (certify ball, discrepancy)', async () => {
    const certified = `${workspaceUri('brusselator_param.invq').toString()}#`;
    const compared = `${workspaceUri('mlp_gemm.invq').toString()}#`;
    const entries = await waitFor('the listed results of unopened files', async () => {
      const all = (await panelState()).entries;
      const a = all.find((e) => e.key.startsWith(certified) && e.status === 'certified');
      const b = all.find((e) => e.key.startsWith(compared) && e.kind === 'discrepancy');
      return a && b ? { a, b } : undefined;
    }, 60_000);
    assert.match(entries.a.verdict, /^✓ certified on B∞\(c, 0\.5\) \(\d/, entries.a.verdict);
    assert.match(entries.b.verdict, /^✓ max ‖f₁−f₂‖∞ = \S+ at x = \(/, entries.b.verdict);
  });
});
