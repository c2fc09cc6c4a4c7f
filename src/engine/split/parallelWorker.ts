// Split-worker entry (bundled to dist/splitWorker.js): runs certifyInjectiveOnBox on its share of the pairs,
// one job at a time, with its own HiGHS for the leaf MILPs. The worker is pooled (kept warm between searches).
// The search's shared stop flag is also HiGHS's interrupt flag, so a collision found by another worker (or a
// cancel) interrupts a running MILP here too.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { Box } from '../bounds/types';
import type { DenseLayer, Network } from '../ir/network';
import type { MipSolver } from '../solver/problem';
import { HighsSession, loadHighsRuntime } from '../solver/highsSession';
import { assertWellFormed } from '../solver/sizeGuard';
import { certifyInjectiveOnBox } from './pairSearch';
import type { PairPartition } from './parallelPartition';
import { sharedQueuePartition, stridedPartition } from './parallelPartition';
import type { FromSplitWorker, SplitJob } from './parallelProtocol';
import { PARALLEL_STOP } from './parallelProtocol';

const port = parentPort;
if (!port) throw new Error('split worker must run in a worker thread');
const post = (m: FromSplitWorker): void => port.postMessage(m);

// HiGHS starts loading at once (its WASM compiles off the JS thread) while the first cells and screen are
// computed; proofs that need no MILP never wait for it.
const highs = loadHighsRuntime();
highs.catch(() => undefined); // observed by the first solve

function solverFor(shared: Int32Array): MipSolver {
  let session: HighsSession | null = null;
  return {
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
}

/** CPU seconds of this thread so far (Linux /proc/thread-self, clock ticks of 10 ms); undefined elsewhere. */
function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime (fields 14 and 15 of proc(5))
  } catch {
    return undefined;
  }
}

async function run(job: SplitJob): Promise<void> {
  const cpu0 = threadCpuSeconds();
  const shared = new Int32Array(job.shared);
  const onBegin = (pairs: number): void => { if (job.index === 0) post({ type: 'screened', id: job.id, pairs }); };
  const base = job.schedule === 'queue' ? sharedQueuePartition(shared, onBegin) : stridedPartition(shared, job.index, job.count, onBegin);
  let claimed = 0;
  const partition: PairPartition = {
    begin: (n) => base.begin(n),
    claim: () => { const k = base.claim(); if (k >= 0) claimed++; return k; },
    stopped: () => base.stopped(),
  };
  const out = await certifyInjectiveOnBox(job.net, job.box, { ...job.options, solver: solverFor(shared) }, { partition }, job.frame);
  // Stop the other workers at once, without waiting for the main thread to relay it.
  if (out.status === 'collision') Atomics.store(shared, PARALLEL_STOP, 1);
  const cpu1 = threadCpuSeconds();
  post({
    type: 'done', id: job.id, status: out.status, stopped: out.status === 'unresolved' && partition.stopped(), stats: out.stats, claimed,
    ...(out.collision ? { x: out.collision.x, y: out.collision.y } : {}),
    ...(out.reason !== undefined ? { reason: out.reason } : {}),
    ...(out.settled ? { settled: out.settled } : {}),
    ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuSeconds: cpu1 - cpu0 } : {}),
  });
}

/**
 * Runs the search once on a small fixed network, so the first real job finds the bounds, certificate and screen
 * code already optimised (a cold worker screens the Brusselator grid several times slower than a warm one).
 */
async function warmUp(): Promise<void> {
  const layer = (inSize: number, outSize: number, relu: boolean, seed: number): DenseLayer => ({
    inSize, outSize, relu,
    weights: Float64Array.from({ length: inSize * outSize }, (_, i) => Math.sin(seed * 7.3 + i * 1.7)),
    bias: Float64Array.from({ length: outSize }, (_, i) => 0.3 * Math.cos(seed + i * 2.1)),
  });
  const layers = [layer(2, 16, true, 1), layer(16, 16, true, 2), layer(16, 2, false, 3)];
  const net: Network = { layers, inputSize: 2, outputSize: 2, inputs: [], outputs: [], source: 'split worker warm-up' };
  const box: Box = { lower: Float64Array.of(-1, -1), upper: Float64Array.of(1, 1) };
  // No solver: leaf MILPs end 'unknown' at once; only the JavaScript paths matter here.
  await certifyInjectiveOnBox(net, box, { gridPerDim: 6, maxDepth: 2, maxEnumerate: 9, epsilon: 1e-3, milpTimeLimitSeconds: 1, deadlineSeconds: 0.2 });
}
// Only a prewarmed worker (no job right after its start) warms up: a job that is waiting warms the code itself.
let jobSeen = false;
let warm: Promise<void> = Promise.resolve();
setTimeout(() => { if (!jobSeen) warm = warmUp().catch(() => undefined); }, 50);

port.on('message', (job: SplitJob) => {
  jobSeen = true;
  void warm.then(() => run(job)).catch((e: unknown) => post({ type: 'failed', id: job.id, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
});
