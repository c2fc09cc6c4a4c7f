// forEachConcurrently: the lane runner behind side-by-side direction MILPs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachConcurrently } from '../../src/engine/queries/concurrency';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

void describe('forEachConcurrently', () => {
  void it('runs every item once with never more than `limit` in flight', async () => {
    let inFlight = 0, peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([10, 11, 12, 13, 14], 2, async (item, i) => {
      inFlight++; peak = Math.max(peak, inFlight);
      await tick(); await tick();
      seen.push(item - 10);
      assert.equal(item - 10, i);
      inFlight--;
    });
    assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
    assert.equal(peak, 2);
  });
  void it('starts nothing new after a failure and rethrows the first error once running jobs settle', async () => {
    const started: number[] = [];
    let settled = 0;
    await assert.rejects(forEachConcurrently([0, 1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      await tick();
      settled++;
      if (i === 1) throw new Error('job 1 failed');
    }), /job 1 failed/);
    assert.ok(!started.includes(5), `started ${started.join(',')}`);
    assert.equal(settled, started.length, 'every started job settled before the rejection');
  });
  void it('treats a limit below 1 as serial', async () => {
    let inFlight = 0, peak = 0;
    await forEachConcurrently([1, 2, 3], 0, async () => { inFlight++; peak = Math.max(peak, inFlight); await tick(); inFlight--; });
    assert.equal(peak, 1);
  });
});
