// Every run the client starts (▶ Run, Run all, Export MIP, the right-click flows) passes through here: nothing runs
// in Restricted Mode (an untrusted workspace), and a query that reads or writes outside the workspace folder runs
// only after the user allowed each such path in a modal warning. The server enforces both as well (it is told
// the trust state and gets the allowed paths with each request); this side asks the user.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RunQuery } from '../../shared/protocol';
import { OutsidePathConsent } from './outsidePathConsent';

/** Thrown when a run is asked for in Restricted Mode; shown as a warning with "Manage Workspace Trust". */
export class RestrictedModeRefusal extends Error {
  constructor(action: string) {
    super(`${action} needs a trusted workspace: this window is in Restricted Mode, where queries do not run (they write `
      + 'result files and pruned models). Syntax checks, diagnostics, hovers and model summaries keep working.');
    this.name = 'RestrictedModeRefusal';
  }
}

export const manageTrustAction = 'Manage Workspace Trust';

/** The warning for a refused run, with the action that opens VS Code's Workspace Trust editor. */
export async function showRestrictedModeWarning(message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, manageTrustAction);
  if (choice === manageTrustAction) await vscode.commands.executeCommand('workbench.trust.manage');
}

async function askAboutOutsidePath(path: string): Promise<boolean> {
  const allow = 'Allow';
  const choice = await vscode.window.showWarningMessage(
    `This query reads or writes ${path}, outside the workspace folder.`,
    { modal: true, detail: 'Allow it for the rest of this session? Cancel leaves the query unrun.' },
    allow,
  );
  return choice === allow;
}

export class RunGate {
  private readonly consent = new OutsidePathConsent();

  constructor(private readonly client: LanguageClient) {}

  /** Throws RestrictedModeRefusal unless the workspace is trusted. */
  requireTrust(action: string): void {
    if (!vscode.workspace.isTrusted) throw new RestrictedModeRefusal(action);
  }

  /** Paths outside the workspace folder the user allowed this session. */
  get allowedOutside(): string[] {
    return this.consent.allowed;
  }

  /** Runs one query or all of a document's: asks about paths outside the workspace folder first, and re-asks the
   * server for the queries that waited on them once the user allowed every one. */
  async run(params: RunQuery.Params, action = 'Running a query'): Promise<RunQuery.Result> {
    this.requireTrust(action);
    const first = await this.send(params);
    if (first.needsTrust) throw new RestrictedModeRefusal(action);
    if (!first.outsideWorkspace || first.outsideWorkspace.length === 0) return first;
    const refused = await this.consent.confirm(first.outsideWorkspace, askAboutOutsidePath);
    if (refused.length > 0) {
      throw new Error(`Query not run: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} outside the workspace folder and `
        + 'was not allowed in this session (reload the window to be asked again).');
    }
    const again = await Promise.all(first.rejected.map((r) => this.send({ uri: params.uri, line: r.line })));
    return { enqueued: [...first.enqueued, ...again.flatMap((r) => r.enqueued)], rejected: again.flatMap((r) => r.rejected) };
  }

  private send(params: RunQuery.Params): Promise<RunQuery.Result> {
    return this.client.sendRequest(RunQuery.type, { ...params, allowOutsideWorkspace: this.consent.allowed });
  }
}
