// The extension host stays responsive while a query solves: its event-loop delay (perf_hooks.monitorEventLoopDelay)
// during a Brusselator certificate, printed by the host runner from $INVCERT_IT_RESULTS_DIR/event-loop-lag.json.
// Target p99 < 50 ms; asserted only against a generous bound (a loaded CI machine delays every timer).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { activateExtension, lineOf, openInvq, queryCommands, waitForResult, workspaceUri } from './util';

suite('responsiveness', () => {
  suiteSetup(activateExtension);

  test('the extension host\'s event loop keeps a p99 delay under 500 ms while a query solves', async () => {
    // A query file of its own: a line another suite already ran would be answered from its stored result at once,
    // with no solve to sample.
    writeFileSync(workspaceUri('event-loop.invq').fsPath, [
      'model bruss = "brusselator_param.onnx"', 'fix bruss[2] = 2.1', 'domain D = [0, 3] x [0, 4]',
      'radius bruss bl at (1.96433, 1.24951) within D', '',
    ].join('\n'));
    const doc = await openInvq('event-loop.invq');
    const line = lineOf(doc, 'radius bruss');
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = Date.now();
    await vscode.commands.executeCommand(queryCommands.run, { uri: doc.uri.toString(), line });
    const entry = await waitForResult(doc, line);
    histogram.disable();
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    const lag = {
      query: doc.lineAt(line).text.trim(), status: entry.status, seconds: (Date.now() - started) / 1000, samples: histogram.count,
      p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), targetP99Ms: 50,
    };
    console.log(`extension host event-loop delay during a solve: p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms (${lag.samples} samples, ${lag.seconds.toFixed(1)} s)`);
    const dir = process.env.INVCERT_IT_RESULTS_DIR;
    if (dir) writeFileSync(join(dir, 'event-loop-lag.json'), JSON.stringify(lag, null, 2));
    assert.ok(histogram.count > 0, 'the histogram sampled the solve');
    assert.ok(lag.p99Ms < 500, `p99 event-loop delay ${lag.p99Ms} ms`);
  });
});
