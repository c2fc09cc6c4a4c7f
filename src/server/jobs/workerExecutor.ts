// QueryExecutor backed by one long-lived worker thread (src/server/jobs/queryWorker.ts → dist/queryWorker.js).
// Cancellation is cooperative (the engine's AbortSignal), and forced: a worker that has not stopped within the
// grace period is terminated and respawned on the next job. A crashed worker fails its job, never the server.
// The thread itself (replies, death, ref/unref, grace timer) is the engine's WorkerHost.
import type { Worker } from 'node:worker_threads';
import { cancelledResult } from '../../engine/results/build';
import { WorkerHost } from '../../engine/workers/workerHost';
import type { WorkerScript } from '../../engine/workers/workerScript';
import { locateWorkerScript } from '../../engine/workers/workerScript';
import type { QuerySpec } from '../../shared/querySpec';
import type { QueryResult, Witness } from '../../shared/results';
import type { NullSpaceNoteSpec } from '../../engine/queries/nullSpaceNote';
import type { BatchPlan } from '../studies/plan';
import type { ShardRun } from '../studies/runShard';
import type { ExecutionHandlers, QueryExecutor, StudyHandlers } from './jobManager';
import { ExecutionError } from './jobManager';
import type { ExportRequest, FromQueryWorker, ToQueryWorker } from './workerProtocol';

export const CANCEL_GRACE_MS = 3000;
/** How long a shutting-down worker may take to dispose its engine before it is terminated. */
const SHUTDOWN_GRACE_MS = 2000;

type Interim = Extract<FromQueryWorker, { type: 'progress' | 'partial' | 'instance' }>;

function workerScript(): WorkerScript {
  try {
    return locateWorkerScript(__dirname, 'queryWorker.js', 'queryWorker.ts', 'query worker');
  } catch (e) {
    throw new ExecutionError('WorkerMissing', e instanceof Error ? e.message : String(e));
  }
}

export class WorkerExecutor implements QueryExecutor {
  private readonly host = new WorkerHost<ToQueryWorker, FromQueryWorker, Interim>({
    locate: workerScript,
    isInterim: (m): m is Interim => m.type === 'progress' || m.type === 'partial' || m.type === 'instance',
    onDeath: (d) => {
      if ('exitCode' in d) return new ExecutionError('WorkerCrashed', `the query worker exited (code ${d.exitCode})`);
      this.log(`query worker crashed: ${d.error.stack ?? d.error.message}`);
      return new ExecutionError('WorkerCrashed', `the query worker crashed: ${d.error.message}`);
    },
  });
  private disposed = false;

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  /** The query worker thread while one runs: tests terminate it to stand for a crash. */
  get worker(): Worker | null { return this.host.thread; }

  run(spec: QuerySpec, handlers: ExecutionHandlers, exportModel?: ExportRequest): Promise<QueryResult> {
    if (this.disposed) return Promise.reject(new ExecutionError('Disposed', 'the server is shutting down'));
    if (handlers.signal.aborted) return Promise.reject(new ExecutionError('Cancelled', 'cancelled'));
    this.host.start(); // after a crash or a forced cancel, the next job starts a fresh worker
    const started = Date.now();
    // The last bounds the query reported: what a cancel keeps even when the worker must be terminated (a long
    // synchronous step, such as a radius's fold scan, does not let it answer the cancel in time).
    let partial: Extract<Interim, { type: 'partial' }>['partial'] | undefined;
    const job = this.host.open((m) => {
      if (m.type === 'progress') handlers.onProgress(m.progress);
      else if (m.type === 'partial') partial = m.partial;
    });
    const kept = (): QueryResult | undefined => (partial ? cancelledResult(spec, partial, (Date.now() - started) / 1000) : undefined);
    this.cancelOnAbort(handlers.signal, job.id, 'a cancel', kept);
    this.host.post({ type: 'run', id: job.id, spec, ...(exportModel ? { exportModel } : {}) });
    return job.done.then((r) => {
      if (r instanceof Error) throw r;
      if (r.type === 'done') return r.result;
      if (r.type === 'pair' || r.type === 'studyDone') throw new ExecutionError('InternalError', `the query worker answered a query with '${r.type}'`);
      // A cancelled query hands over what it had found (an 'unresolved' result with its bounds), if anything.
      if (r.type === 'cancelled') throw new ExecutionError('Cancelled', 'cancelled', r.partial ?? kept());
      throw new ExecutionError(r.code, r.message);
    });
  }

  runStudy(plan: BatchPlan, dir: string, handlers: StudyHandlers): Promise<ShardRun> {
    if (this.disposed) return Promise.reject(new ExecutionError('Disposed', 'the server is shutting down'));
    if (handlers.signal.aborted) return Promise.reject(new ExecutionError('Cancelled', 'cancelled'));
    this.host.start();
    const job = this.host.open((m) => { if (m.type === 'instance') handlers.onInstance(m.instance, m.done, m.total); });
    // The finished instances are on disk already: a worker that must be terminated loses only the running one.
    this.cancelOnAbort(handlers.signal, job.id, "a study's cancel", () => undefined);
    this.host.post({ type: 'runStudy', id: job.id, plan, dir });
    return job.done.then((r) => {
      if (r instanceof Error) throw r;
      if (r.type === 'studyDone') return { ran: r.ran, skipped: r.skipped };
      if (r.type === 'cancelled') throw new ExecutionError('Cancelled', 'cancelled');
      if (r.type === 'failed') throw new ExecutionError(r.code, r.message);
      throw new ExecutionError('InternalError', `the query worker answered a study with '${r.type}'`);
    });
  }

  /**
   * On abort: asks the worker to stop the job, and terminates the worker if it has not within CANCEL_GRACE_MS (a long
   * synchronous step does not let it answer). `kept` is what the job had found, handed over with the cancel.
   */
  private cancelOnAbort(signal: AbortSignal, jobId: number, what: string, kept: () => QueryResult | undefined): void {
    signal.addEventListener('abort', () => {
      this.host.post({ type: 'cancel', id: jobId });
      this.host.graceFor(jobId, CANCEL_GRACE_MS, () => {
        this.log(`query worker ignored ${what} for ${CANCEL_GRACE_MS} ms: terminating it`);
        void this.host.terminate(new ExecutionError('Cancelled', 'cancelled (worker terminated)', kept()));
      });
    }, { once: true });
  }

  /** The null-space pair of a wide map's query (the editor's note), computed on the query worker beside any job. */
  nullSpacePair(spec: NullSpaceNoteSpec): Promise<Witness | null> {
    if (this.disposed) return Promise.reject(new ExecutionError('Disposed', 'the server is shutting down'));
    this.host.start();
    const job = this.host.open();
    this.host.post({ type: 'nullSpacePair', id: job.id, spec });
    return job.done.then((r) => {
      if (r instanceof Error) throw r;
      if (r.type === 'pair') return r.witness;
      throw new ExecutionError(r.type === 'failed' ? r.code : 'Cancelled', r.type === 'failed' ? r.message : 'cancelled');
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // Let the worker dispose its engine, but never wait long for it.
    await this.host.close(new ExecutionError('Disposed', 'the server is shutting down'), { type: 'shutdown' }, SHUTDOWN_GRACE_MS);
  }
}
