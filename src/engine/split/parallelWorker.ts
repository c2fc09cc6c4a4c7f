// Split-worker entry (bundled to dist/splitWorker.js): runs certifyInjectiveOnBox on its share of the pairs,
// with its own HiGHS for the leaf MILPs. The shared stop flag is also HiGHS's interrupt flag, so a collision
// found by another worker (or a cancel) interrupts a running MILP here too.
import { parentPort, workerData } from 'node:worker_threads';
import type { MipSolver } from '../queries/context';
import { HighsSession, loadHighsRuntime } from '../solver/highsSession';
import { assertWellFormed } from '../solver/sizeGuard';
import { certifyInjectiveOnBox } from './pairSearch';
import type { PairPartition } from './parallelPartition';
import { sharedQueuePartition, stridedPartition } from './parallelPartition';
import type { FromSplitWorker, SplitJob } from './parallelProtocol';

const port = parentPort;
if (!port) throw new Error('split worker must run in a worker thread');
const post = (m: FromSplitWorker): void => port.postMessage(m);
const shared = new Int32Array((workerData as { shared: SharedArrayBuffer }).shared);

// HiGHS starts loading at once (its WASM compiles off the main JS thread) while the cells and the screen are
// computed; proofs that need no MILP never wait for it.
const highs = loadHighsRuntime();
highs.catch(() => undefined); // observed by the first solve
let session: HighsSession | null = null;

const solver: MipSolver = {
  async solve(problem, o) {
    assertWellFormed(problem);
    session ??= new HighsSession(await highs, shared);
    return session.solve(problem, {
      wantProgress: false,
      ...(o.timeLimitSeconds !== undefined ? { timeLimitSeconds: o.timeLimitSeconds } : {}),
      ...(o.stopAtFirstSolution !== undefined ? { stopAtFirstSolution: o.stopAtFirstSolution } : {}),
      ...(o.mipRelGap !== undefined ? { mipRelGap: o.mipRelGap } : {}),
    }, () => undefined);
  },
};

async function run(job: SplitJob): Promise<void> {
  const onBegin = (pairs: number): void => { if (job.index === 0) post({ type: 'screened', pairs }); };
  const base = job.schedule === 'queue' ? sharedQueuePartition(shared, onBegin) : stridedPartition(shared, job.index, job.count, onBegin);
  let claimed = 0;
  const partition: PairPartition = {
    begin: (n) => base.begin(n),
    claim: () => { const k = base.claim(); if (k >= 0) claimed++; return k; },
    stopped: () => base.stopped(),
  };
  const out = await certifyInjectiveOnBox(job.net, job.box, { ...job.options, solver }, partition);
  post({
    type: 'done', status: out.status, stopped: partition.stopped() && out.status === 'unresolved', stats: out.stats, claimed,
    ...(out.collision ? { x: out.collision.x, y: out.collision.y } : {}),
    ...(out.reason !== undefined ? { reason: out.reason } : {}),
  });
}

port.on('message', (job: SplitJob) => {
  run(job).catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
});
