// Code lenses above each query: ▶ Run, or ■ Cancel while it runs; Show in panel once it has a result. Above each study
// line (orbit, map): ▶ Run study (n instances), or ▶ Resume (k of n done) when a run stopped part way. In Restricted
// Mode the Run lenses say that running needs trust (the command then offers Manage Workspace Trust).
import type { CodeLens } from 'vscode-languageserver/node';
import { Commands } from '../../shared/protocol';
import type { JobStatus, ResultRecord } from '../../shared/protocol';
import type { StudyResults } from '../../shared/studies';
import { studySize } from '../../engine/studies/expand';
import type { DocSnapshot } from '../documentState';
import { isQuery } from '../language/ast';

export function codeLenses(
  snap: DocSnapshot,
  jobAt: (line: number) => JobStatus | undefined,
  resultAt: (line: number) => ResultRecord | undefined,
  trusted = true,
  studyAt: (line: number) => StudyResults | undefined = () => undefined,
): CodeLens[] {
  const restricted = trusted ? '' : ' (Restricted Mode: trust the workspace first)';
  const run = `▶ Run${restricted}`;
  const lenses: CodeLens[] = [];
  const queries = snap.doc.statements.filter(isQuery);
  const runAll = queries.length + snap.studies.size;
  const firstLine = Math.min(...queries.map((q) => q.span.line), ...snap.studies.keys());
  for (const [line, s] of snap.studies) {
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const at = { uri: snap.uri, line };
    const job = jobAt(line);
    const study = studyAt(line);
    const total = study?.total ?? (s.spec ? studySize(s.spec) : 0);
    const done = study?.instances.length ?? 0;
    if (job) {
      lenses.push({ range, command: { title: `■ Cancel (${job.phase === 'queued' ? 'queued' : `${done} of ${total} instances`})`, command: Commands.cancelQuery, arguments: [{ jobId: job.jobId }] } });
    } else if (s.spec) {
      const title = done > 0 && done < total ? `▶ Resume (${done} of ${total} done)` : `▶ Run study (${total} instance${total === 1 ? '' : 's'})`;
      lenses.push({ range, command: { title: `${title}${restricted}`, command: Commands.runQuery, arguments: [at] } });
    } else {
      lenses.push({ range, command: { title: '✗ fix the errors on this line to run it', command: '' } });
    }
    if (done > 0) lenses.push({ range, command: { title: 'Show in panel', command: Commands.showInPanel, arguments: [at] } });
    if (line === firstLine && runAll > 1) lenses.push(runAllLens(snap.uri, range, runAll, trusted));
  }
  queries.forEach((q) => {
    const line = q.span.line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const at = { uri: snap.uri, line };
    const runnable = snap.analysis.queries.get(line)?.spec !== undefined;
    const job = jobAt(line);
    if (job) {
      const label = job.phase === 'queued' ? '$(clock) queued' : `$(sync~spin) running${job.fraction !== undefined ? ` ${Math.round(job.fraction * 100)}%` : ''}`;
      lenses.push({ range, command: { title: `■ Cancel (${label.replace(/^\$\([^)]*\) /, '')})`, command: Commands.cancelQuery, arguments: [{ jobId: job.jobId }] } });
    } else if (runnable) {
      lenses.push({ range, command: { title: run, command: Commands.runQuery, arguments: [at] } });
    } else {
      lenses.push({ range, command: { title: '✗ fix the errors on this line to run it', command: '' } });
    }
    if (resultAt(line)) lenses.push({ range, command: { title: 'Show in panel', command: Commands.showInPanel, arguments: [at] } });
    if (line === firstLine && runAll > 1) lenses.push(runAllLens(snap.uri, range, runAll, trusted));
  });
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
}

function runAllLens(uri: string, range: CodeLens['range'], count: number, trusted: boolean): CodeLens {
  return { range, command: { title: `▶ Run all (${count}${trusted ? '' : ', Restricted Mode'})`, command: Commands.runAllQueries, arguments: [{ uri }] } };
}
