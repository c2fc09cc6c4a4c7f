// The worker-thread host on a real thread (a small eval'd script): replies go to their job by id, a late reply of a
// settled job is dropped, a thread that exits settles its open jobs, and the grace timer fires only for open jobs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkerDeath } from '../../src/engine/workers/workerHost';
import { WorkerHost } from '../../src/engine/workers/workerHost';

type ToEcho = { readonly type: 'echo'; readonly id: number; readonly value: number; readonly delayMs: number } | { readonly type: 'exit'; readonly code: number };
type FromEcho = { readonly type: 'ready' } | { readonly type: 'tick'; readonly id: number } | { readonly type: 'echoed'; readonly id: number; readonly value: number };
type Tick = Extract<FromEcho, { type: 'tick' }>;

// Answers each echo after its delay (a tick first); exits with the given code on 'exit'.
const script = `
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (m) => {
    if (m.type === 'exit') process.exit(m.code);
    parentPort.postMessage({ type: 'tick', id: m.id });
    setTimeout(() => parentPort.postMessage({ type: 'echoed', id: m.id, value: m.value }), m.delayMs);
  });
  parentPort.postMessage({ type: 'ready' });`;

function echoHost(deaths: WorkerDeath[] = [], control: FromEcho[] = []): WorkerHost<ToEcho, FromEcho, Tick> {
  return new WorkerHost<ToEcho, FromEcho, Tick>({
    locate: () => ({ file: 'echo worker', bootstrap: script }),
    isInterim: (m): m is Tick => m.type === 'tick',
    onControl: (m) => control.push(m),
    onDeath: (d) => { deaths.push(d); return new Error('echo worker died'); },
  });
}

void test('a reply goes to its job; a late reply of a job settled from this side is dropped', async () => {
  const control: FromEcho[] = [];
  const host = echoHost([], control);
  try {
    host.start();
    const ticks: number[] = [];
    const slow = host.open((m) => ticks.push(m.id));
    host.post({ type: 'echo', id: slow.id, value: 1, delayMs: 300 });
    host.settle(slow.id, new Error('given up'));
    const fast = host.open((m) => ticks.push(m.id));
    host.post({ type: 'echo', id: fast.id, value: 2, delayMs: 0 });
    const got = await fast.done;
    assert.ok(!(got instanceof Error) && got.value === 2, 'the fast job got its own reply');
    assert.deepEqual(ticks, [fast.id], 'the settled job received nothing more');
    assert.equal(((await slow.done) as Error).message, 'given up');
    await new Promise((r) => setTimeout(r, 400)); // the slow reply arrives now, with no job to go to
    assert.equal(host.busy, false);
    assert.deepEqual(control, [{ type: 'ready' }]);
  } finally {
    await host.terminate(new Error('done'));
  }
});

void test('a thread that exits settles its open jobs with the error onDeath gives, and start() brings up a fresh one', async () => {
  const deaths: WorkerDeath[] = [];
  const host = echoHost(deaths);
  try {
    host.start();
    const job = host.open();
    host.post({ type: 'exit', code: 3 });
    assert.equal(((await job.done) as Error).message, 'echo worker died');
    assert.deepEqual(deaths, [{ exitCode: 3 }]);
    assert.equal(host.alive, false);
    host.start();
    const next = host.open();
    host.post({ type: 'echo', id: next.id, value: 7, delayMs: 0 });
    const got = await next.done;
    assert.ok(!(got instanceof Error) && got.value === 7);
    assert.equal(host.spawnCount, 2);
  } finally {
    await host.terminate(new Error('done'));
  }
});

void test('the grace timer expires only for a job still open, and terminate() settles open jobs with its reason', async () => {
  const host = echoHost();
  try {
    host.start();
    // Warm the worker first: on a loaded machine its start-up alone can outlast a short grace, and this test is about
    // graces, not start-up.
    const warmUp = host.open();
    host.post({ type: 'echo', id: warmUp.id, value: 0, delayMs: 0 });
    await warmUp.done;
    const answered = host.open();
    let expired = 0;
    host.post({ type: 'echo', id: answered.id, value: 1, delayMs: 0 });
    host.graceFor(answered.id, 1000, () => { expired++; });
    await answered.done;
    const stuck = host.open();
    host.post({ type: 'echo', id: stuck.id, value: 2, delayMs: 60_000 });
    host.graceFor(stuck.id, 50, () => { expired++; void host.terminate(new Error('stuck: terminated')); });
    host.graceFor(stuck.id, 10, () => { expired += 100; }); // a second grace for the same job is ignored
    assert.equal(((await stuck.done) as Error).message, 'stuck: terminated');
    await new Promise((r) => setTimeout(r, 1100)); // past the answered job's grace: it must not fire
    assert.equal(expired, 1, 'only the stuck job expired, once');
  } finally {
    await host.terminate(new Error('done'));
  }
});
