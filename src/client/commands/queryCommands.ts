// Commands on .invq queries: run, run all, cancel, show in panel, copy as JSON, export MIP. The server's code lenses
// and hover links call them with one argument object (src/shared/protocol.ts `Commands`); from the palette they
// act on the active editor's cursor line.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { QueryLocation } from '../../shared/protocol';
import type { Logger } from '../log';
import type { ResultsViewProvider } from '../panel/resultsView';
import { entryKey } from '../results/entries';
import type { ResultStore } from '../results/store';
import { CancelJob, ExportMip, GetResult } from '../../shared/protocol';
import type { RunGate } from '../trust/runGate';

function activeInvq(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'invq' ? editor : undefined;
}

/** The query location from a command argument, or the active .invq editor's cursor line. */
export function locationFrom(arg: unknown): QueryLocation | undefined {
  if (arg && typeof arg === 'object' && 'uri' in arg && 'line' in arg) {
    const { uri, line } = arg;
    if (typeof line === 'number') return { uri: String(uri), line };
  }
  const editor = activeInvq();
  return editor ? { uri: editor.document.uri.toString(), line: editor.selection.active.line } : undefined;
}

function documentUriFrom(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.toString();
  if (arg && typeof arg === 'object' && 'uri' in arg) return String((arg).uri);
  return activeInvq()?.document.uri.toString();
}

/** The export answers an argument object may carry (code lens, hover, tests). Menus pass the document's Uri, whose
 * own `path` must never be taken for the target file (it would overwrite the .invq). */
export function exportAnswersFrom(arg: unknown): { format?: 'lp' | 'mps'; path?: string } {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const { format, path: target } = arg as { format?: unknown; path?: unknown };
  return {
    ...(format === 'lp' || format === 'mps' ? { format } : {}),
    ...(typeof target === 'string' && target !== '' ? { path: target } : {}),
  };
}

export class QueryCommands {
  constructor(
    private readonly client: LanguageClient,
    private readonly runs: RunGate,
    private readonly store: ResultStore,
    private readonly panel: ResultsViewProvider,
    private readonly logger: Logger,
  ) {}

  async runQuery(arg?: unknown): Promise<string[]> {
    const location = locationFrom(arg);
    if (!location) throw new Error('Put the cursor on a query in an .invq file to run it.');
    const outcome = await this.runs.run(location);
    if (outcome.rejected.length > 0) throw new Error(`Query not run: ${outcome.rejected.map((r) => r.reason).join('; ')}`);
    return outcome.enqueued;
  }

  async runAllQueries(arg?: unknown): Promise<string[]> {
    const uri = documentUriFrom(arg);
    if (!uri) throw new Error('Open an .invq file to run its queries.');
    const outcome = await this.runs.run({ uri, all: true }, 'Running queries');
    for (const r of outcome.rejected) this.logger.warn(`Line ${r.line + 1} not run: ${r.reason}`);
    if (outcome.enqueued.length === 0 && outcome.rejected.length > 0) {
      throw new Error(`No query could run: ${outcome.rejected.map((r) => `line ${r.line + 1}: ${r.reason}`).join('; ')}`);
    }
    return outcome.enqueued;
  }

  /** Arg {jobId} or {uri, line}; from the palette: pick among running jobs (or all of them). */
  async cancel(arg?: unknown): Promise<string[]> {
    if (arg && typeof arg === 'object' && ('jobId' in arg || 'uri' in arg)) {
      const params = arg as { jobId?: string; uri?: string; line?: number };
      return (await this.client.sendRequest(CancelJob.type, { jobId: params.jobId, uri: params.uri, line: params.line })).cancelled;
    }
    const jobs = this.store.runningJobs;
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage('No queries are running.');
      return [];
    }
    const all = { label: `Cancel all ${jobs.length} jobs`, jobIds: jobs.map((j) => j.jobId) };
    const items = [all, ...jobs.map((j) => ({ label: j.queryText, description: j.phase === 'queued' ? 'queued' : j.message, jobIds: [j.jobId] }))];
    const pick = jobs.length === 1 ? items[1] : await vscode.window.showQuickPick(items, { placeHolder: 'Cancel which query?' });
    if (!pick) return [];
    const results = await Promise.all(pick.jobIds.map((jobId) => this.client.sendRequest(CancelJob.type, { jobId })));
    return results.flatMap((r) => r.cancelled);
  }

  async showInPanel(arg?: unknown): Promise<void> {
    const location = locationFrom(arg);
    await this.panel.show(location ? entryKey(location.uri, location.line) : undefined);
  }

  async copyResultJson(arg?: unknown): Promise<string | undefined> {
    const location = locationFrom(arg);
    if (!location) throw new Error('Put the cursor on a query with a result.');
    const record = await this.client.sendRequest(GetResult.type, location);
    if (!record) throw new Error(`No result for line ${location.line + 1} yet.`);
    const json = JSON.stringify(record, null, 2);
    await vscode.env.clipboard.writeText(json);
    void vscode.window.setStatusBarMessage('Result copied as JSON', 3000);
    return json;
  }

  /** Arg {uri, line, format?, path?}, or the document Uri (editor menu: the cursor line); asks for what is missing
   * (format, then a save path). */
  async exportMip(arg?: unknown): Promise<{ path: string; bytes: number } | undefined> {
    const location = locationFrom(arg);
    if (!location) throw new Error('Put the cursor on a certify, radius or match query to export its MIP.');
    this.runs.requireTrust('Exporting a MIP');
    const given = exportAnswersFrom(arg);
    const format =
      given.format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'LP', description: 'CPLEX LP format (readable)', format: 'lp' as const },
            { label: 'MPS', description: 'free MPS', format: 'mps' as const },
          ],
          { placeHolder: 'MIP file format' },
        )
      )?.format;
    if (!format) return undefined;
    let target = given.path;
    if (!target) {
      const invq = vscode.Uri.parse(location.uri);
      const base = path.posix.basename(invq.path).replace(/\.invq$/i, '');
      const suggestion = vscode.Uri.joinPath(invq, '..', `${base}-line${location.line + 1}.${format}`);
      target = (await vscode.window.showSaveDialog({ defaultUri: suggestion, filters: { [format.toUpperCase()]: [format] } }))?.fsPath;
    }
    if (!target) return undefined;
    const written = await this.client.sendRequest(ExportMip.type, { ...location, format, path: target, allowOutsideWorkspace: this.runs.allowedOutside });
    this.logger.info(`Exported the MIP of line ${location.line + 1} to ${written.path} (${written.bytes} bytes)`);
    void vscode.window.setStatusBarMessage(`MIP written to ${written.path}`, 5000);
    return written;
  }
}
