// Cancelling a long job (the paper's bisection radius driver on ACAS Xu) ends it promptly, keeps what it found as an
// 'unresolved (cancelled)' result in the sidecar, and the next job runs normally.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, keyOf, lineOf, openInvq, panelState, queryCommands, recordForLine, waitFor, waitForResult } from './util';

suite('cancellation', () => {
  suiteSetup(activateExtension);

  test('cancelling a running job ends it within 1 s and keeps an unresolved result in the sidecar', async () => {
    const doc = await openInvq('long.invq');
    const line = lineOf(doc, 'radius acas');
    const key = keyOf(doc, line);
    const [jobId] = (await vscode.commands.executeCommand<string[]>(queryCommands.run, { uri: doc.uri.toString(), line })) ?? [];
    assert.ok(jobId, 'the job was enqueued');
    await waitFor('the job to be running', async () => (await panelState()).entries.find((e) => e.key === key && e.state === 'running'), 60_000);

    const cancelledAt = Date.now();
    const cancelled = await vscode.commands.executeCommand<string[]>(queryCommands.cancel, { uri: doc.uri.toString(), line });
    assert.deepEqual(cancelled, [jobId]);
    await waitFor('the job to end', async () => {
      const entry = (await panelState()).entries.find((e) => e.key === key);
      return entry === undefined || (entry.state !== 'running' && entry.state !== 'queued');
    }, 1_000);
    const took = Date.now() - cancelledAt;
    assert.ok(took <= 1_000, `job ended ${took} ms after the cancel`);
    const kept = await waitFor('the cancelled job\'s result in the sidecar', () => {
      const record = recordForLine('long.invq', line);
      return record?.result.status === 'unresolved' && /cancelled/.test(record.result.message) ? record : undefined;
    }, 10_000);
    assert.equal(kept.result.status, 'unresolved');
  });

  test('after a cancel the next job runs to its result', async () => {
    const doc = await openInvq('tiny.invq');
    const line = lineOf(doc, 'certify tiny');
    await vscode.commands.executeCommand(queryCommands.run, { uri: doc.uri.toString(), line });
    const entry = await waitForResult(doc, line);
    assert.ok(['certified', 'counterexample'].includes(entry.status ?? ''), entry.verdict);
  });
});
