// QueryExecutor backed by one long-lived worker thread (src/server/jobs/queryWorker.ts → dist/queryWorker.js).
// Cancellation is cooperative (the engine's AbortSignal), and forced: a worker that has not stopped within the
// grace period is terminated and respawned on the next job. A crashed worker fails its job, never the server.
import { Worker } from 'node:worker_threads';
import type { WorkerScript } from '../../engine/solver/workerScript';
import { locateWorkerScript } from '../../engine/solver/workerScript';
import type { QuerySpec } from '../../shared/querySpec';
import type { QueryResult } from '../../shared/results';
import type { ExecutionHandlers, QueryExecutor } from './jobManager';
import { ExecutionError } from './jobManager';
import type { ExportRequest, FromQueryWorker, ToQueryWorker } from './workerProtocol';

export const CANCEL_GRACE_MS = 3000;

interface Pending {
  readonly resolve: (r: QueryResult) => void;
  readonly reject: (e: Error) => void;
  readonly handlers: ExecutionHandlers;
}

function workerScript(): WorkerScript {
  try {
    return locateWorkerScript(__dirname, 'queryWorker.js', 'queryWorker.ts', 'query worker');
  } catch (e) {
    throw new ExecutionError('WorkerMissing', e instanceof Error ? e.message : String(e));
  }
}

export class WorkerExecutor implements QueryExecutor {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  run(spec: QuerySpec, handlers: ExecutionHandlers, exportModel?: ExportRequest): Promise<QueryResult> {
    if (this.disposed) return Promise.reject(new ExecutionError('Disposed', 'the server is shutting down'));
    if (handlers.signal.aborted) return Promise.reject(new ExecutionError('Cancelled', 'cancelled'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<QueryResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, handlers });
      const onAbort = (): void => {
        this.post({ type: 'cancel', id });
        const timer = setTimeout(() => {
          if (this.pending.has(id) && this.worker === worker) {
            this.log(`query worker ignored a cancel for ${CANCEL_GRACE_MS} ms: terminating it`);
            this.kill(new ExecutionError('Cancelled', 'cancelled (worker terminated)'));
          }
        }, CANCEL_GRACE_MS);
        timer.unref();
      };
      handlers.signal.addEventListener('abort', onAbort, { once: true });
      this.post({ type: 'run', id, spec, ...(exportModel ? { exportModel } : {}) });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const script = workerScript();
    const worker = script.bootstrap ? new Worker(script.bootstrap, { eval: true }) : new Worker(script.file);
    worker.on('message', (m: FromQueryWorker) => this.onMessage(m));
    worker.on('error', (e) => {
      this.log(`query worker crashed: ${e.stack ?? e.message}`);
      if (this.worker === worker) this.kill(new ExecutionError('WorkerCrashed', `the query worker crashed: ${e.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = null;
        this.failAll(new ExecutionError('WorkerCrashed', `the query worker exited (code ${code})`));
      }
    });
    this.worker = worker;
    return worker;
  }

  private post(m: ToQueryWorker): void {
    this.worker?.postMessage(m);
  }

  private onMessage(m: FromQueryWorker): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.handlers.onProgress(m.progress);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'done') p.resolve(m.result);
    else if (m.type === 'cancelled') p.reject(new ExecutionError('Cancelled', 'cancelled'));
    else p.reject(new ExecutionError(m.code, m.message));
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private kill(e: Error): void {
    const w = this.worker;
    this.worker = null;
    this.failAll(e);
    void w?.terminate();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const w = this.worker;
    this.worker = null;
    this.failAll(new ExecutionError('Disposed', 'the server is shutting down'));
    if (!w) return;
    // Let the worker dispose its solver pool, but never wait long for it.
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage({ type: 'shutdown' } satisfies ToQueryWorker);
    const timer = setTimeout(() => void w.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }
}
