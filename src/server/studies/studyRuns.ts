// Running a study line (orbit, map) in the language server: planned from the open document's snapshot, run as ONE
// job on the query worker (instances one at a time), each finished instance written at once to the document's batch
// folder (.invcert/batches/<file>.invq/, the CLI's per-instance store) and streamed into the live store. A cancel, a
// crash or a reload loses nothing: the next run skips the finished instances. When every instance is in, the
// results file gains the study record the CLI's join writes, so the CLI and the editor write the same file.
import type { InlineAnnotation, StudyProgress } from '../../shared/protocol';
import type { StudyResults } from '../../shared/studies';
import type { DocSnapshot } from '../documentState';
import { uriToPath } from '../documentState';
import type { JobManager, StudyJob } from '../jobs/jobManager';
import type { Logger } from '../logger';
import { describeError } from '../runSafe';
import type { StudyRecord } from '../results/sidecar';
import { readSidecarStudies, studyBatchDir } from '../results/sidecar';
import { studyStatus, studyVerdict } from '../results/studyVerdict';
import { studyRecordOf } from './join';
import { LiveStudies } from './liveStudies';
import { planStudyLine, studyLineStamp } from './plan';
import type { FinishedInstance } from './store';
import { finishedInstances, openInstanceDir } from './store';

export interface StudyRunsHost {
  readonly log: Logger;
  readonly workspaceRoots: (uri: string) => readonly string[];
  readonly documentChanged: (uri: string) => void;
  readonly sendStudyProgress: (p: StudyProgress.Params) => void;
  readonly isStale: (hashes: Record<string, string>) => Promise<boolean>;
  /** SHA-256 of a model file now; undefined when it is gone. */
  readonly modelHash: (path: string) => Promise<string | undefined>;
  /** Writes the study's record into the document's results file, keeping everything else it holds. */
  readonly writeStudy: (uri: string, record: StudyRecord) => Promise<void>;
}

export class StudyRuns {
  readonly live = new LiveStudies();

  constructor(private readonly host: StudyRunsHost, private readonly jobs: JobManager) {}

  /** Plans the study on `line` and enqueues it as one job; the reason when it cannot run. */
  async enqueue(snap: DocSnapshot, line: number): Promise<{ jobId: string } | { reason: string }> {
    const resolved = snap.studies.get(line);
    if (!resolved?.spec) return { reason: `line ${line + 1}: fix the errors on this study line to run it` };
    const file = uriToPath(snap.uri);
    if (!file) return { reason: 'a study runs from a saved .invq file (its instances are kept beside its results)' };
    const plan = await planStudyLine(snap, file, line, await this.modelHashes(resolved.modelPaths));
    const dir = studyBatchDir(file, this.host.workspaceRoots(snap.uri));
    await openInstanceDir(dir);
    const finished = await finishedInstances(dir, plan.textSha256);
    const started = this.live.open(snap.uri, plan, finished, true);
    if (started) this.progress(started);
    return {
      jobId: this.jobs.enqueueStudy({
        uri: snap.uri, line, queryText: plan.lines[0].queryText, modelPaths: resolved.modelPaths,
        study: { plan, dir, finishedBefore: plan.instances.filter((i) => finished.has(i.id)).length },
      }),
    };
  }

  /** An instance finished on the worker (already written): into the live store, and to the client. */
  instanceFinished(job: StudyJob, f: FinishedInstance): void {
    const now = this.live.add(job.uri, job.line, job.study.plan, f);
    if (now) this.progress(now);
    this.host.documentChanged(job.uri);
  }

  /** The run ended. Complete: the study record goes into the results file (the CLI's join of the same instances). */
  async stopped(job: StudyJob, complete: boolean): Promise<void> {
    const now = this.live.update(job.uri, job.line, { running: false });
    if (now) this.progress(now);
    this.host.documentChanged(job.uri);
    if (!complete) return;
    const { plan, dir } = job.study;
    const l = plan.lines[0];
    const done = await finishedInstances(dir, plan.textSha256);
    const finished = l.instanceIds.map((id) => done.get(id));
    if (!l.study || finished.some((f) => f === undefined)) {
      this.host.log.warn(`the study on line ${job.line + 1} ended with instances missing from ${dir}: run it again`);
      return;
    }
    const places = new Map(plan.instances.map((i) => [i.id, i.place]));
    const record = studyRecordOf(l, l.study, finished as FinishedInstance[], places);
    await this.host.writeStudy(job.uri, { ...record, line: job.line });
  }

  /** On open: the studies whose instances are in the batch folder (a run cancelled, interrupted or done before). */
  async restore(snap: DocSnapshot): Promise<void> {
    const file = uriToPath(snap.uri);
    if (!file) return;
    const roots = this.host.workspaceRoots(snap.uri);
    const dir = studyBatchDir(file, roots);
    let restored = false;
    for (const [line, s] of snap.studies) {
      if (!s.spec || this.live.get(snap.uri, line)) continue;
      const hashes = await this.modelHashes(s.modelPaths);
      const finished = await finishedInstances(dir, studyLineStamp(snap, line, hashes));
      if (![...finished.keys()].some((id) => id.startsWith(`L${line + 1}-`))) continue;
      try {
        this.live.open(snap.uri, await planStudyLine(snap, file, line, hashes), finished, false);
        restored = true;
      } catch (e) {
        this.host.log.warn(`the study on line ${line + 1} of ${file} does not plan: ${describeError(e)}`);
      }
    }
    // A study only in the results file (an `invcert batch` run) reads from there (studies/studyResults.ts).
    if (!restored && (await readSidecarStudies(file, roots).catch(() => [])).length === 0) return;
    this.host.documentChanged(snap.uri);
  }

  /** The models' hashes now: instances computed on another version of a model are not reused. */
  private async modelHashes(paths: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const p of paths) out[p] = (await this.host.modelHash(p)) ?? 'missing';
    return out;
  }

  /** After an edit: studies follow their line; an edited study line's instances no longer stand for it. */
  edited(snap: DocSnapshot): boolean {
    return this.live.reanchor(snap.uri, snap.lines);
  }

  async recheckStale(): Promise<void> {
    for (const s of this.live.liveStudies()) {
      const stale = await this.host.isStale(s.modelHashes);
      if (stale !== s.stale) {
        this.live.update(s.uri, s.line, { stale });
        this.host.documentChanged(s.uri);
      }
    }
  }

  /** The inline text after each study line: its one-line verdict (studyVerdict), "⟳ 12 of 64 cells · …" while it runs. */
  annotations(uri: string): InlineAnnotation[] {
    return this.live.liveStudies(uri).map((s) => ({ line: s.line, kind: annotationKind(s), text: studyVerdict(s), tooltip: s.queryText }));
  }

  forget(uri: string): void {
    this.live.forget(uri);
  }

  private progress(s: StudyResults): void {
    this.host.sendStudyProgress({ uri: s.uri, line: s.line, done: s.instances.length, total: s.total, running: s.running });
  }
}

function annotationKind(s: StudyResults): InlineAnnotation['kind'] {
  if (s.running) return 'running';
  if (s.stale) return 'stale';
  return studyStatus(s);
}
