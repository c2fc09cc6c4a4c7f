// Where the panel and the list find a study's results: the live one a run is filling (StudySource), else the one in
// the .invq file's results file on disk (an `invcert batch` run, or an earlier session). One lookup for both, so a
// study shows the same whether it runs now or ran before.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { QueryLocation, StudySummary } from '../../shared/protocol';
import type { StudyResults } from '../../shared/studies';
import { uriToPath } from '../documentState';
import { queryFilesWithResults } from './resultsFiles';
import type { StudyRecord } from './sidecar';
import { readSidecarStudies } from './sidecar';
import { studyStatus, studyVerdict } from './studyVerdict';

/** The studies a run holds in memory (the language server's live store); `uri` narrows to one document. */
export interface StudySource {
  liveStudies(uri?: string): StudyResults[];
}

export interface StudyLookup {
  readonly live: StudySource;
  readonly workspaceDirs: readonly string[];
  /** True when a model file changed or is gone since the hashes were taken. */
  isStale(h: Record<string, string>): Promise<boolean>;
  /** The open document's line, trimmed; undefined when the document is not open (then any stored record counts). */
  readonly openLine?: (uri: string, line: number) => string | undefined;
}

/** A study record of a results file as the panel reads it: complete as far as it goes, not running. */
async function fromRecord(uri: string, r: StudyRecord, ctx: StudyLookup): Promise<StudyResults> {
  return {
    uri, line: r.line, queryText: r.queryText, study: r.study, instances: r.instances, total: r.instances.length, running: false,
    modelHashes: r.modelHashes, finishedAt: r.finishedAt, stale: await ctx.isStale(r.modelHashes),
  };
}

/** A stored study still stands for its line unless the open document's line now says something else. */
function stillWritten(ctx: StudyLookup, uri: string, r: { line: number; queryText: string }): boolean {
  const text = ctx.openLine?.(uri, r.line);
  return text === undefined || text === r.queryText.trim();
}

async function storedStudies(queryFile: string, uri: string, ctx: StudyLookup): Promise<StudyResults[]> {
  const roots = ctx.workspaceDirs.length > 0 ? ctx.workspaceDirs : [dirname(queryFile)];
  const records = (await readSidecarStudies(queryFile, roots)).filter((r) => stillWritten(ctx, uri, r));
  return Promise.all(records.map((r) => fromRecord(uri, r, ctx)));
}

/** The study on `loc`: the live one if a run holds it, else the one in the results file on disk. */
export async function studyResultsAt(loc: QueryLocation, ctx: StudyLookup): Promise<StudyResults | undefined> {
  const live = ctx.live.liveStudies(loc.uri).find((s) => s.line === loc.line);
  if (live) return live;
  const file = uriToPath(loc.uri);
  if (!file) return undefined;
  return (await storedStudies(file, loc.uri, ctx)).find((s) => s.line === loc.line);
}

export function studySummary(s: StudyResults): StudySummary {
  return {
    uri: s.uri, line: s.line, queryText: s.queryText, kind: s.study.kind, done: s.instances.length, total: s.total,
    running: s.running, status: studyStatus(s), verdict: studyVerdict(s), finishedAt: s.finishedAt, stale: s.stale,
  };
}

/** Every study of the workspace: live ones first, then those of the results files on disk, newest first. */
export async function listStudies(ctx: StudyLookup, warn: (message: string) => void = () => undefined): Promise<StudySummary[]> {
  const live = ctx.live.liveStudies();
  const seen = new Set(live.map((s) => `${s.uri}#${s.line}`));
  const stored: StudyResults[] = [];
  for (const dir of ctx.workspaceDirs) {
    for (const queryFile of await queryFilesWithResults(dir)) {
      const uri = pathToFileURL(queryFile).href;
      try {
        for (const s of await storedStudies(queryFile, uri, ctx)) {
          const key = `${uri}#${s.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          stored.push(s);
        }
      } catch (e) {
        warn(`skipping the studies of ${queryFile}: ${String(e)}`);
      }
    }
  }
  stored.sort((a, b) => b.finishedAt - a.finishedAt);
  return [...live, ...stored].map(studySummary);
}
