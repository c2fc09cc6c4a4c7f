// Helpers for tests that run inside the extension host: the workspace, the extension, and polling with a
// deadline (never fixed sleeps: a poll ends as soon as the condition holds).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PlotData } from '../../../src/shared/plotData';
import type { ResultRecord } from '../../../src/shared/protocol';
import type { QueryResult } from '../../../src/shared/results';
import type { PanelEntry } from '../../../src/shared/webviewMessages';

export const EXTENSION_ID = 'invcert.invertibility-certifier';

/** Polls `probe` every 100 ms until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed in the extension host`);
  await ext.activate();
}

export async function openInvq(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'invq', `${name} opens in the invq language`);
  return doc;
}

/** 0-based line of the first line containing `text`. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  throw new Error(`no line containing '${text}' in ${doc.uri.fsPath}`);
}

/** Markdown of every hover at a position, joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** A record of the sidecar file (model paths in `modelHashes` are relative to it). */
export interface SidecarRecord {
  readonly line: number;
  readonly queryText: string;
  readonly result: QueryResult;
  readonly modelHashes: Record<string, string>;
  readonly finishedAt: number;
}

/** The records of `.invcert/results/<name>.invq.results.json`, or undefined while it does not exist. The file's
 * top-level shape is the server's; records are found either as the array itself or under a `records`/`results` key. */
export function readSidecar(invqName: string): SidecarRecord[] | undefined {
  const file = `${workspaceUri(`.invcert/results/${invqName}`).fsPath}.results.json`;
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (Array.isArray(parsed)) return parsed as SidecarRecord[];
  const obj = parsed as { records?: SidecarRecord[]; results?: SidecarRecord[] };
  return obj.records ?? obj.results ?? [];
}

export function recordForLine(invqName: string, line: number): SidecarRecord | undefined {
  return readSidecar(invqName)?.find((r) => r.line === line);
}

/** A panel entry as the test hook returns it. */
export type EntryView = PanelEntry;

/** What `invcert.test.panelState` returns: the panel's last messages and the client's result entries. */
export interface PanelStateView {
  readonly resolved: boolean;
  readonly visible: boolean;
  readonly csp?: string;
  readonly lastSelect?: string;
  readonly lastDetail?: { readonly key: string; readonly record?: ResultRecord; readonly plot?: PlotData; readonly note?: string };
  readonly lastRendered?: { readonly entryCount: number; readonly visibleCount: number; readonly selected?: string; readonly detail?: string };
  readonly lastEntries?: readonly EntryView[];
  readonly entries: readonly EntryView[];
  readonly statusText?: string;
}

export async function panelState(): Promise<PanelStateView> {
  const state = await vscode.commands.executeCommand<PanelStateView | undefined>('invcert.test.panelState');
  assert.ok(state, 'the invcert.test.panelState hook answers');
  return state;
}

export function keyOf(doc: vscode.TextDocument, line: number): string {
  return `${doc.uri.toString()}#${line}`;
}

/** Waits until the client lists a finished result for the query on `line`. */
export async function waitForResult(doc: vscode.TextDocument, line: number, timeoutMs = 180_000): Promise<EntryView> {
  const key = keyOf(doc, line);
  return waitFor(`a result for ${doc.uri.fsPath}:${line + 1}`, async () => {
    const entry = (await panelState()).entries.find((e) => e.key === key);
    return entry?.state === 'done' && entry.status !== undefined ? entry : undefined;
  }, timeoutMs);
}

export const queryCommands = {
  run: 'invcert.runQuery',
  cancel: 'invcert.cancelQuery',
  showInPanel: 'invcert.showInPanel',
  certifyModel: 'invcert.certifyModel',
  compareNetworks: 'invcert.compareNetworks',
  pruningSweep: 'invcert.pruningSweep',
  showModelSummary: 'invcert.showModelSummary',
  copyResultJson: 'invcert.copyResultJson',
  exportMip: 'invcert.exportMip',
} as const;

/** What the right-click commands (Certify…, Compare Networks…, Pruning Sweep…) return. */
export interface WrittenQuery {
  readonly uri: string;
  readonly line: number;
  readonly enqueued: string[];
  readonly rejected: unknown[];
}

/** Runs the query on `line` and waits for the entry of this run (an earlier run's result does not count). */
export async function runAndWait(doc: vscode.TextDocument, line: number, timeoutMs = 180_000): Promise<EntryView> {
  const key = keyOf(doc, line);
  const before = (await panelState()).entries.find((e) => e.key === key)?.finishedAt;
  const enqueued = await vscode.commands.executeCommand<string[]>(queryCommands.run, { uri: doc.uri.toString(), line });
  assert.equal(enqueued?.length, 1, `line ${line + 1} was enqueued as one job`);
  return waitFor(`a new result for ${doc.uri.fsPath}:${line + 1}`, async () => {
    const entry = (await panelState()).entries.find((e) => e.key === key);
    return entry?.state === 'done' && entry.status !== undefined && entry.finishedAt !== before ? entry : undefined;
  }, timeoutMs);
}

/** Show in Panel for `line`, then waits until the webview has drawn that result's plot (not a placeholder). */
export async function showInPanelAndWait(doc: vscode.TextDocument, line: number): Promise<PanelStateView> {
  await vscode.commands.executeCommand(queryCommands.showInPanel, { uri: doc.uri.toString(), line });
  const key = keyOf(doc, line);
  return waitFor(`the panel to draw the plot of ${key}`, async () => {
    const s = await panelState();
    const drawn = s.lastRendered?.selected === key && s.lastRendered.detail !== undefined && !['waiting', 'none'].includes(s.lastRendered.detail);
    return drawn && s.lastDetail?.key === key && s.lastDetail.plot ? s : undefined;
  }, 60_000);
}

/** The last error message a user command showed (`invcert.test.lastError`). */
export async function lastCommandError(): Promise<{ readonly command: string; readonly message: string } | undefined> {
  return vscode.commands.executeCommand('invcert.test.lastError');
}
