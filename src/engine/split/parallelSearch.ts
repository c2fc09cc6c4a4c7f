// certifyInjectiveOnBox on N worker threads. Every worker gets the network (plain typed arrays), the box and the
// numeric options, recomputes the same cells and pair screen, and processes the initial pairs it claims from a
// shared counter. The first verified collision stops the others (shared flag, which also interrupts their HiGHS);
// the box is injective only if every worker finished its share with a proof.
import { Worker } from 'node:worker_threads';
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { Cancelled } from '../errors';
import { maxWidth } from './box';
import { isVerifiedCollision, measure } from './collision';
import type { FromSplitWorker, ParallelSchedule, SplitJob, WorkerSplitOptions } from './parallelProtocol';
import { PARALLEL_NEXT_PAIR, PARALLEL_SHARED_SLOTS, PARALLEL_STOP } from './parallelProtocol';
import { locateSplitWorker } from './parallelWorkerScript';
import { SearchContext } from './searchContext';
import type { SplitOptions, SplitOutcome, SplitStats } from './types';
import { addStats, emptyStats } from './types';

type Done = Extract<FromSplitWorker, { type: 'done' }>;
type Report = Done | { readonly type: 'failed'; readonly message: string };

/** How long a stopped worker may take to notice the flag before it is terminated. */
const STOP_GRACE_MS = 2000;
const PROGRESS_INTERVAL_MS = 250;

let liveWorkers = 0;
/** Split worker threads currently alive (tests check that none outlive a search). */
export function liveSplitWorkers(): number {
  return liveWorkers;
}

export interface ParallelDetails {
  readonly workers: number;
  readonly schedule: ParallelSchedule;
  /** Per worker: how it ended and how many initial pairs it claimed. */
  readonly reports: ReadonlyArray<{ readonly status: string; readonly stopped: boolean; readonly claimed: number }>;
}

export type ParallelOutcome = SplitOutcome & { readonly parallel?: ParallelDetails };

/**
 * The parallel search; `serial` runs the same box on the calling thread, used when the workers cannot start
 * or fail. A whole-box certificate is tried here first, so boxes settled by one certificate start no thread.
 */
export async function certifyInParallel(net: Network, box: Box, opts: SplitOptions,
  serial: (o: SplitOptions) => Promise<SplitOutcome>, schedule: ParallelSchedule = 'queue'): Promise<ParallelOutcome> {
  const ctx = new SearchContext(net, opts);
  if (maxWidth(box) < opts.epsilon || ctx.certify(box)) {
    ctx.stats.seconds = ctx.elapsedSeconds();
    return { status: 'injective', stats: ctx.stats };
  }
  const count = Math.max(1, Math.floor(opts.workers ?? 2));
  const fallBack = async (why: string): Promise<SplitOutcome> => {
    opts.onProgress?.(`split: running on one thread (${why})`);
    const out = await serial({ ...opts, workers: 1 });
    addStats(out.stats, ctx.stats);
    return out;
  };
  let script: ReturnType<typeof locateSplitWorker>;
  try { script = locateSplitWorker(); } catch (e) { return fallBack(e instanceof Error ? e.message : String(e)); }

  const shared = new Int32Array(new SharedArrayBuffer(4 * PARALLEL_SHARED_SLOTS));
  const runs: WorkerRun[] = [];
  const stopAll = (): void => {
    Atomics.store(shared, PARALLEL_STOP, 1);
    for (const r of runs) r.stop();
  };
  const options: WorkerSplitOptions = {
    gridPerDim: opts.gridPerDim, maxDepth: opts.maxDepth, epsilon: opts.epsilon, maxEnumerate: opts.maxEnumerate,
    milpTimeLimitSeconds: opts.milpTimeLimitSeconds,
    ...(opts.deadlineSeconds !== undefined ? { deadlineSeconds: Math.max(0, opts.deadlineSeconds - ctx.elapsedSeconds()) } : {}),
  };
  let total = 0;
  const progress = setInterval(() => {
    if (total === 0) return;
    const claimed = Math.min(total, Atomics.load(shared, PARALLEL_NEXT_PAIR));
    opts.onProgress?.(`split: ${claimed}/${total} pairs (${count} workers)`, claimed / total);
  }, PROGRESS_INTERVAL_MS);
  progress.unref();
  const onAbort = stopAll;
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  for (let index = 0; index < count; index++) runs.push(startWorker(script, shared, {
    type: 'certify', net, box, options, schedule, index, count,
  }, (pairs) => {
    total = pairs;
    opts.onProgress?.(`split: ${pairs} cell pairs survive the screen, shared by ${count} workers`, 0);
  }, (r) => { if (r.type === 'done' && r.status === 'collision') stopAll(); }));
  if (opts.signal?.aborted) stopAll();
  let reports: Report[];
  try {
    reports = await Promise.all(runs.map((r) => r.report));
  } finally {
    clearInterval(progress);
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.all(runs.map((r) => r.terminate()));
  }
  if (opts.signal?.aborted) throw new Cancelled();
  return merge(net, opts.epsilon, ctx.stats, ctx.elapsedSeconds(), reports, { count, schedule }, fallBack);
}

async function merge(net: Network, eps: number, own: SplitStats, seconds: number, reports: Report[],
  p: { count: number; schedule: ParallelSchedule }, fallBack: (why: string) => Promise<SplitOutcome>): Promise<ParallelOutcome> {
  const done = reports.filter((r): r is Done => r.type === 'done');
  const stats = { ...own };
  done.forEach((r, i) => {
    // Every worker computed the same cells and screen: count them once.
    const s = i === 0 ? r.stats : { ...r.stats, cells: 0, pairsScreened: 0, pairsSurvived: 0 };
    addStats(stats, s);
  });
  stats.seconds = seconds;
  const parallel: ParallelDetails = {
    workers: p.count, schedule: p.schedule,
    reports: reports.map((r) => (r.type === 'done' ? { status: r.status, stopped: r.stopped, claimed: r.claimed } : { status: 'failed', stopped: false, claimed: 0 })),
  };
  for (const r of done) {
    if (r.status !== 'collision' || !r.x || !r.y) continue;
    // Re-measured on this side: the pair that is reported is checked where it is reported.
    const c = measure(net, r.x, r.y);
    if (isVerifiedCollision(c, eps)) return { status: 'collision', collision: c, stats, parallel };
  }
  const failed = reports.find((r) => r.type === 'failed');
  if (failed) return fallBack(`a split worker failed: ${failed.message}`);
  const open = done.find((r) => r.status !== 'injective');
  if (open) return { status: 'unresolved', reason: open.reason ?? 'unresolved leaves', stats, parallel };
  return { status: 'injective', stats, parallel };
}

interface WorkerRun {
  readonly report: Promise<Report>;
  /** The stop flag is set: give the worker a grace period to answer, then count it as stopped. */
  stop(): void;
  terminate(): Promise<void>;
}

function startWorker(script: ReturnType<typeof locateSplitWorker>, shared: Int32Array, job: SplitJob,
  onScreened: (pairs: number) => void, onDone: (r: Report) => void): WorkerRun {
  const data = { workerData: { shared: shared.buffer }, stdout: false, stderr: false };
  const worker = script.bootstrap ? new Worker(script.bootstrap, { ...data, eval: true }) : new Worker(script.file, data);
  liveWorkers++;
  let exited = false;
  let settle!: (r: Report) => void;
  const report = new Promise<Report>((resolve) => { settle = resolve; });
  let grace: NodeJS.Timeout | undefined;
  worker.on('message', (m: FromSplitWorker) => {
    if (m.type === 'screened') { onScreened(m.pairs); return; }
    onDone(m);
    settle(m);
  });
  worker.on('error', (e) => settle({ type: 'failed', message: e.message }));
  worker.on('exit', (code) => {
    exited = true;
    liveWorkers--;
    settle({ type: 'failed', message: `split worker exited (code ${code})` });
  });
  worker.postMessage(job);
  return {
    report,
    stop() {
      // A worker that does not notice the flag within the grace period is terminated (counted as stopped).
      grace ??= setTimeout(() => settle({ type: 'done', status: 'unresolved', stopped: true, stats: emptyStats(), claimed: 0 }), STOP_GRACE_MS);
    },
    async terminate() {
      clearTimeout(grace);
      if (!exited) await worker.terminate();
    },
  };
}


