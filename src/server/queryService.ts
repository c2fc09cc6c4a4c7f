// Jobs and results for .invq documents: enqueue and cancel queries, store results, keep the sidecar in sync,
// follow edits (moved queries keep their results, edited ones lose them and stop running), flag stale results.
import type { CancelJob, InlineAnnotation, ResultRecord, RunQuery, StudyProgress } from '../shared/protocol';
import type { QueryResult } from '../shared/results';
import type { DocSnapshot } from './documentState';
import { uriToPath } from './documentState';
import type { ProgressReporter, QueryExecutor, QueryJob } from './jobs/jobManager';
import { JobManager } from './jobs/jobManager';
import type { ExportRequest } from './jobs/workerProtocol';
import { isQuery } from './language/ast';
import { statementText } from './language/lexer';
import type { Logger } from './logger';
import type { ModelCache } from './models/modelCache';
import { describeError } from './runSafe';
import { annotationFor } from './results/format';
import { anchorByText, ResultStore } from './results/resultStore';
import type { StudyRecord } from './results/sidecar';
import { migrateLegacySidecar, readSidecar, readSidecarStudies, writeSidecar } from './results/sidecar';
import { StudyRuns } from './studies/studyRuns';
import { pathsOutside, pathsTouchedBy, restrictedModeReason } from './workspaceAccess';

export interface QueryServiceHost {
  readonly log: Logger;
  readonly models: ModelCache;
  readonly createProgress: () => Promise<ProgressReporter>;
  readonly sendStatus: () => void;
  readonly sendResult: (record: ResultRecord, jobId: string) => void;
  /** Annotations, diagnostics and lenses of a document changed. */
  readonly documentChanged: (uri: string) => void;
  /** False in VS Code's Restricted Mode: no run starts and no results file is written. */
  readonly isTrusted: () => boolean;
  /** The folders a document's runs may use without asking (the workspace folders). */
  readonly workspaceRoots: (uri: string) => readonly string[];
  /** A study gained instances, started or stopped. */
  readonly sendStudyProgress?: (p: StudyProgress.Params) => void;
}

export class QueryService {
  readonly results = new ResultStore();
  readonly jobs: JobManager;
  readonly studies: StudyRuns;
  /** The pending write of each results file: writes of one file run one after another, each reading the last. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, (r: QueryResult | undefined) => void>();

  constructor(private readonly host: QueryServiceHost, executor: QueryExecutor) {
    this.jobs = new JobManager(executor, {
      createProgress: host.createProgress,
      onStatus: () => host.sendStatus(),
      onStarted: (job) => host.documentChanged(job.uri),
      onFinished: (job, result) => this.finished(job, result),
      onStudyInstance: (job, f) => this.studies.instanceFinished(job, f),
      onStudyStopped: (job, complete) => this.studies.stopped(job, complete),
      onCancelled: (job) => {
        this.waiters.get(job.id)?.(undefined);
        host.documentChanged(job.uri);
      },
      onInternalError: (job, e) => host.log.error(`job ${job.id} (${job.queryText}) failed internally: ${describeError(e)}`),
      onEngineLine: (job, line) => host.log.info(`job ${job.id}: ${line}`),
    });
    this.studies = new StudyRuns({
      log: host.log,
      workspaceRoots: host.workspaceRoots,
      documentChanged: host.documentChanged,
      sendStudyProgress: (p) => host.sendStudyProgress?.(p),
      isStale: (h) => this.isStale(h),
      modelHash: (path) => host.models.hash(path),
      writeStudy: (uri, record) => this.persist(uri, record),
    }, this.jobs);
  }

  /** Enqueues the runnable queries asked for; the rest come back rejected with the reason. Nothing runs in an
   * untrusted workspace; a query that would touch a path outside the workspace folders that the params do not
   * allow is rejected and the path reported in `outsideWorkspace`. */
  async run(snap: DocSnapshot, params: RunQuery.Params, exportModel?: ExportRequest): Promise<RunQuery.Result> {
    const lines = params.all
      ? [...snap.doc.statements.filter(isQuery).map((q) => q.span.line), ...snap.studies.keys()].sort((a, b) => a - b)
      : params.line !== undefined ? [params.line] : [];
    if (!this.host.isTrusted()) {
      return Promise.resolve({ enqueued: [], rejected: lines.map((line) => ({ line, reason: restrictedModeReason })), needsTrust: true });
    }
    const roots = this.host.workspaceRoots(snap.uri);
    const allowed = new Set(params.allowOutsideWorkspace ?? []);
    const outsideWorkspace = new Set<string>();
    const enqueued: string[] = [];
    const rejected: RunQuery.Result['rejected'] = [];
    for (const line of lines) {
      if (snap.studies.has(line)) {
        const outside = pathsOutside(snap.studies.get(line)?.modelPaths ?? [], roots).filter((p) => !allowed.has(p));
        if (outside.length > 0) {
          for (const p of outside) outsideWorkspace.add(p);
          rejected.push({ line, reason: `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the workspace folder and not allowed` });
          continue;
        }
        const r = await this.studies.enqueue(snap, line).catch((e: unknown) => ({ reason: describeError(e) }));
        if ('jobId' in r) enqueued.push(r.jobId);
        else rejected.push({ line, reason: r.reason });
        continue;
      }
      const q = snap.analysis.queries.get(line);
      if (!q) {
        rejected.push({ line, reason: `line ${line + 1} is not a query` });
        continue;
      }
      if (!q.spec) {
        const first = [...snap.doc.errors, ...snap.analysis.diagnostics].find((d) => d.span.line === line && ('severity' in d ? d.severity === 'error' : true));
        rejected.push({ line, reason: first?.message ?? 'a model it uses does not load' });
        continue;
      }
      const outside = pathsOutside(pathsTouchedBy(q), roots).filter((p) => !allowed.has(p));
      if (outside.length > 0) {
        for (const p of outside) outsideWorkspace.add(p);
        rejected.push({ line, reason: `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the workspace folder and not allowed` });
        continue;
      }
      enqueued.push(this.jobs.enqueue({
        uri: snap.uri, line, queryText: statementText(snap.lines[line] ?? ''), spec: q.spec, modelPaths: q.modelPaths,
        ...(exportModel ? { exportModel } : {}),
      }));
    }
    if (enqueued.length > 0) this.host.documentChanged(snap.uri);
    return Promise.resolve({ enqueued, rejected, ...(outsideWorkspace.size > 0 ? { outsideWorkspace: [...outsideWorkspace] } : {}) });
  }

  /** Resolves with the job's result, or undefined when it is cancelled. */
  waitFor(jobId: string): Promise<QueryResult | undefined> {
    return new Promise((resolve) => this.waiters.set(jobId, (r) => {
      this.waiters.delete(jobId);
      resolve(r);
    }));
  }

  cancel(params: CancelJob.Params): CancelJob.Result {
    return { cancelled: this.jobs.cancel(params, true) };
  }

  private async finished(job: QueryJob, result: QueryResult): Promise<void> {
    this.waiters.get(job.id)?.(result);
    if (job.exportModel) {
      this.host.documentChanged(job.uri); // an export run leaves the stored result alone, but its lens must go
      return;
    }
    const modelHashes: Record<string, string> = {};
    for (const p of job.modelPaths) {
      const h = await this.host.models.hash(p);
      if (h) modelHashes[p] = h;
    }
    const record: ResultRecord = {
      uri: job.uri, line: job.line, queryText: job.queryText, result, modelHashes, finishedAt: Date.now(), stale: false,
    };
    this.results.set(record);
    this.host.sendResult(record, job.id);
    this.host.documentChanged(job.uri);
    await this.persist(job.uri);
  }

  /** After an edit: move results and jobs with their query text; drop and cancel what was edited away. */
  async edited(snap: DocSnapshot): Promise<void> {
    const texts = snap.lines.map(statementText);
    const movedJobs = this.jobs.reanchor(snap.uri, texts);
    const { changed } = this.results.reanchor(snap.uri, snap.lines);
    const movedStudies = this.studies.edited(snap);
    if (changed || movedJobs || movedStudies) this.host.documentChanged(snap.uri);
    if (changed) await this.persist(snap.uri);
  }

  /** On open: restore results from the results file without recomputing, flagging those whose models changed. In a
   * trusted workspace a results file left beside the query file (the earlier location) is moved first. */
  async restore(snap: DocSnapshot): Promise<void> {
    await this.studies.restore(snap).catch((e: unknown) => this.host.log.warn(`restoring the studies of ${snap.uri}: ${describeError(e)}`));
    const file = uriToPath(snap.uri);
    if (!file || this.results.all(snap.uri).length > 0) return;
    const roots = this.host.workspaceRoots(snap.uri);
    let stored;
    try {
      if (this.host.isTrusted() && await migrateLegacySidecar(file, roots)) this.host.log.info(`moved the results of ${file} into .invcert/results/`);
      stored = await readSidecar(file, roots);
    } catch (e) {
      this.host.log.warn(`ignoring results file: ${describeError(e)}`);
      return;
    }
    if (stored.length === 0) return;
    const { placed } = anchorByText(stored, snap.lines.map(statementText));
    const records: ResultRecord[] = [];
    for (const [r, line] of placed) {
      records.push({ ...r, uri: snap.uri, line, stale: await this.isStale(r.modelHashes) });
    }
    this.results.replaceAll(snap.uri, records);
    this.host.documentChanged(snap.uri);
  }

  /** Re-check every stored result's model hashes (after a model file changed on disk). */
  async recheckStale(): Promise<void> {
    for (const uri of this.results.uris()) {
      let changed = false;
      for (const r of this.results.all(uri)) {
        const stale = await this.isStale(r.modelHashes);
        if (stale !== r.stale) {
          this.results.set({ ...r, stale });
          changed = true;
        }
      }
      if (changed) this.host.documentChanged(uri);
    }
    await this.studies.recheckStale();
  }

  /** True when a model file is gone or its SHA-256 differs from the one recorded. */
  async isStale(hashes: Record<string, string>): Promise<boolean> {
    for (const [path, hash] of Object.entries(hashes)) {
      if ((await this.host.models.hash(path)) !== hash) return true;
    }
    return false;
  }

  annotations(uri: string): InlineAnnotation[] {
    const out = new Map<number, InlineAnnotation>();
    for (const r of this.results.all(uri)) out.set(r.line, annotationFor(r));
    for (const a of this.studies.annotations(uri)) out.set(a.line, a);
    for (const j of this.jobs.forUri(uri)) {
      if (j.study && j.phase !== 'queued') continue; // a running study's line shows its verdict so far
      const text = j.phase === 'queued' ? '⏳ queued' : `⟳ ${j.message}`;
      out.set(j.line, { line: j.line, kind: 'running', text, tooltip: `${j.subject}: ${j.phase === 'queued' ? 'queued' : j.message}` });
    }
    return [...out.values()].sort((a, b) => a.line - b.line);
  }

  /**
   * Writes the document's results file: its query records, and the study records it holds (`study` replaces the one
   * of its line), so a query's result never drops a study the CLI or an earlier run wrote. One write at a time per file.
   */
  private persist(uri: string, study?: StudyRecord): Promise<void> {
    const file = uriToPath(uri);
    if (!file || !this.host.isTrusted()) return Promise.resolve();
    const roots = this.host.workspaceRoots(uri);
    const write = async (): Promise<void> => {
      try {
        // A results file still beside the query file (opened before trust was granted) was merged in on open: move it.
        await migrateLegacySidecar(file, roots);
        const kept = (await readSidecarStudies(file, roots).catch(() => [])).filter((s) => !study || (s.line !== study.line && s.queryText !== study.queryText));
        const studies = (study ? [...kept, study] : kept).sort((a, b) => a.line - b.line);
        await writeSidecar(file, roots, this.results.all(uri), studies.length > 0 ? { studies } : {});
      } catch (e) {
        this.host.log.warn(`could not write the results file for ${file}: ${describeError(e)}`);
      }
    };
    const next = (this.writes.get(file) ?? Promise.resolve()).then(write);
    this.writes.set(file, next);
    return next;
  }

  forget(uri: string): void {
    this.jobs.cancel({ uri });
    this.results.forget(uri);
    this.studies.forget(uri);
  }

  dispose(): Promise<void> {
    return this.jobs.dispose();
  }
}
