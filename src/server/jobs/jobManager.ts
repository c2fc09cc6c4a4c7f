// The query job queue: a request enqueues and returns at once; jobs run one at a time on the executor (a worker
// thread), each with server-created cancellable work-done progress, and end in exactly one of finished/cancelled.
import type { JobStatus } from '../../shared/protocol';
import type { EngineProgress, QuerySpec } from '../../shared/querySpec';
import type { QueryResult } from '../../shared/results';
import { cancelledResult, errorResult } from '../../engine/results/build';
import { anchorByText } from '../results/resultStore';
import type { ExportRequest } from './workerProtocol';
import type { BatchPlan } from '../studies/plan';
import type { ShardRun } from '../studies/runShard';
import type { FinishedInstance } from '../studies/store';
import { ProgressWords, querySubject } from '../../engine/progressWords';
import { progressMessage, progressPercent } from './progressText';

/** How often a running job's words are re-sent when the engine is quiet (the seconds count on). */
const TICK_MS = 1000;

export interface ExecutionHandlers {
  readonly signal: AbortSignal;
  readonly onProgress: (p: EngineProgress) => void;
}

export interface StudyHandlers {
  readonly signal: AbortSignal;
  /** An instance written to the batch folder; `done` of `total` of the study are finished now. */
  readonly onInstance: (f: FinishedInstance, done: number, total: number) => void;
}

/** Runs one query to a result; throws on failure (a code + message) or when the signal fires. */
export interface QueryExecutor {
  run(spec: QuerySpec, handlers: ExecutionHandlers, exportModel?: ExportRequest): Promise<QueryResult>;
  /** Runs a study's unfinished instances one at a time (studies/runShard.ts); absent, studies do not run. */
  runStudy?(plan: BatchPlan, dir: string, handlers: StudyHandlers): Promise<ShardRun>;
  dispose(): Promise<void>;
}

/** A failure the executor reports: the engine's error code and message (and, for a cancel, what was found). */
export class ExecutionError extends Error {
  constructor(readonly code: string, message: string, readonly partial?: QueryResult) {
    super(message);
  }
}

/** The subset of vscode-languageserver's WorkDoneProgressServerReporter a job uses. */
export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number | string, message?: string): void;
  done(): void;
  readonly token: { onCancellationRequested(listener: () => void): unknown };
}

export interface JobRequest {
  readonly uri: string;
  readonly line: number;
  readonly queryText: string;
  readonly spec: QuerySpec;
  readonly modelPaths: readonly string[];
  /** Also write the query's MIP to this file (ExportMip). */
  readonly exportModel?: ExportRequest;
}

/** A study line (orbit, map) run as one job: its plan (studies/plan.ts) and the batch folder its instances go to. */
export interface StudyJobRequest {
  readonly uri: string;
  readonly line: number;
  readonly queryText: string;
  readonly modelPaths: readonly string[];
  readonly study: { readonly plan: BatchPlan; readonly dir: string; readonly finishedBefore: number };
}

interface JobState {
  readonly id: string;
  line: number;
  readonly controller: AbortController;
  state: 'queued' | 'running';
  /** Cancelled by the user (not edited away or replaced): its partial result is kept. */
  keepPartial?: boolean;
  phase: JobStatus['phase'];
  /** In a person's words: what the answer is known to lie in, the work left, the time (see ProgressWords). */
  message: string;
  /** The query in a few words ("BL radius around P1"): the notification's title. */
  readonly subject: string;
  fraction?: number;
  readonly enqueuedAt: number;
  startedAt: number;
  reporter?: ProgressReporter;
}

export type QueryJob = JobRequest & JobState & { readonly study?: undefined };
export type StudyJob = StudyJobRequest & JobState & { readonly spec?: undefined; readonly exportModel?: undefined };
export type Job = QueryJob | StudyJob;

export interface JobEvents {
  readonly createProgress: () => Promise<ProgressReporter>;
  readonly onStatus: () => void;
  readonly onStarted: (job: Job) => void;
  /** Result (success or engine error as status 'error'), with the run time in seconds. */
  readonly onFinished: (job: QueryJob, result: QueryResult) => Promise<void> | void;
  /** A study's instance is written (and on the worker's side already done). */
  readonly onStudyInstance?: (job: StudyJob, f: FinishedInstance, done: number, total: number) => void;
  /** A study's run ended: every instance finished (`complete`), or cancelled, failed or interrupted. */
  readonly onStudyStopped?: (job: StudyJob, complete: boolean) => Promise<void> | void;
  readonly onCancelled: (job: Job) => void;
  readonly onInternalError: (job: Job, e: unknown) => void;
  /** The engine's own progress lines (its terms, MIP gaps), for the log only. */
  readonly onEngineLine?: (job: Job, line: string) => void;
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private nextId = 1;
  private running: Job | undefined;

  constructor(private readonly executor: QueryExecutor, private readonly events: JobEvents) {}

  /** Enqueues a query; a job already on the same line is cancelled first. Returns the new job id. */
  enqueue(req: JobRequest): string {
    return this.add({ ...req, ...this.fresh(), subject: querySubject(req.spec, req.queryText) });
  }

  /** Enqueues a study line as one job (a job already on the line is cancelled first). Returns the new job id. */
  enqueueStudy(req: StudyJobRequest): string {
    return this.add({ ...req, ...this.fresh(), subject: req.queryText });
  }

  private fresh(): Omit<JobState, 'line' | 'subject'> {
    return {
      id: `job-${this.nextId++}`, controller: new AbortController(), state: 'queued', phase: 'queued', message: 'waiting for a free solver',
      enqueuedAt: Date.now(), startedAt: Date.now(),
    };
  }

  private add(job: Job): string {
    this.cancel({ uri: job.uri, line: job.line });
    this.jobs.set(job.id, job);
    this.events.onStatus();
    this.pump();
    return job.id;
  }

  /**
   * Cancels by id, or by uri (+ line). Returns the cancelled ids. With `keepPartial` (a user's cancel), a running
   * job's result so far — 'unresolved' with its bounds — is stored like a finished one when the engine hands it over.
   */
  cancel(filter: { jobId?: string; uri?: string; line?: number }, keepPartial = false): string[] {
    const hit = [...this.jobs.values()].filter((j) =>
      filter.jobId !== undefined ? j.id === filter.jobId
        : filter.uri !== undefined && j.uri === filter.uri && (filter.line === undefined || j.line === filter.line));
    for (const j of hit) this.abort(j, keepPartial);
    return hit.map((j) => j.id);
  }

  cancelAll(): void {
    for (const j of [...this.jobs.values()]) this.abort(j);
  }

  jobAt(uri: string, line: number): Job | undefined {
    return [...this.jobs.values()].find((j) => j.uri === uri && j.line === line);
  }

  forUri(uri: string): Job[] {
    return [...this.jobs.values()].filter((j) => j.uri === uri);
  }

  status(): JobStatus[] {
    return [...this.jobs.values()].map((j) => ({
      jobId: j.id, uri: j.uri, line: j.line, queryText: j.queryText, subject: j.subject, phase: j.phase, message: j.message,
      fraction: j.fraction, startedAt: j.startedAt,
    }));
  }

  /** After an edit: jobs follow their query text to its new line; a job whose query was edited is cancelled. */
  reanchor(uri: string, texts: readonly string[]): boolean {
    const jobs = this.forUri(uri);
    if (jobs.length === 0) return false;
    const { placed, dropped } = anchorByText(jobs, texts);
    let changed = dropped.length > 0;
    for (const [j, line] of placed) {
      if (j.line !== line) changed = true;
      j.line = line;
    }
    for (const j of dropped) this.abort(j);
    return changed;
  }

  private abort(job: Job, keepPartial = false): void {
    if (!this.jobs.has(job.id)) return;
    job.keepPartial = keepPartial && job.state === 'running';
    this.jobs.delete(job.id);
    job.controller.abort();
    job.reporter?.done();
    // A study that never started ends here (a started one ends when its executor stops).
    if (job.study && job.state === 'queued') void Promise.resolve(this.events.onStudyStopped?.(job, false)).catch((e: unknown) => this.events.onInternalError(job, e));
    this.events.onCancelled(job);
    this.events.onStatus();
  }

  private pump(): void {
    if (this.running) return;
    const next = [...this.jobs.values()].find((j) => j.state === 'queued');
    if (!next) return;
    this.running = next;
    this.execute(next)
      .catch((e: unknown) => this.events.onInternalError(next, e))
      .finally(() => {
        this.running = undefined;
        this.pump();
      });
  }

  /** Takes the job's progress reporter; false when the job was cancelled meanwhile. */
  private async startReporter(job: Job): Promise<boolean> {
    const reporter = await this.events.createProgress().catch(() => undefined);
    if (job.controller.signal.aborted) {
      reporter?.done();
      return false;
    }
    if (reporter) {
      job.reporter = reporter;
      reporter.begin(job.subject, job.fraction === undefined ? 0 : Math.round(job.fraction * 100), job.message, true);
      reporter.token.onCancellationRequested(() => this.abort(job, true));
    }
    return true;
  }

  /** A study: its instances run one at a time on the executor, progress "12 of 64 instances (i3-j1)" after each. A
   * cancel keeps the finished ones (they are on disk); the next run answers only the rest. */
  private async executeStudy(job: StudyJob): Promise<void> {
    const { plan, dir, finishedBefore } = job.study;
    const total = plan.instances.length;
    // Without the subject, as a query's progress words: the notification's title is the subject.
    const words = (done: number, key?: string): string => `${done} of ${total} instances${key ? ` (${key})` : ''}`;
    job.state = 'running';
    job.phase = 'radius';
    job.startedAt = Date.now();
    job.fraction = total > 0 ? finishedBefore / total : 1;
    job.message = words(finishedBefore);
    this.events.onStarted(job);
    this.events.onStatus();
    if (!(await this.startReporter(job))) {
      await this.events.onStudyStopped?.(job, false);
      return;
    }
    let complete = false;
    try {
      if (!this.executor.runStudy) throw new ExecutionError('Unsupported', 'this server\'s executor does not run studies');
      await this.executor.runStudy(plan, dir, {
        signal: job.controller.signal,
        onInstance: (f, done) => {
          job.fraction = done / total;
          job.message = words(done, f.id.replace(/^L\d+-/, ''));
          job.reporter?.report(Math.round(job.fraction * 100), job.message);
          this.events.onStudyInstance?.(job, f, done, total);
          this.events.onStatus();
        },
      });
      complete = true;
    } catch (e) {
      if (!job.controller.signal.aborted) this.events.onInternalError(job, e);
    } finally {
      // A cancel (abort) has taken the job off the list and ended its progress already.
      const wasListed = this.jobs.delete(job.id);
      if (wasListed) job.reporter?.done();
      await this.events.onStudyStopped?.(job, complete);
      if (wasListed) this.events.onStatus();
    }
  }

  private async execute(job: Job): Promise<void> {
    if (job.study) return this.executeStudy(job);
    job.state = 'running';
    job.phase = 'load';
    job.startedAt = Date.now();
    const words = new ProgressWords(job.spec, job.subject);
    job.message = words.text(0);
    this.events.onStarted(job);
    this.events.onStatus();
    if (!(await this.startReporter(job))) return;
    let lastReport = 0;
    let lastLine = '';
    let lastLogged = 0;
    const publish = (): void => {
      lastReport = Date.now();
      job.message = words.text((lastReport - job.startedAt) / 1000);
      const pct = job.fraction === undefined ? undefined : Math.max(0, Math.min(100, Math.round(job.fraction * 100)));
      if (pct !== undefined) job.reporter?.report(pct, job.message);
      else job.reporter?.report(job.message);
      this.events.onStatus();
    };
    const onProgress = (p: EngineProgress): void => {
      if (!this.jobs.has(job.id)) return;
      job.phase = p.phase;
      job.fraction = progressPercent(p) === undefined ? undefined : p.fraction;
      words.update(p);
      // The log gets the engine's line when it changed, at most once a second (the split path reports often).
      const line = progressMessage(p);
      if (line !== lastLine && Date.now() - lastLogged >= TICK_MS) {
        lastLogged = Date.now();
        this.events.onEngineLine?.(job, (lastLine = line));
      }
      if (Date.now() - lastReport >= 200) publish(); // the UI cannot show more than a few updates a second
    };
    // The engine may be quiet for long (one MILP, one certificate): the seconds count on regardless.
    const tick = setInterval(() => { if (words.ticks && this.jobs.has(job.id) && Date.now() - lastReport >= TICK_MS) publish(); }, TICK_MS);
    tick.unref();
    let result: QueryResult;
    try {
      result = await this.executor.run(job.spec, { signal: job.controller.signal, onProgress }, job.exportModel);
    } catch (e) {
      if (job.controller.signal.aborted) {
        // Cancelled: abort() already reported it. A user's cancel keeps what the query had found.
        if (job.keepPartial) {
          const partial = e instanceof ExecutionError ? e.partial : undefined;
          await this.events.onFinished(job, partial ?? cancelledResult(job.spec, undefined, (Date.now() - job.startedAt) / 1000));
        }
        return;
      }
      const seconds = (Date.now() - job.startedAt) / 1000;
      result = e instanceof ExecutionError
        ? errorResult(job.spec, e.code, e.message, seconds)
        : errorResult(job.spec, 'InternalError', e instanceof Error ? e.message : String(e), seconds);
    } finally {
      clearInterval(tick);
    }
    if (job.controller.signal.aborted || !this.jobs.has(job.id)) return;
    this.jobs.delete(job.id);
    job.reporter?.done();
    try {
      await this.events.onFinished(job, result);
    } finally {
      this.events.onStatus();
    }
  }

  async dispose(): Promise<void> {
    this.cancelAll();
    await this.executor.dispose();
  }
}
