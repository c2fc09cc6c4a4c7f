// certifyInjectiveOnBox on N pooled worker threads. Every worker gets the network (plain typed arrays), the box
// and the numeric options, recomputes the same cells and pair screen, and processes the initial pairs it claims
// (shared counter, or strided). The first verified collision stops the others (shared flag, which also interrupts
// their HiGHS); the box is injective only if every worker finished its share with a proof.
import { availableParallelism } from 'node:os';
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { Cancelled } from '../errors';
import { measure, passesFloat64Rule } from './collision';
import type { ParallelSchedule, WorkerSplitOptions } from './parallelProtocol';
import { PARALLEL_NEXT_PAIR, PARALLEL_SHARED_SLOTS, PARALLEL_STOP } from './parallelProtocol';
import type { SplitWorker, SplitWorkerPool, WorkerDone, WorkerReport } from './parallelPool';
import type { SearchContext } from './searchContext';
import type { CellFrame, SplitOptions, SplitOutcome, SplitStats } from './types';
import { addStats } from './types';

const PROGRESS_INTERVAL_MS = 250;

export interface ParallelDetails {
  readonly workers: number;
  readonly schedule: ParallelSchedule;
  /** Per worker: how it ended, whether another's collision stopped it, initial pairs claimed, thread CPU (Linux). */
  readonly reports: ReadonlyArray<{ readonly status: string; readonly stopped: boolean; readonly claimed: number; readonly cpuSeconds?: number }>;
}

export type ParallelOutcome = SplitOutcome & { readonly parallel?: ParallelDetails };

/**
 * The grid search of certifyInjectiveOnBox on `pool`'s worker threads, after `ctx` (the caller's) has tried the
 * whole-box certificate and the small-box MILPs. `serial` runs the same box on the calling thread, used when the
 * workers cannot start or fail.
 */
export async function certifyInParallel(net: Network, box: Box, ctx: SearchContext, pool: SplitWorkerPool,
  serial: (o: SplitOptions) => Promise<SplitOutcome>, frame?: CellFrame): Promise<ParallelOutcome> {
  const opts = ctx.opts;
  const schedule: ParallelSchedule = opts.workerSchedule ?? 'queue';
  // More workers than cores only add screening work (every worker screens all pairs).
  const count = Math.min(Math.max(1, Math.floor(opts.workers ?? 2)), availableParallelism());
  const fallBack = async (why: string): Promise<SplitOutcome> => {
    opts.onProgress?.(`split: running on one thread (${why})`);
    const out = await serial({ ...opts, workers: 1 });
    addStats(out.stats, ctx.stats);
    return out;
  };
  if (count < 2) return fallBack('one core');
  let workers: SplitWorker[];
  try { workers = pool.acquire(count); } catch (e) { return fallBack(e instanceof Error ? e.message : String(e)); }

  const buffer = new SharedArrayBuffer(4 * PARALLEL_SHARED_SLOTS);
  const shared = new Int32Array(buffer);
  const stopAll = (): void => {
    Atomics.store(shared, PARALLEL_STOP, 1);
    for (const w of workers) w.stop();
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
    opts.onProgress?.(`split: ${claimed}/${total} pairs (${count} workers)`, claimed / total, { left: { count: total - claimed, unit: 'cell pairs' } });
  }, PROGRESS_INTERVAL_MS);
  progress.unref();
  opts.signal?.addEventListener('abort', stopAll, { once: true });
  let reports: WorkerReport[];
  try {
    reports = await Promise.all(workers.map(async (w, index) => {
      const r = await w.run({ type: 'certify', shared: buffer, net, box, options, schedule, index, count, ...(frame ? { frame } : {}) }, (pairs) => {
        total = pairs;
        opts.onProgress?.(`split: ${pairs} cell pairs survive the screen, shared by ${count} workers`, 0, { left: { count: pairs, unit: 'cell pairs' } });
      });
      if (r.type === 'done' && r.status === 'collision') stopAll();
      return r;
    }));
  } finally {
    clearInterval(progress);
    opts.signal?.removeEventListener('abort', stopAll);
  }
  if (opts.signal?.aborted) throw new Cancelled();
  return merge(net, box, opts.epsilon, ctx.stats, ctx.elapsedSeconds(), reports, { count, schedule }, fallBack);
}

async function merge(net: Network, box: Box, eps: number, own: SplitStats, seconds: number, reports: WorkerReport[],
  p: { count: number; schedule: ParallelSchedule }, fallBack: (why: string) => Promise<SplitOutcome>): Promise<ParallelOutcome> {
  const done = reports.filter((r): r is WorkerDone => r.type === 'done');
  const stats = { ...own };
  done.forEach((r, i) => {
    // Every worker computed the same cells and screen: count them once.
    addStats(stats, i === 0 ? r.stats : { ...r.stats, cells: 0, pairsScreened: 0, pairsSurvived: 0, pairsReused: 0 });
  });
  // Every worker screened the same pairs: their settled lists overlap, which is harmless.
  const settled = done.some((r) => r.settled) ? { settled: done.flatMap((r) => r.settled ?? []) } : {};
  stats.seconds = seconds;
  const parallel: ParallelDetails = {
    workers: p.count, schedule: p.schedule,
    reports: reports.map((r) => (r.type === 'done' ? { status: r.status, stopped: r.stopped, claimed: r.claimed, ...(r.cpuSeconds !== undefined ? { cpuSeconds: r.cpuSeconds } : {}) } : { status: 'failed', stopped: false, claimed: 0 })),
  };
  for (const r of done) {
    if (r.status !== 'collision' || !r.x || !r.y) continue;
    // Re-measured here: the pair is checked by the thread that reports it.
    const c = measure(net, r.x, r.y);
    if (passesFloat64Rule(net, c, box, eps)) return { status: 'collision', collision: c, stats, parallel, ...settled };
  }
  const failed = reports.find((r) => r.type === 'failed');
  if (failed) return fallBack(`a split worker failed: ${failed.message}`);
  const open = done.find((r) => r.status !== 'injective');
  if (open) return { status: 'unresolved', reason: open.reason ?? 'unresolved leaves', stats, parallel, ...settled };
  return { status: 'injective', stats, parallel };
}
