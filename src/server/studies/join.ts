// Joins a batch's finished instances into the one results file of its .invq (server/results/sidecar.ts): a query
// line's instance becomes its record, a study line's instances its study record in the study's order. The same
// function writes the file after an unsharded run and in `invcert merge`, so the two files are the same.
import { pathToFileURL } from 'node:url';
import { InvalidArgument } from '../../engine/errors';
import type { StudyRecord } from '../results/sidecar';
import { writeSidecar } from '../results/sidecar';
import type { ResultRecord } from '../../shared/protocol';
import type { PruneResult, QueryResult } from '../../shared/results';
import { joinLevelTables } from '../../engine/prune/runPrune';
import type { InstancePlace, StudyInstanceResult, StudySpec } from '../../shared/studies';
import type { FinishedInstance, StoredPlan } from './store';

/** The ids of the plan not finished yet, in plan order. */
export function missingInstances(plan: StoredPlan, done: ReadonlyMap<string, FinishedInstance>): string[] {
  return plan.instances.filter((i) => !done.has(i.id)).map((i) => i.id);
}

type StoredLine = StoredPlan['lines'][number];

/** A study line's record in the results file: its finished instances in the study's order, keyed within the line. */
export function studyRecordOf(l: StoredLine, study: StudySpec, finished: readonly FinishedInstance[], places: ReadonlyMap<string, InstancePlace | undefined>): StudyRecord {
  return {
    line: l.line, queryText: l.queryText, study,
    modelHashes: Object.assign({}, ...finished.map((f) => f.modelHashes)) as Record<string, string>,
    finishedAt: Math.max(0, ...finished.map((f) => f.finishedAt)),
    instances: finished.map((f) => instanceResultOf(l.line, f, places.get(f.id)!)),
  };
}

/** A finished instance of the study on `line` as the study lists it: its key within the line, its place, its result. */
export function instanceResultOf(line: number, f: FinishedInstance, place: InstancePlace): StudyInstanceResult {
  return { key: f.id.slice(`L${line + 1}-`.length), place, result: f.result, ...(f.nearFold !== undefined ? { nearFold: f.nearFold } : {}) };
}

/** A query line's result: its one instance's, or a sweep's levels joined into one table. */
function lineResult(l: StoredLine, finished: readonly FinishedInstance[]): QueryResult {
  if (!l.levels) return finished[0].result;
  const parts = finished.map((f) => f.result);
  if (!parts.every((r): r is PruneResult => r.query === 'prune')) throw new InvalidArgument(`line ${l.line + 1}: a pruning level's instance holds a ${parts.find((r) => r.query !== 'prune')?.query} result`);
  return joinLevelTables(l.levels, parts);
}

export async function writeJoinedResults(plan: StoredPlan, done: ReadonlyMap<string, FinishedInstance>, target?: string): Promise<void> {
  const missing = missingInstances(plan, done);
  if (missing.length > 0) {
    throw new InvalidArgument(`${missing.length} of ${plan.instances.length} instances are not finished (first: ${missing.slice(0, 5).join(', ')}): run the shards that hold them again`);
  }
  const places = new Map(plan.instances.map((i) => [i.id, i.place]));
  const uri = pathToFileURL(plan.queryFile).href;
  const records: ResultRecord[] = [];
  const studies: StudyRecord[] = [];
  for (const l of plan.lines) {
    const finished = l.instanceIds.map((id) => done.get(id)!);
    if (!l.study) {
      records.push({ uri, line: l.line, queryText: l.queryText, result: lineResult(l, finished), stale: false,
        modelHashes: Object.assign({}, ...finished.map((f) => f.modelHashes)) as Record<string, string>,
        finishedAt: Math.max(0, ...finished.map((f) => f.finishedAt)) });
      continue;
    }
    studies.push(studyRecordOf(l, l.study, finished, places));
  }
  await writeSidecar(plan.queryFile, [], records, { studies, ...(target ? { target } : {}) });
}
