// One worker thread and the jobs it runs: the mechanics the HiGHS slot (solver/workerSlot.ts), the pooled split
// workers (split/parallelPool.ts) and the language server's query worker (server/jobs/workerExecutor.ts) share.
// A job is a message with an `id`; the worker's replies carry that id. The host routes each reply to its open
// job and drops replies of jobs already settled (an interrupted job may still answer), settles every open job
// when the thread dies or is terminated, keeps the thread ref'd only while a job is open (an idle worker never
// keeps a process alive), and terminates a thread that does not stop within a grace period. What to do after a
// death (respawn now, later, or never), idle timeouts and interrupt flags stay with the users: that is policy.
import { Worker } from 'node:worker_threads';
import type { WorkerScript } from './workerScript';

/** The worker's messages that belong to a job, and those that do not (ready, startup failure). */
export type JobReply<From> = Extract<From, { readonly id: number }>;
export type ControlMessage<From> = Exclude<From, { readonly id: number }>;

/** How a worker thread ended on its own: an uncaught error, or an exit. */
export type WorkerDeath = { readonly error: Error } | { readonly exitCode: number };

export interface WorkerHostOptions<From, Interim extends JobReply<From>> {
  /** Finds the worker's script at each start; may throw (the user's error for a missing build). */
  readonly locate: () => WorkerScript;
  readonly workerData?: unknown;
  /** The replies that report on a job without ending it (progress); every other job reply settles its job. */
  readonly isInterim: (m: JobReply<From>) => m is Interim;
  /** Messages that belong to no job. */
  readonly onControl?: (m: ControlMessage<From>) => void;
  /**
   * The thread died on its own (not by terminate()). The host has dropped it already; this returns the error the
   * open jobs settle with, and may start a replacement (start()).
   */
  readonly onDeath: (death: WorkerDeath) => Error;
}

export interface HostedJob<Final> {
  readonly id: number;
  /** The job's terminal reply, or the error it ended with (the thread died or was terminated). Never rejects. */
  readonly done: Promise<Final | Error>;
}

interface OpenJob<Final, Interim> {
  readonly settle: (outcome: Final | Error) => void;
  readonly onInterim?: (m: Interim) => void;
  grace?: NodeJS.Timeout;
}

export class WorkerHost<To, From, Interim extends JobReply<From> = never> {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, OpenJob<Exclude<JobReply<From>, Interim>, Interim>>();
  private nextId = 1;
  /** Threads started so far (1 + restarts). */
  spawnCount = 0;

  constructor(private readonly opts: WorkerHostOptions<From, Interim>) {}

  /** Whether a thread is running (started and neither dead nor terminated). */
  get alive(): boolean { return this.worker !== null; }

  /** The running thread, if any: for tests that kill it to stand for a crash. */
  get thread(): Worker | null { return this.worker; }

  /** Whether a job is open. */
  get busy(): boolean { return this.jobs.size > 0; }

  /** Starts a thread unless one is running. Throws what `locate` throws. */
  start(): void {
    if (this.worker) return;
    const script = this.opts.locate();
    const worker = new Worker(script.bootstrap ?? script.file, { eval: script.bootstrap !== undefined, workerData: this.opts.workerData });
    this.spawnCount++;
    this.worker = worker;
    if (this.jobs.size === 0) worker.unref();
    worker.on('message', (m: From) => { if (this.worker === worker) this.receive(m); });
    worker.on('error', (error) => this.died(worker, { error }));
    worker.on('exit', (exitCode) => this.died(worker, { exitCode }));
  }

  /**
   * Opens a job: from now on its interim replies go to `onInterim` and its first other reply settles it; the
   * thread's death or terminate() settles it with an error. Post the job's message (with this id) yourself.
   */
  open(onInterim?: (m: Interim) => void): HostedJob<Exclude<JobReply<From>, Interim>> {
    const id = this.nextId++;
    const done = new Promise<Exclude<JobReply<From>, Interim> | Error>((settle) => {
      this.jobs.set(id, { settle, ...(onInterim ? { onInterim } : {}) });
    });
    this.worker?.ref(); // while a caller waits on it, the thread keeps the process alive
    return { id, done };
  }

  post(m: To): void {
    this.worker?.postMessage(m);
  }

  /** Settles an open job from this side (e.g. with a substitute report); a no-op once it has settled. */
  settle(id: number, outcome: Exclude<JobReply<From>, Interim> | Error): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    clearTimeout(job.grace);
    if (this.jobs.size === 0) this.worker?.unref();
    job.settle(outcome);
  }

  /**
   * After `ms`, if job `id` is still open, calls `expire` (which forces the stop: terminate, settle...). Once per
   * job: a second call while the first waits does nothing. The timer never keeps the process alive by itself.
   */
  graceFor(id: number, ms: number, expire: () => void): void {
    const job = this.jobs.get(id);
    if (!job || job.grace) return;
    job.grace = setTimeout(() => { if (this.jobs.has(id)) expire(); }, ms);
    job.grace.unref();
  }

  /** Drops the thread: every open job settles with `reason`, then the thread is terminated. */
  async terminate(reason: Error): Promise<void> {
    const worker = this.detach(reason);
    if (worker) await worker.terminate();
  }

  /**
   * As terminate(), but first asks the thread to end itself (`farewell`, e.g. so it can dispose what it holds),
   * terminating it only if it has not exited after `graceMs`.
   */
  async close(reason: Error, farewell: To, graceMs: number): Promise<void> {
    const worker = this.detach(reason);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage(farewell);
    const timer = setTimeout(() => void worker.terminate(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private receive(m: From): void {
    if (!isJobReply(m)) { this.opts.onControl?.(m as ControlMessage<From>); return; }
    const reply = m as JobReply<From>;
    const job = this.jobs.get(reply.id);
    if (!job) return; // a late reply of a job already settled (interrupted, stopped, or given up on)
    if (this.opts.isInterim(reply)) job.onInterim?.(reply);
    else this.settle(reply.id, reply as Exclude<JobReply<From>, Interim>);
  }

  private died(worker: Worker, death: WorkerDeath): void {
    if (this.worker !== worker) return; // terminated or replaced already; an 'exit' follows every 'error'
    this.worker = null;
    void worker.terminate();
    this.settleAll(this.opts.onDeath(death));
  }

  private detach(reason: Error): Worker | null {
    const worker = this.worker;
    this.worker = null;
    this.settleAll(reason);
    return worker;
  }

  private settleAll(reason: Error): void {
    for (const id of [...this.jobs.keys()]) this.settle(id, reason);
  }
}

function isJobReply(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'number';
}
