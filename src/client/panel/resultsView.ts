// The results panel: a webview view in its own activity-bar container. Lists every query's result in the
// workspace and shows the selected one in detail (plot data from the server). Messages are the typed unions of
// src/shared/webviewMessages.ts; the HTML and its CSP come from ./html.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromWebview, PanelEntry, SavedData, SavedFigure, ToWebview, ViewOptions } from '../../shared/webviewMessages';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import { CancelJob, GetPlotData, GetStudyPlot, RunQuery } from '../../shared/protocol';
import { resultsViewId } from '../commandIds';
import { splitKey } from '../results/entries';
import type { ResultStore } from '../results/store';
import { buildCsp, buildPanelHtml, makeNonce } from './html';


/** What the panel last received and last reported, for the integration-test hook `invcert.test.panelState`. */
export interface PanelTestState {
  readonly resolved: boolean;
  readonly visible: boolean;
  readonly csp?: string;
  readonly lastEntries?: readonly PanelEntry[];
  readonly lastSelect?: string;
  readonly lastDetail?: Extract<ToWebview, { type: 'detail' }>['detail'];
  readonly lastRendered?: Extract<FromWebview, { type: 'rendered' }>;
  /** The file the last "Save SVG/PNG" wrote. */
  readonly lastSavedFigure?: string;
  /** The file the last "Export CSV/JSON" of a study wrote. */
  readonly lastSavedData?: string;
}

export class ResultsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private selected: string | undefined;
  private viewOptions: ViewOptions = {};
  private running = false;
  private detailRequest = 0;
  private postTimer: NodeJS.Timeout | undefined;
  private testState: PanelTestState = { resolved: false, visible: false };
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly store: ResultStore,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      store.onDidChange(() => {
        this.schedulePostEntries();
        this.updateRunningContext();
      }),
      store.onDidReceiveResult((record) => {
        if (this.selected === `${record.uri}#${record.line}`) void this.sendDetail(this.selected);
      }),
      // A shown study redraws as its instances arrive (the server sends one notification per instance).
      store.onDidStudyProgress((p) => {
        if (this.selected === `${p.uri}#${p.line}`) this.scheduleStudyDetail(this.selected);
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    view.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: roots };
    const nonce = makeNonce();
    const entries = this.store.entries();
    view.webview.html = buildPanelHtml({
      cspSource: view.webview.cspSource,
      nonce,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css')).toString(),
      initialState: { entries, selected: this.selected },
    });
    this.testState = { ...this.testState, resolved: true, visible: view.visible, csp: buildCsp(view.webview.cspSource, nonce), lastEntries: entries };
    view.webview.onDidReceiveMessage((message: FromWebview) => void this.onMessage(message), undefined, this.disposables);
    view.onDidChangeVisibility(() => (this.testState = { ...this.testState, visible: view.visible }), undefined, this.disposables);
    view.onDidDispose(() => {
      this.view = undefined;
      this.testState = { ...this.testState, resolved: false, visible: false };
    }, undefined, this.disposables);
    void this.store.relist();
  }

  /** Opens the panel on one query (code lens / hover "show in panel", the status item). */
  async show(key?: string): Promise<void> {
    // Set the selection first: if focusing creates the view, its initial state already carries it.
    if (key !== undefined) this.selected = key;
    await vscode.commands.executeCommand(`${resultsViewId}.focus`);
    if (key === undefined) return;
    this.post({ type: 'select', key });
    await this.sendDetail(key);
  }

  get state(): PanelTestState {
    return this.testState;
  }

  private post(message: ToWebview): void {
    switch (message.type) {
      case 'entries':
        this.testState = { ...this.testState, lastEntries: message.entries };
        break;
      case 'select':
        this.testState = { ...this.testState, lastSelect: message.key };
        break;
      case 'detail':
        this.testState = { ...this.testState, lastDetail: message.detail };
        break;
    }
    if (this.view) void this.view.webview.postMessage(message);
  }

  /** The view's Stop button shows only while a query runs or waits (its `when` clause reads this context key). */
  private updateRunningContext(): void {
    const running = this.store.entries().some((e) => e.state === 'running' || e.state === 'queued');
    if (running === this.running) return;
    this.running = running;
    void vscode.commands.executeCommand('setContext', 'invcert.jobRunning', running);
  }

  /** Job status arrives up to ~4 times a second; coalesce list updates to one per 150 ms. */
  private schedulePostEntries(): void {
    if (this.postTimer) return;
    this.postTimer = setTimeout(() => {
      this.postTimer = undefined;
      this.post({ type: 'entries', entries: this.store.entries() });
    }, 150);
  }

  private async onMessage(message: FromWebview): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          // The webview re-announces its selection itself ('selected'), which fetches the detail.
          this.post({ type: 'entries', entries: this.store.entries() });
          break;
        case 'selected':
          this.selected = message.key;
          this.viewOptions = { orbitSteps: message.orbitSteps ?? 0, ...(message.sliceAxes ? { sliceAxes: message.sliceAxes } : {}) };
          await this.sendDetail(message.key);
          break;
        case 'reveal':
          await this.reveal(message.key, message.focus ?? false);
          break;
        case 'cancel':
          await this.client.sendRequest(CancelJob.type, { jobId: message.jobId });
          break;
        case 'run': {
          const { uri, line } = splitKey(message.key);
          const outcome = await this.client.sendRequest(RunQuery.type, { uri, line });
          for (const r of outcome.rejected) this.logger.warn(`Query on line ${r.line + 1} not run: ${r.reason}`);
          break;
        }
        case 'copyJson': {
          const { uri, line } = splitKey(message.key);
          await vscode.commands.executeCommand('invcert.copyResultJson', { uri, line });
          break;
        }
        case 'saveFigure':
          await this.saveFigure(message.figure);
          break;
        case 'saveData':
          await this.saveData(message.file);
          break;
        case 'filter':
          break;
        case 'rendered':
          this.testState = { ...this.testState, lastRendered: message };
          break;
      }
    } catch (error) {
      this.logger.error(`Panel action '${message.type}' failed: ${errorMessage(error)}`);
    }
  }

  private studyTimer: NodeJS.Timeout | undefined;
  /** Instances of a fast study can arrive many times a second: redraw its plots at most twice a second. */
  private scheduleStudyDetail(key: string): void {
    if (this.studyTimer) return;
    this.studyTimer = setTimeout(() => {
      this.studyTimer = undefined;
      if (this.selected === key) void this.sendDetail(key);
    }, 500);
  }

  /** A study line's detail: its instances so far and their plots; false when the server has no study there. */
  private async sendStudyDetail(key: string, request: number): Promise<boolean> {
    const { uri, line } = splitKey(key);
    const data = await this.client.sendRequest(GetStudyPlot.type, { uri, line });
    if (!data) return false;
    if (request === this.detailRequest) this.post({ type: 'detail', detail: { key, question: data.question, study: { results: data.study, plot: data.plot } } });
    return true;
  }

  private async sendDetail(key: string): Promise<void> {
    const request = ++this.detailRequest;
    const { uri, line } = splitKey(key);
    try {
      if (this.store.isStudy(key) && (await this.sendStudyDetail(key, request))) return;
      const data = await this.client.sendRequest(GetPlotData.type, { uri, line, ...this.viewOptions });
      if (request !== this.detailRequest) return; // a newer selection won
      if (data) {
        this.post({ type: 'detail', detail: { key, record: data.record, plot: data.plot, question: data.question } });
      } else if (this.store.isStudy(key) || !(await this.sendStudyDetail(key, request))) {
        // (A study line the list has not caught up with yet, e.g. "Show in Panel" as its run starts, was tried above.)
        this.post({ type: 'detail', detail: { key, note: 'No result for this query yet. Run it from the code lens or the ▶ button.' } });
      }
    } catch (error) {
      if (request !== this.detailRequest) return;
      this.logger.warn(`Plot data for ${key}: ${errorMessage(error)}`);
      this.post({ type: 'detail', detail: { key, note: `Could not compute the plot: ${errorMessage(error)}` } });
    }
  }

  /** Asks where to save the panel's figure (beside the workspace by default) and writes it. */
  private async saveFigure(figure: SavedFigure): Promise<void> {
    const bytes = figure.format === 'svg' ? new TextEncoder().encode(figure.data) : Buffer.from(figure.data, 'base64');
    const filters: Record<string, string[]> = figure.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] };
    const target = await this.saveAs(`${figure.name}.${figure.format}`, `Save the figure as ${figure.format.toUpperCase()}`, 'Save figure', filters, bytes);
    if (!target) return;
    this.testState = { ...this.testState, lastSavedFigure: target.fsPath };
    void vscode.window.showInformationMessage(`Saved the figure to ${vscode.workspace.asRelativePath(target)}.`);
  }

  /** Asks where to save a study's CSV or JSON (beside the workspace by default) and writes it. */
  private async saveData(file: SavedData): Promise<void> {
    const filters: Record<string, string[]> = file.format === 'csv' ? { 'CSV table': ['csv'] } : { JSON: ['json'] };
    const target = await this.saveAs(`${file.name}.${file.format}`, `Export the study as ${file.format.toUpperCase()}`, 'Export', filters, new TextEncoder().encode(file.data));
    if (!target) return;
    this.testState = { ...this.testState, lastSavedData: target.fsPath };
    void vscode.window.showInformationMessage(`Exported the study to ${vscode.workspace.asRelativePath(target)}.`);
  }

  /** The save dialog (in the first workspace folder by default), then the write; undefined when the user cancels. */
  private async saveAs(file: string, title: string, saveLabel: string, filters: Record<string, string[]>, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ title, saveLabel, filters, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, file) } : {}) });
    if (target) await vscode.workspace.fs.writeFile(target, bytes);
    return target;
  }

  private async reveal(key: string, focus: boolean): Promise<void> {
    const { uri, line } = splitKey(key);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preserveFocus: !focus, preview: false });
  }

  dispose(): void {
    if (this.postTimer) clearTimeout(this.postTimer);
    if (this.studyTimer) clearTimeout(this.studyTimer);
    for (const d of this.disposables) d.dispose();
  }
}
