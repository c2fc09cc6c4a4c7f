// Merges what the server told us (stored result summaries, inline annotations, running jobs) into the panel's list
// entries. Verdicts are the server's text (src/server/results/format.ts); the client words none itself.
// Pure (no vscode import): unit-tested in test/unit/client.entries.test.ts.
import type { InlineAnnotation, JobStatus, ResultSummary, StudySummary } from '../../shared/protocol';
import type { PanelEntry } from '../../shared/webviewMessages';

export function entryKey(uri: string, line: number): string {
  return `${uri}#${line}`;
}

/** `${uri}#${line}` → parts (the URI itself may contain '#', so split at the last one). */
export function splitKey(key: string): { uri: string; line: number } {
  const at = key.lastIndexOf('#');
  return { uri: key.slice(0, at), line: Number(key.slice(at + 1)) };
}

/** Splits "radius brus bl at P1 norm inf" into the model name(s) and the query kind, for the list columns. */
export function describeQuery(queryText: string): { model: string; query: string } {
  const words = queryText.trim().split(/\s+/);
  const [head = '', second = '', third = '', fourth = ''] = words;
  switch (head) {
    case 'radius':
    case 'certify':
      return { model: second, query: `${head} ${third}` };
    case 'match':
      return { model: `${second} vs ${third}`, query: `match ${fourth}` };
    case 'prune':
      return { model: second, query: 'prune sweep' };
    case 'orbit':
      return { model: second, query: 'orbit study' };
    case 'map':
      return { model: second, query: 'radius map' };
    default:
      return { model: '', query: head };
  }
}

export interface EntrySources {
  readonly summaries: readonly ResultSummary[];
  readonly studies?: readonly StudySummary[];
  readonly annotations: ReadonlyMap<string, readonly InlineAnnotation[]>;
  readonly jobs: readonly JobStatus[];
  /** Workspace-relative display path of an .invq URI. */
  readonly displayPath: (uri: string) => string;
}

function annotationAt(sources: EntrySources, uri: string, line: number): InlineAnnotation | undefined {
  return sources.annotations.get(uri)?.find((a) => a.line === line);
}

function jobProgress(job: JobStatus): string {
  if (job.phase === 'queued') return 'queued';
  return job.message;
}

/** Running and queued jobs first (oldest first), then results newest first. */
export function buildEntries(sources: EntrySources): PanelEntry[] {
  const byKey = new Map<string, PanelEntry>();
  for (const summary of sources.summaries) {
    const key = entryKey(summary.uri, summary.line);
    // The open document's annotation follows edits (moved lines, stale models); else the listed verdict.
    const annotation = annotationAt(sources, summary.uri, summary.line);
    const verdict = annotation && annotation.kind !== 'running' ? annotation.text : summary.verdict;
    byKey.set(key, {
      key,
      uri: summary.uri,
      file: sources.displayPath(summary.uri),
      line: summary.line,
      queryText: summary.queryText,
      ...describeQuery(summary.queryText),
      state: summary.stale ? 'stale' : 'done',
      status: summary.status,
      kind: summary.kind,
      verdict,
      seconds: summary.seconds,
      finishedAt: summary.finishedAt,
    });
  }
  for (const study of sources.studies ?? []) {
    const key = entryKey(study.uri, study.line);
    byKey.set(key, {
      key,
      uri: study.uri,
      file: sources.displayPath(study.uri),
      line: study.line,
      queryText: study.queryText,
      ...describeQuery(study.queryText),
      state: study.running ? 'running' : study.stale ? 'stale' : 'done',
      ...(study.running ? {} : { status: study.status }),
      verdict: study.verdict,
      finishedAt: study.finishedAt,
      study: { kind: study.kind, done: study.done, total: study.total },
    });
  }
  for (const job of sources.jobs) {
    const key = entryKey(job.uri, job.line);
    const previous = byKey.get(key);
    const progress = jobProgress(job);
    const base: PanelEntry = previous ?? {
      key,
      uri: job.uri,
      file: sources.displayPath(job.uri),
      line: job.line,
      queryText: job.queryText,
      ...describeQuery(job.queryText),
      state: 'running',
      verdict: '',
    };
    byKey.set(key, {
      ...base,
      state: job.phase === 'queued' ? 'queued' : 'running',
      jobId: job.jobId,
      progress,
      // A running study keeps its own verdict ("⟳ 12 of 64 cells · r_BL ≥ …"), which says more than the job's count.
      verdict: job.phase === 'queued' ? 'queued' : previous?.study && previous.state === 'running' ? previous.verdict : `running: ${progress}`,
    });
  }
  const jobStart = new Map(sources.jobs.map((j) => [entryKey(j.uri, j.line), j.startedAt]));
  return [...byKey.values()].sort((a, b) => {
    const aJob = jobStart.get(a.key);
    const bJob = jobStart.get(b.key);
    if (aJob !== undefined || bJob !== undefined) {
      if (aJob === undefined) return 1;
      if (bJob === undefined) return -1;
      return aJob - bJob;
    }
    return (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || a.key.localeCompare(b.key);
  });
}
