// A pruning sweep run from the editor: its progress reads as the running level's bounds ("level 10% (1 of 2):
// discrepancy in [a, b], radius …, 3.1 s"), never a MILP's gap in percent, and a cancel keeps the running level's
// bracket as an unresolved row, with the levels it never reached marked as not run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelJob, RunQuery } from '../../src/shared/protocol';
import { serverSession } from '../helpers/serverHarness';

const text = [
  'model B = "brusselator_param.onnx"', //                                                    0
  'fix B[2] = 2.1', //                                                                         1
  'domain D = [0, 3] x [0, 4]', //                                                             2
  // The MILPs of method direct with a short limit each: the discrepancy ends as a bracket within seconds.
  'prune B levels 10, 30 on D at (1.96433, 1.24951) method direct timeout 1', //               3
].join('\n');
const { ws, h } = serverSession(['brusselator_param.onnx'], { open: { 'sweep.invq': text } });
const uri = ws.uri('sweep.invq');

void test('a running sweep reports its level and bounds in words, and a cancel keeps the running level\'s bracket', async () => {
  const before = h.progress.length;
  const { enqueued } = await h.client.sendRequest(RunQuery.type, { uri, line: 3 });
  const id = enqueued[0];
  const reports = (): string[] => h.progress.slice(before).flatMap((p) => (p.value.kind === 'report' && p.value.message ? [p.value.message] : []));
  // Once the first level's discrepancy is bracketed, the line names it with both ends while the radius runs.
  const bracketed = await h.waitFor(
    () => reports().find((m) => /^level 10% \(1 of 2\): discrepancy in \[\d[\d.e-]*, \d[\d.e-]*\], radius/.test(m)),
    'a progress line with the first level\'s discrepancy bracket', 240000,
  );
  assert.match(bracketed, /, \d+\.\d s$/, 'the line ends with the level\'s time');
  const all = reports();
  assert.ok(all.every((m) => !/gap \d+%/.test(m)), `no progress line reports a gap in percent: ${all.filter((m) => /gap/.test(m)).join(' | ')}`);
  const sweeping = all.filter((m) => !m.startsWith('loading the model'));
  assert.ok(sweeping.every((m) => m.startsWith('level ')), `every line after loading names the level: ${sweeping.join(' | ')}`);
  await h.client.sendRequest(CancelJob.type, { jobId: id });
  const kept = await h.waitFor(() => h.results.find((r) => r.jobId === id), 'the result kept from the cancelled sweep', 60000);
  assert.equal(kept.result.status, 'unresolved');
  assert.match(kept.result.message, /cancelled/);
  const rows = kept.result.query === 'prune' ? kept.result.prune ?? [] : [];
  assert.deepEqual(rows.map((r) => [r.level, r.notRun]), [[10, false], [30, true]], kept.result.message);
  const first = rows[0];
  assert.ok(first.discrepancyLower !== null && first.discrepancyBound !== null, `the running level keeps both ends: ${kept.result.message}`);
  assert.ok(first.discrepancyLower <= first.discrepancyBound, `[${first.discrepancyLower}, ${first.discrepancyBound}]`);
  assert.ok(first.discrepancyWitness?.checkedBy.includes('onnxruntime-web'), 'the lower end is attained at an input re-checked in onnxruntime-web');
  assert.match(kept.result.message, /10% → discrepancy (in \[|\d)/, 'the message states the discrepancy, not "?"');
  assert.doesNotMatch(kept.result.message, /\?/);
});
