// One pool slot: a HiGHS worker thread that runs one job at a time, is interrupted cooperatively through a
// shared flag, terminated after a grace period if it does not stop, and respawned after any crash.
import { Worker } from 'node:worker_threads';
import { Cancelled, SolverFailed } from '../errors';
import type { FromWorker, ToWorker } from './protocol';
import { INTERRUPT_FLAG } from './protocol';
import { locateSolverWorker } from './workerScript';

/** How long a worker may take to honour an interrupt before it is terminated. */
export const INTERRUPT_GRACE_MS = 1000;

type JobMessage = ToWorker extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;
type Reply = Extract<FromWorker, { id: number }>;

export interface JobHandlers {
  readonly signal?: AbortSignal;
  /** Non-terminal messages (progress) for this job. */
  readonly onMessage?: (m: Reply) => void;
}

interface Running {
  readonly id: number;
  readonly settle: (m: Reply | Error) => void;
  readonly onMessage?: (m: Reply) => void;
}

export class WorkerSlot {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private running: Running | null = null;
  private readonly interrupt = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private disposed = false;
  /** Number of workers started so far (1 + recycles); tests read it. */
  spawnCount = 0;

  /** @param graceMs how long an interrupted job may take to stop before its worker is terminated. */
  constructor(private readonly graceMs = INTERRUPT_GRACE_MS) { this.spawn(); }

  get busy(): boolean { return this.running !== null; }

  /** Runs one job to its terminal reply. Rejects Cancelled on abort, SolverFailed if the worker dies. */
  async run(message: JobMessage, h: JobHandlers = {}): Promise<Reply> {
    if (this.disposed) throw new Cancelled('solver pool disposed');
    if (this.running) throw new Error('WorkerSlot.run: slot busy');
    const id = this.nextId++;
    let settle!: (m: Reply | Error) => void;
    const done = new Promise<Reply | Error>((resolve) => { settle = resolve; });
    this.running = { id, settle, onMessage: h.onMessage };
    let graceTimer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      Atomics.store(this.interrupt, INTERRUPT_FLAG, 1);
      graceTimer = setTimeout(() => { void this.recycle(new Cancelled()); }, this.graceMs);
    };
    try {
      this.worker?.ref(); // an idle worker is unref'd; while a job waits on it, it must keep the process alive
      // The job can fail while the worker is still starting (killed, recycled, disposed): race the two.
      const early = await Promise.race([this.ensureReady().then(() => null), done]);
      if (early instanceof Error) throw early;
      if (h.signal?.aborted) throw new Cancelled();
      h.signal?.addEventListener('abort', onAbort, { once: true });
      Atomics.store(this.interrupt, INTERRUPT_FLAG, 0);
      this.worker!.postMessage({ ...message, id });
      const reply = await done;
      if (h.signal?.aborted) throw new Cancelled();
      if (reply instanceof Error) throw reply;
      if (reply.type === 'failed') {
        if (reply.error.fatal) void this.recycle(null);
        if (reply.error.code === 'Cancelled') throw new Cancelled();
        throw new SolverFailed(reply.error.rawStatus ? `${reply.error.message} (HiGHS status ${reply.error.rawStatus})` : reply.error.message);
      }
      return reply;
    } finally {
      clearTimeout(graceTimer);
      h.signal?.removeEventListener('abort', onAbort);
      this.running = null;
      this.worker?.unref();
    }
  }

  /** Resolves once a worker is up (HiGHS loaded and warmed up); rejects if it cannot start. */
  whenReady(): Promise<void> {
    return this.ensureReady();
  }

  /** Terminates the worker (failing a running job with `reason`, or SolverFailed) and starts a fresh one. */
  async recycle(reason: Error | null): Promise<void> {
    const old = this.worker;
    this.worker = null;
    this.ready = null;
    this.running?.settle(reason ?? new SolverFailed('solver worker was restarted'));
    // Spawn before awaiting, so a job queued meanwhile cannot start a second replacement.
    if (!this.disposed) this.spawn();
    if (old) await old.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.running?.settle(new Cancelled('solver pool disposed'));
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private ensureReady(): Promise<void> {
    if (!this.worker || !this.ready) this.spawn();
    return this.ready!;
  }

  private spawn(): void {
    const script = locateSolverWorker();
    const worker = script.bootstrap
      ? new Worker(script.bootstrap, { eval: true, workerData: { interrupt: this.interrupt.buffer }, stdout: false, stderr: false })
      : new Worker(script.file, { workerData: { interrupt: this.interrupt.buffer }, stdout: false, stderr: false });
    this.spawnCount++;
    this.worker = worker;
    if (!this.running) worker.unref();
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') { started = true; resolve(); return; }
        if (m.type === 'startupFailed') { reject(new SolverFailed(`HiGHS failed to start: ${m.message}`)); return; }
        const r = this.running;
        if (!r || m.id !== r.id) return; // a stale reply from an interrupted job
        if (m.type === 'progress' || m.type === 'batchProgress') r.onMessage?.(m);
        else r.settle(m);
      });
      const died = (why: string): void => {
        reject(new SolverFailed(`solver worker stopped (${why})`)); // no-op if it had started
        if (this.worker !== worker) return; // already replaced
        if (!started) {
          // Never came up: do not respawn in a loop; the next job tries again.
          const err = new SolverFailed(`solver worker failed to start (${why})`);
          this.worker = null;
          this.ready = null;
          reject(err);
          this.running?.settle(err);
          return;
        }
        void this.recycle(new SolverFailed(`solver worker stopped unexpectedly (${why}); it has been restarted`));
      };
      worker.on('error', (e) => died(e.message));
      worker.on('exit', (code) => died(`exit code ${code}`));
    });
    this.ready.catch(() => undefined); // observed by run(); avoid an unhandled rejection while idle
  }
}
