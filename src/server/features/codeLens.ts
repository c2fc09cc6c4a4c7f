// Code lenses above each query: ▶ Run, or ■ Cancel while it runs; Show in panel once it has a result. In Restricted
// Mode the Run lenses say that running needs trust (the command then offers Manage Workspace Trust).
import type { CodeLens } from 'vscode-languageserver/node';
import { Commands } from '../../shared/protocol';
import type { JobStatus, ResultRecord } from '../../shared/protocol';
import type { DocSnapshot } from '../documentState';
import { isQuery } from '../language/ast';

export function codeLenses(
  snap: DocSnapshot,
  jobAt: (line: number) => JobStatus | undefined,
  resultAt: (line: number) => ResultRecord | undefined,
  trusted = true,
): CodeLens[] {
  const run = trusted ? '▶ Run' : '▶ Run (Restricted Mode: trust the workspace first)';
  const lenses: CodeLens[] = [];
  const queries = snap.doc.statements.filter(isQuery);
  queries.forEach((q, k) => {
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
    if (k === 0 && queries.length > 1) lenses.push({ range, command: { title: `▶ Run all (${queries.length}${trusted ? '' : ', Restricted Mode'})`, command: Commands.runAllQueries, arguments: [{ uri: snap.uri }] } });
  });
  return lenses;
}
