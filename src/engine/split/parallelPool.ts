// Warm split workers kept between searches: a fresh worker re-JITs the bounds code (its first screen of the
// Brusselator takes ~1.5 s against ~0.2 s warm) and reloads HiGHS, which would eat the gain of a 1 s proof and
// of every step of a radius bisection. Idle workers are unref'd, so they never keep a process alive, and are
// terminated after SPLIT_WORKER_IDLE_MS without work or by disposeSplitWorkers().
import { Worker } from 'node:worker_threads';
import type { FromSplitWorker, SplitJob } from './parallelProtocol';
import { locateSplitWorker } from './parallelWorkerScript';
import { emptyStats } from './types';

export const SPLIT_WORKER_IDLE_MS = 60_000;
/** How long a stopped worker may take to notice the flag before it is terminated. */
export const STOP_GRACE_MS = 2000;

export type WorkerDone = Extract<FromSplitWorker, { type: 'done' }>;
export type WorkerReport = WorkerDone | { readonly type: 'failed'; readonly message: string };

interface Job {
  readonly id: number;
  readonly settle: (r: WorkerReport) => void;
  readonly onScreened: (pairs: number) => void;
}

let nextJobId = 1;
const pool: SplitWorker[] = [];

export class SplitWorker {
  private readonly worker: Worker;
  private job: Job | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private grace: NodeJS.Timeout | undefined;
  private dead = false;

  constructor() {
    const script = locateSplitWorker();
    const data = { stdout: false, stderr: false };
    this.worker = script.bootstrap ? new Worker(script.bootstrap, { ...data, eval: true }) : new Worker(script.file, data);
    this.worker.unref();
    this.worker.on('message', (m: FromSplitWorker) => {
      const job = this.job;
      if (!job || m.id !== job.id) return; // a late answer of a job already given up on
      if (m.type === 'screened') { job.onScreened(m.pairs); return; }
      if (m.type === 'failed') void this.kill(); // its HiGHS heap may be corrupt: never reuse it
      this.finish(m);
    });
    this.worker.on('error', (e) => { this.dead = true; this.finish({ type: 'failed', message: e.message }); });
    this.worker.on('exit', (code) => {
      this.dead = true;
      remove(this);
      this.finish({ type: 'failed', message: `split worker exited (code ${code})` });
    });
  }

  get idle(): boolean { return !this.dead && this.job === null; }

  /** Runs one job to its report (never rejects). */
  run(job: Omit<SplitJob, 'id'>, onScreened: (pairs: number) => void): Promise<WorkerReport> {
    if (!this.idle) throw new Error('SplitWorker.run: worker busy or stopped');
    clearTimeout(this.idleTimer);
    const id = nextJobId++;
    return new Promise<WorkerReport>((settle) => {
      this.job = { id, settle, onScreened };
      this.worker.ref(); // while it works for a caller it keeps the process alive
      this.worker.postMessage({ ...job, id });
    });
  }

  /** The search's stop flag is set: a worker that has not answered within the grace period is terminated. */
  stop(): void {
    if (this.job && !this.grace) {
      this.grace = setTimeout(() => {
        this.finish({ type: 'done', id: this.job?.id ?? 0, status: 'unresolved', stopped: true, reason: 'terminated after the stop', stats: emptyStats(), claimed: 0 });
        void this.kill();
      }, STOP_GRACE_MS);
    }
  }

  async kill(): Promise<void> {
    this.dead = true;
    remove(this);
    clearTimeout(this.idleTimer);
    await this.worker.terminate();
  }

  private finish(r: WorkerReport): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    clearTimeout(this.grace);
    this.grace = undefined;
    this.worker.unref();
    if (!this.dead) this.idleFor(SPLIT_WORKER_IDLE_MS);
    job.settle(r);
  }

  /** Terminates the worker if it is still idle after `ms`. */
  idleFor(ms: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => { if (this.idle) void this.kill(); }, ms);
    this.idleTimer.unref();
  }
}

function remove(w: SplitWorker): void {
  const i = pool.indexOf(w);
  if (i >= 0) pool.splice(i, 1);
}

/** `count` idle workers, reusing warm ones and starting the rest. Throws when the worker script is missing. */
export function acquireSplitWorkers(count: number): SplitWorker[] {
  const got = pool.filter((w) => w.idle).slice(0, count);
  while (got.length < count) {
    const w = new SplitWorker();
    pool.push(w);
    got.push(w);
  }
  return got;
}

/**
 * Starts idle workers up to `count` (they load HiGHS and warm up their JIT), so a search shortly after finds
 * them ready. Call it at the start of a query that will use the split path with workers; never throws.
 */
export function prewarmSplitWorkers(count: number): void {
  try {
    for (let n = pool.filter((w) => w.idle).length; n < count; n++) {
      const w = new SplitWorker();
      pool.push(w);
      w.idleFor(SPLIT_WORKER_IDLE_MS);
    }
  } catch {
    // No worker script (e.g. an incomplete build): the search itself falls back to one thread.
  }
}

/** Split worker threads currently alive (busy or idle). */
export function liveSplitWorkers(): number {
  return pool.length;
}

/** Terminates every pooled split worker (running searches see them fail and fall back). */
export async function disposeSplitWorkers(): Promise<void> {
  await Promise.all([...pool].map((w) => w.kill()));
}
