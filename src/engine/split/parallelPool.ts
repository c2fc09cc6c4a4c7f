// Warm split workers kept between searches: a fresh worker re-JITs the bounds code (its first screen of the
// Brusselator takes ~1.5 s against ~0.2 s warm) and reloads HiGHS, which would eat the gain of a 1 s proof and
// of every step of a radius bisection. Idle workers are unref'd, so they never keep a process alive, and are
// terminated after SPLIT_WORKER_IDLE_MS without work or by their pool's dispose() (the engine's, engine.ts).
// Each thread is a WorkerHost; this file is the pool's policy: warm reuse, the idle timeout, the stop grace, and
// no reuse after a failure.
import type { WorkerScript } from '../workers/workerScript';
import { locateWorkerScript } from '../workers/workerScript';
import { WorkerHost } from '../workers/workerHost';
import type { FromSplitWorker, SplitJob } from './parallelProtocol';
import { emptyStats } from './types';

export const SPLIT_WORKER_IDLE_MS = 60_000;
/** How long a stopped worker may take to notice the flag before it is terminated. */
export const STOP_GRACE_MS = 2000;

export type WorkerDone = Extract<FromSplitWorker, { type: 'done' }>;
export type WorkerReport = WorkerDone | { readonly type: 'failed'; readonly message: string };
type Screened = Extract<FromSplitWorker, { type: 'screened' }>;

function locateSplitWorker(): WorkerScript {
  return locateWorkerScript(__dirname, 'splitWorker.js', 'parallelWorker.ts', 'split worker');
}

export class SplitWorker {
  private readonly host = new WorkerHost<SplitJob, FromSplitWorker, Screened>({
    locate: locateSplitWorker,
    isInterim: (m): m is Screened => m.type === 'screened',
    onDeath: (d) => {
      this.dead = true;
      this.onGone(this);
      return new Error('error' in d ? d.error.message : `split worker exited (code ${d.exitCode})`);
    },
  });
  private jobId: number | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private dead = false;

  /** Starts the thread (idle, unref'd). Throws when the worker script is missing. */
  constructor(private readonly onGone: (w: SplitWorker) => void) { this.host.start(); }

  get idle(): boolean { return !this.dead && !this.host.busy; }

  /** Runs one job to its report (never rejects). */
  run(job: Omit<SplitJob, 'id'>, onScreened: (pairs: number) => void): Promise<WorkerReport> {
    if (!this.idle) throw new Error('SplitWorker.run: worker busy or stopped');
    clearTimeout(this.idleTimer);
    const hosted = this.host.open((m) => onScreened(m.pairs));
    this.jobId = hosted.id;
    this.host.post({ ...job, id: hosted.id });
    return hosted.done.then((r) => {
      this.jobId = null;
      const report: WorkerReport = r instanceof Error ? { type: 'failed', message: r.message } : r;
      if (report.type === 'failed') void this.kill(); // its HiGHS heap may be corrupt: never reuse it
      if (!this.dead) this.idleFor(SPLIT_WORKER_IDLE_MS);
      return report;
    });
  }

  /** The search's stop flag is set: a worker that has not answered within the grace period is terminated. */
  stop(): void {
    const id = this.jobId;
    if (id === null) return;
    this.host.graceFor(id, STOP_GRACE_MS, () => {
      this.host.settle(id, { type: 'done', id, status: 'unresolved', stopped: true, reason: 'terminated after the stop', stats: emptyStats(), claimed: 0 });
      void this.kill();
    });
  }

  async kill(): Promise<void> {
    this.dead = true;
    this.onGone(this);
    clearTimeout(this.idleTimer);
    await this.host.terminate(new Error('split worker was terminated'));
  }

  /** Terminates the worker if it is still idle after `ms`. */
  idleFor(ms: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => { if (this.idle) void this.kill(); }, ms);
    this.idleTimer.unref();
  }
}

/** The split worker threads of one engine: warm ones are reused by the next search; dispose() ends them all. */
export class SplitWorkerPool {
  private readonly workers: SplitWorker[] = [];
  private disposed = false;

  /** `count` idle workers, reusing warm ones and starting the rest. Throws when the worker script is missing or the pool is disposed. */
  acquire(count: number): SplitWorker[] {
    if (this.disposed) throw new Error('the split worker pool was disposed');
    const got = this.workers.filter((w) => w.idle).slice(0, count);
    while (got.length < count) got.push(this.start());
    return got;
  }

  /**
   * Starts idle workers up to `count` (they load HiGHS and warm up their JIT), so a search shortly after finds
   * them ready. Call it at the start of a query that will use the split path with workers; never throws.
   */
  prewarm(count: number): void {
    if (this.disposed) return;
    try {
      for (let n = this.workers.filter((w) => w.idle).length; n < count; n++) this.start().idleFor(SPLIT_WORKER_IDLE_MS);
    } catch {
      // No worker script (e.g. an incomplete build): the search itself falls back to one thread.
    }
  }

  /** Split worker threads currently alive (busy or idle). */
  get live(): number {
    return this.workers.length;
  }

  /** Terminates every worker (running searches see them fail and fall back) and starts no more. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.workers].map((w) => w.kill()));
  }

  private start(): SplitWorker {
    const w = new SplitWorker((gone) => {
      const i = this.workers.indexOf(gone);
      if (i >= 0) this.workers.splice(i, 1);
    });
    this.workers.push(w);
    return w;
  }
}
