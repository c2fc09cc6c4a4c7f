// SolverPool: N HiGHS worker threads and a FIFO job queue. The public face of the solver host.
import { availableParallelism } from 'node:os';
import { Cancelled, SolverFailed, throwIfAborted } from '../errors';
import type { MipProblem, SolveOptions, SolveResult } from './problem';
import type { ColumnBounds } from './protocol';
import { assertFitsWasmHeap, assertWellFormed } from './sizeGuard';
import type { JobHandlers } from './workerSlot';
import { WorkerSlot } from './workerSlot';

export interface SolverPoolOptions {
  /** Number of worker threads (default 1). Each runs single-threaded HiGHS. */
  readonly size?: number;
  /** How long an aborted job may take to stop cooperatively before its worker is terminated (default 1000 ms). */
  readonly interruptGraceMs?: number;
}

export interface BoundColumnsRequest {
  /** Budget for the whole request in seconds (all LPs together). */
  readonly timeLimitSeconds?: number;
  readonly signal?: AbortSignal;
  /** Called with LPs (columns) done / total, throttled. */
  readonly onProgress?: (done: number, total: number) => void;
}

type Reply = Awaited<ReturnType<WorkerSlot['run']>>;
type JobMessage = Parameters<WorkerSlot['run']>[0];

interface QueuedJob {
  readonly message: JobMessage;
  readonly handlers: JobHandlers;
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: unknown) => void;
  /** Detaches the queued-cancel listener when the job reaches a worker. */
  leaveQueue?: () => void;
}

export class SolverPool {
  private readonly slots: WorkerSlot[];
  private readonly queue: QueuedJob[] = [];
  private disposed = false;

  constructor(opts: SolverPoolOptions = {}) {
    const size = Math.max(1, Math.floor(opts.size ?? 1));
    this.slots = Array.from({ length: size }, () => new WorkerSlot(opts.interruptGraceMs));
  }

  get size(): number { return this.slots.length; }

  /** Workers started so far, including restarts after crashes or forced interrupts. */
  get workersStarted(): number { return this.slots.reduce((n, s) => n + s.spawnCount, 0); }

  /** Resolves when every worker has loaded HiGHS and finished its warm-up solve. */
  async ready(): Promise<void> {
    if (this.disposed) throw new Cancelled('solver pool disposed');
    await Promise.all(this.slots.map((s) => s.whenReady()));
  }

  /**
   * Solves an LP or MIP. Resolves with any HiGHS outcome (optimal, infeasible, limits...); rejects with
   * Cancelled when `o.signal` fires, SolverFailed when HiGHS errors or its worker dies, ModelTooLarge up front.
   */
  async solve(problem: MipProblem, o: SolveOptions = {}): Promise<SolveResult> {
    this.admit(problem, o.signal);
    const { signal, onProgress, ...rest } = o;
    const reply = await this.enqueue(
      { type: 'solve', problem, options: { ...rest, wantProgress: onProgress !== undefined } },
      { signal, onMessage: (m) => { if (m.type === 'progress') onProgress?.(m.progress); } },
    );
    if (reply.type !== 'solved') throw new SolverFailed(`unexpected solver reply '${reply.type}'`);
    return reply.result;
  }

  /** Solves independent problems on all workers; results in input order. */
  solveBatch(problems: readonly MipProblem[], o: SolveOptions = {}): Promise<SolveResult[]> {
    return Promise.all(problems.map((p) => this.solve(p, o)));
  }

  /**
   * min and max of each column in `columns` over the LP `problem` (its objective is ignored). Builds the LP once
   * per worker and only swaps the objective; columns are split across the workers. NaN marks a column whose
   * LP did not reach a proven optimum (time limit): keep your previous bound there.
   */
  async boundColumns(problem: MipProblem, columns: Int32Array, r: BoundColumnsRequest = {}): Promise<ColumnBounds> {
    this.admit(problem, r.signal);
    const chunks = splitEvenly(columns, this.slots.length);
    const done = new Array<number>(chunks.length).fill(0);
    const parts = await Promise.all(chunks.map(async (chunk, c) => {
      const reply = await this.enqueue(
        { type: 'boundColumns', problem, columns: chunk, options: { timeLimitSeconds: r.timeLimitSeconds, wantProgress: r.onProgress !== undefined } },
        {
          signal: r.signal,
          onMessage: (m) => {
            if (m.type !== 'batchProgress') return;
            done[c] = m.done;
            r.onProgress?.(done.reduce((a, b) => a + b, 0), columns.length);
          },
        },
      );
      if (reply.type !== 'bounded') throw new SolverFailed(`unexpected solver reply '${reply.type}'`);
      return reply.bounds;
    }));
    const lower = new Float64Array(columns.length);
    const upper = new Float64Array(columns.length);
    let offset = 0, lps = 0, seconds = 0;
    for (const p of parts) {
      lower.set(p.lower, offset);
      upper.set(p.upper, offset);
      offset += p.lower.length;
      lps += p.lps;
      seconds = Math.max(seconds, p.seconds);
    }
    return { lower, upper, lps, seconds };
  }

  /** The problem in CPLEX LP or free MPS text, with the builder's column/row names. */
  async exportModel(problem: MipProblem, format: 'lp' | 'mps'): Promise<string> {
    this.admit(problem, undefined);
    const reply = await this.enqueue({ type: 'export', problem, format }, {});
    if (reply.type !== 'exported') throw new SolverFailed(`unexpected solver reply '${reply.type}'`);
    return reply.text;
  }

  /** Terminates every worker as if it had crashed (running jobs fail with SolverFailed) and starts fresh ones. */
  async killWorkers(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.recycle(new SolverFailed('solver worker was killed'))));
  }

  /** Fails queued jobs with Cancelled and stops all workers. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new Cancelled('solver pool disposed'));
    await Promise.all(this.slots.map((s) => s.dispose()));
  }

  private admit(problem: MipProblem, signal: AbortSignal | undefined): void {
    if (this.disposed) throw new Cancelled('solver pool disposed');
    throwIfAborted(signal);
    assertWellFormed(problem);
    assertFitsWasmHeap(problem);
  }

  private enqueue(message: JobMessage, handlers: JobHandlers): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const job: QueuedJob = { message, handlers, resolve, reject };
      // A job cancelled while still queued never reaches a worker. The listener is removed once the job leaves
      // the queue, so long query runs sharing one signal do not pile up listeners.
      const onQueuedAbort = (): void => {
        const i = this.queue.indexOf(job);
        if (i >= 0) { this.queue.splice(i, 1); reject(new Cancelled()); }
      };
      job.leaveQueue = () => handlers.signal?.removeEventListener('abort', onQueuedAbort);
      this.queue.push(job);
      handlers.signal?.addEventListener('abort', onQueuedAbort, { once: true });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      job.leaveQueue?.();
      slot.run(job.message, job.handlers)
        .then(job.resolve, job.reject)
        .finally(() => this.pump());
    }
  }
}

function splitEvenly(columns: Int32Array, parts: number): Int32Array[] {
  const n = Math.max(1, Math.min(parts, columns.length));
  const out: Int32Array[] = [];
  for (let i = 0; i < n; i++) out.push(columns.subarray(Math.floor((i * columns.length) / n), Math.floor(((i + 1) * columns.length) / n)));
  return out;
}

/**
 * Worker threads of an engine's pool (engine.ts): two where there are two cores, so a query's independent MILPs
 * (direction MILPs, OBBT column batches) run side by side; one on a single core. Each worker is a
 * single-threaded HiGHS (the `threads` option is never set).
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}
