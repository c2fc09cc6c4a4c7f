// One pool slot: a HiGHS worker thread that runs one job at a time, is interrupted cooperatively through a
// shared flag, terminated after a grace period if it does not stop, and respawned after any crash. The thread
// itself (replies, death, ref/unref, grace timer) is a WorkerHost; this file is the solver's policy.
import { Cancelled, SolverFailed } from '../errors';
import type { ControlMessage, WorkerDeath } from '../workers/workerHost';
import { WorkerHost } from '../workers/workerHost';
import type { WorkerScript } from '../workers/workerScript';
import { locateWorkerScript } from '../workers/workerScript';
import type { FromWorker, ToWorker } from './protocol';
import { INTERRUPT_FLAG } from './protocol';

/** How long a worker may take to honour an interrupt before it is terminated. */
export const INTERRUPT_GRACE_MS = 1000;

type JobMessage = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;
type Reply = Extract<FromWorker, { id: number }>;
type Progress = Extract<FromWorker, { type: 'progress' | 'batchProgress' }>;

export interface JobHandlers {
  readonly signal?: AbortSignal;
  /** Non-terminal messages (progress) for this job. */
  readonly onMessage?: (m: Reply) => void;
}

function locateSolverWorker(): WorkerScript {
  return locateWorkerScript(__dirname, 'solverWorker.js', 'worker.ts', 'solver worker');
}

export class WorkerSlot {
  private readonly interrupt = new Int32Array(new SharedArrayBuffer(4));
  private readonly host = new WorkerHost<ToWorker, FromWorker, Progress>({
    locate: locateSolverWorker,
    workerData: { interrupt: this.interrupt.buffer },
    isInterim: (m): m is Progress => m.type === 'progress' || m.type === 'batchProgress',
    onControl: (m) => this.startupMessage(m),
    onDeath: (d) => this.died(d),
  });
  /** Resolves once the current thread has loaded HiGHS; null when no thread is starting or up. */
  private ready: Promise<void> | null = null;
  private settleReady: { readonly resolve: () => void; readonly reject: (e: Error) => void } | null = null;
  /** Whether the current thread has said 'ready' (a thread that dies before that is not respawned). */
  private started = false;
  private disposed = false;

  /** @param graceMs how long an interrupted job may take to stop before its worker is terminated. */
  constructor(private readonly graceMs = INTERRUPT_GRACE_MS) { this.spawn(); }

  get busy(): boolean { return this.host.busy; }

  /** Number of workers started so far (1 + recycles); tests read it. */
  get spawnCount(): number { return this.host.spawnCount; }

  /** Runs one job to its terminal reply. Rejects Cancelled on abort, SolverFailed if the worker dies. */
  async run(message: JobMessage, h: JobHandlers = {}): Promise<Reply> {
    if (this.disposed) throw new Cancelled('solver pool disposed');
    if (this.host.busy) throw new Error('WorkerSlot.run: slot busy');
    const job = this.host.open(h.onMessage);
    const onAbort = (): void => {
      Atomics.store(this.interrupt, INTERRUPT_FLAG, 1);
      this.host.graceFor(job.id, this.graceMs, () => { void this.recycle(new Cancelled()); });
    };
    try {
      // The job can fail while the worker is still starting (killed, recycled, disposed): race the two.
      const early = await Promise.race([this.ensureReady().then(() => null), job.done]);
      if (early instanceof Error) throw early;
      if (h.signal?.aborted) throw new Cancelled();
      h.signal?.addEventListener('abort', onAbort, { once: true });
      Atomics.store(this.interrupt, INTERRUPT_FLAG, 0);
      this.host.post({ ...message, id: job.id });
      const reply = await job.done;
      if (h.signal?.aborted) throw new Cancelled();
      if (reply instanceof Error) throw reply;
      if (reply.type === 'failed') {
        if (reply.error.fatal) void this.recycle(null);
        if (reply.error.code === 'Cancelled') throw new Cancelled();
        throw new SolverFailed(reply.error.rawStatus ? `${reply.error.message} (HiGHS status ${reply.error.rawStatus})` : reply.error.message);
      }
      return reply;
    } finally {
      h.signal?.removeEventListener('abort', onAbort);
      this.host.settle(job.id, new Cancelled()); // a no-op once settled; frees the slot if a check above threw first
    }
  }

  /** Resolves once a worker is up (HiGHS loaded and warmed up); rejects if it cannot start. */
  whenReady(): Promise<void> {
    return this.ensureReady();
  }

  /** Terminates the worker (failing a running job with `reason`, or SolverFailed) and starts a fresh one. */
  async recycle(reason: Error | null): Promise<void> {
    const stopped = this.host.terminate(reason ?? new SolverFailed('solver worker was restarted'));
    this.ready = null;
    // Spawn before awaiting, so a job queued meanwhile cannot start a second replacement.
    if (!this.disposed) this.spawn();
    await stopped;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.host.terminate(new Cancelled('solver pool disposed'));
  }

  private ensureReady(): Promise<void> {
    if (!this.host.alive || !this.ready) this.spawn();
    return this.ready!;
  }

  private spawn(): void {
    this.host.start();
    this.started = false;
    this.ready = new Promise<void>((resolve, reject) => { this.settleReady = { resolve, reject }; });
    this.ready.catch(() => undefined); // observed by run(); avoid an unhandled rejection while idle
  }

  private startupMessage(m: ControlMessage<FromWorker>): void {
    if (m.type === 'ready') { this.started = true; this.settleReady?.resolve(); return; }
    this.settleReady?.reject(new SolverFailed(`HiGHS failed to start: ${m.message}`));
  }

  private died(d: WorkerDeath): Error {
    const why = 'error' in d ? d.error.message : `exit code ${d.exitCode}`;
    this.settleReady?.reject(new SolverFailed(`solver worker stopped (${why})`)); // no-op if it had started
    if (!this.started) {
      // Never came up: do not respawn in a loop; the next job tries again.
      this.ready = null;
      return new SolverFailed(`solver worker failed to start (${why})`);
    }
    if (!this.disposed) this.spawn();
    return new SolverFailed(`solver worker stopped unexpectedly (${why}); it has been restarted`);
  }
}
