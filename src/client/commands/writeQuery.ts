// Writes a query into `<model>.invq` beside the model (appending when the file exists), opens it, and runs the new
// query through the server. Shared by Certify Invertibility…, Compare Networks… and Pruning Sweep….
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QueryStatement } from '../certify/invqText';
import { appendQuery } from '../certify/invqText';
import type { Logger } from '../log';
import type { RunGate } from '../trust/runGate';

/** What the right-click commands return (integration tests await it). */
export interface WrittenQuery {
  readonly uri: string;
  readonly line: number;
  readonly enqueued: string[];
  /** Same as `enqueued` (the name the integration tests use). */
  readonly jobIds: string[];
  readonly rejected: Array<{ readonly line: number; readonly reason: string }>;
}

export function invqUriFor(model: vscode.Uri): vscode.Uri {
  const base = path.posix.basename(model.path).replace(/\.onnx$/i, '');
  return vscode.Uri.joinPath(model, '..', `${base}.invq`);
}

/** The path of `model` as written inside `invq` (relative, forward slashes). */
export function modelPathFrom(invq: vscode.Uri, model: vscode.Uri): string {
  return path.posix.relative(path.posix.dirname(invq.path), model.path);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function writeAndRun(
  runs: RunGate,
  logger: Logger,
  invq: vscode.Uri,
  statement: QueryStatement,
): Promise<WrittenQuery> {
  let document: vscode.TextDocument;
  let line: number;
  if (await exists(invq)) {
    document = await vscode.workspace.openTextDocument(invq);
    const appended = appendQuery(document.getText(), statement);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(invq, document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)), appended.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${invq.fsPath}.`);
    await document.save();
    line = appended.queryLine;
  } else {
    const appended = appendQuery('', statement);
    await vscode.workspace.fs.writeFile(invq, new TextEncoder().encode(appended.text));
    document = await vscode.workspace.openTextDocument(invq);
    line = appended.queryLine;
  }
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
  logger.info(`Wrote query to ${invq.fsPath}:${line + 1}: ${document.lineAt(line).text}`);
  const outcome = await runs.run({ uri: document.uri.toString(), line });
  for (const r of outcome.rejected) logger.warn(`Query on line ${r.line + 1} was not run: ${r.reason}`);
  return { uri: document.uri.toString(), line, enqueued: outcome.enqueued, jobIds: outcome.enqueued, rejected: outcome.rejected };
}
