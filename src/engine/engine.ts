// The engine's lifecycle: createEngine() … engine.dispose(). One Engine owns every worker thread a query runs on
// (the HiGHS solver pool, the split path's warm workers), so the CLI, the language server's query worker and the
// bench start and stop them in one place instead of each managing pools by hand. onnxruntime-web sessions are not
// cached across queries: each run opens its models' sessions and releases them when it ends (dispatchQuery.ts), and
// dispose() waits for the runs it stops, so no session outlives the engine either.
import type { BoundsOptions, Box, NetworkBounds } from './bounds';
import { computeBounds } from './bounds';
import { Cancelled } from './errors';
import type { Network } from './ir/network';
import type { RunOptions } from './dispatchQuery';
import { dispatchQuery } from './dispatchQuery';
import type { SolverPoolOptions } from './solver';
import { SolverPool, defaultPoolSize } from './solver';
import { SplitWorkerPool } from './split/parallelPool';
import type { NullSpaceNoteSpec } from './queries/nullSpaceNote';
import { nullSpaceNotePair } from './queries/nullSpaceNote';
import type { QuerySpec } from '../shared/querySpec';
import type { QueryResult, Witness } from '../shared/results';

export type { RunOptions } from './dispatchQuery';

export interface EngineOptions {
  /**
   * The solver pool: its options (default defaultPoolSize() workers), or a pool the engine takes over (and disposes).
   * Its workers start with the first query, or ready().
   */
  readonly solver?: SolverPoolOptions | SolverPool;
}

/**
 * How long dispose() lets stopped queries wind down (and so keep what they found, as Cancelled with a partial
 * result) before it terminates the workers under them.
 */
export const DISPOSE_GRACE_MS = 3000;

interface InFlight {
  readonly stop: AbortController;
  /** Settles (never rejects) when the run has ended and released its models. */
  readonly ended: Promise<void>;
}

export class Engine {
  private pool: SolverPool | null;
  private readonly poolOptions: SolverPoolOptions;
  private readonly splitWorkers = new SplitWorkerPool();
  private readonly inFlight = new Set<InFlight>();
  private disposing: Promise<void> | null = null;

  constructor(options: EngineOptions = {}) {
    const s = options.solver;
    this.pool = s instanceof SolverPool ? s : null;
    this.poolOptions = s instanceof SolverPool ? {} : { size: defaultPoolSize(), ...s };
  }

  /** True once dispose() was called: run() then refuses new queries. */
  get disposed(): boolean {
    return this.disposing !== null;
  }

  /** The solver pool, started on first use. Tests and the bench read it (its size, restarts); queries get it from run(). */
  get solverPool(): SolverPool {
    if (this.disposed) throw new Cancelled('the engine was disposed');
    this.pool ??= new SolverPool(this.poolOptions);
    return this.pool;
  }

  /** Split worker threads alive now (busy or idle). */
  get liveSplitWorkers(): number {
    return this.splitWorkers.live;
  }

  /** Starts the solver workers and resolves once HiGHS is loaded in each (so a timing need not count start-up). */
  ready(): Promise<void> {
    return this.solverPool.ready();
  }

  /**
   * Runs one query to its QueryResult ('error' for a user mistake). Rejects with Cancelled (carrying the partial
   * result) when `options.signal` aborts or the engine is disposed meanwhile, SolverFailed when HiGHS breaks.
   */
  run(spec: QuerySpec, options: RunOptions = {}): Promise<QueryResult> {
    return this.track(options.signal, (signal) => dispatchQuery(spec, { ...options, signal }, {
      solver: () => this.solverPool,
      splitWorkers: this.splitWorkers,
    }));
  }

  /** computeBounds on this engine: method 'lp' runs its LPs on the engine's solver pool (invcert inspect). */
  computeBounds(net: Network, box: Box, options: Omit<BoundsOptions, 'pool'>): Promise<NetworkBounds> {
    return this.track(options.signal, async (signal) => computeBounds(net, box, { ...options, signal, ...(options.method === 'lp' ? { pool: this.solverPool } : {}) }));
  }

  /** The editor note's null-space pair (queries/nullSpaceNote.ts); stopped by dispose() like a query. */
  nullSpaceNotePair(spec: NullSpaceNoteSpec, options: { readonly signal?: AbortSignal } = {}): Promise<Witness | null> {
    return this.track(options.signal, (signal) => nullSpaceNotePair(spec, signal));
  }

  /**
   * Stops every query in flight (each ends Cancelled, with what it had found), waits for them to release their
   * models, and terminates every worker thread. Idempotent: later calls return the same promise.
   */
  dispose(): Promise<void> {
    this.disposing ??= this.shutDown();
    return this.disposing;
  }

  private async shutDown(): Promise<void> {
    const running = [...this.inFlight];
    for (const r of running) r.stop.abort();
    const ended = Promise.all(running.map((r) => r.ended));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise<void>((resolve) => { timer = setTimeout(resolve, DISPOSE_GRACE_MS); })]);
    clearTimeout(timer);
    await Promise.all([this.pool?.dispose(), this.splitWorkers.dispose()]);
    await ended;
  }

  /** Runs `work` under a signal that aborts with the caller's `signal` or with dispose(), and counts it in flight. */
  private async track<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.disposed) throw new Cancelled('the engine was disposed');
    const stop = new AbortController();
    const forward = (): void => stop.abort();
    if (signal?.aborted) stop.abort();
    signal?.addEventListener('abort', forward, { once: true });
    let end: () => void = () => undefined;
    const entry: InFlight = { stop, ended: new Promise<void>((resolve) => { end = resolve; }) };
    this.inFlight.add(entry);
    try {
      return await work(stop.signal);
    } finally {
      signal?.removeEventListener('abort', forward);
      this.inFlight.delete(entry);
      end();
    }
  }
}

/** A new engine; no worker thread starts until its first query. Dispose it when done. */
export function createEngine(options: EngineOptions = {}): Engine {
  return new Engine(options);
}
