// Drives the real language server (startServer) over in-memory streams with a real LSP client connection,
// recording every notification, so tests can poll for diagnostics, annotations and progress with a deadline.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  createProtocolConnection, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification,
  StreamMessageReader, StreamMessageWriter, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, ShutdownRequest, ExitNotification,
  CodeLensRefreshRequest, LogMessageNotification, NotificationType,
} from 'vscode-languageserver-protocol/node';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Annotations, ResultReady, Status } from '../../src/shared/protocol';
import type { RunningServer, ServerOptions } from '../../src/server/server';
import { startServer } from '../../src/server/server';
import { repoRoot } from '../helpers/sharedModels';

export const fixtureModels = join(repoRoot, 'test', 'fixtures', 'models');

/** A scratch workspace holding copies of the fixture models named. */
export function scratchWorkspace(models: readonly string[]): { dir: string; uri: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'invq-ws-'));
  for (const m of models) cpSync(join(fixtureModels, m), join(dir, m));
  return { dir, uri: (name) => pathToFileURL(join(dir, name)).href, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ProgressEvent {
  readonly token: string | number;
  readonly value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export class LspHarness {
  readonly client: ProtocolConnection;
  readonly server: RunningServer;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly diagnosticHistory: PublishDiagnosticsParams[] = [];
  readonly annotations = new Map<string, Annotations.Params>();
  readonly results: ResultReady.Params[] = [];
  readonly statuses: Status.Params[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly progressTokens: Array<string | number> = [];
  readonly logs: string[] = [];
  /** For each workspace/codeLens/refresh request the server sent: how many status notifications had arrived by then. */
  readonly lensRefreshes: number[] = [];
  private versions = new Map<string, number>();

  constructor(opts: ServerOptions = {}) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    this.server = startServer(serverConnection, { debounceMs: 20, ...opts });
    serverConnection.listen();
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.diagnosticHistory.push(p);
    });
    this.client.onNotification(new NotificationType<Annotations.Params>('invcert/annotations'), (p) => { this.annotations.set(p.uri, p); });
    this.client.onNotification(new NotificationType<ResultReady.Params>('invcert/result'), (p) => { this.results.push(p); });
    this.client.onNotification(new NotificationType<Status.Params>('invcert/status'), (p) => { this.statuses.push(p); });
    this.client.onNotification(LogMessageNotification.type, (p) => { this.logs.push(p.message); });
    this.client.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
    });
    this.client.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes.push(this.statuses.length);
    });
    this.client.onNotification(new NotificationType<ProgressEvent>('$/progress'), (p) => { this.progress.push(p); });
    this.client.listen();
  }

  async initialize(workspaceDir: string): Promise<void> {
    await this.client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspaceDir).href,
      workspaceFolders: [{ uri: pathToFileURL(workspaceDir).href, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { codeLens: { refreshSupport: true } } },
    });
    await this.client.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'invq', version: 1, text } });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Diagnostics published for the current version of the document. */
  async diagnosticsFor(uri: string, timeoutMs = 10000): Promise<Diagnostic[]> {
    const p = await this.waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d && d.version === this.version(uri) ? d : undefined;
    }, `diagnostics for ${uri} v${this.version(uri)}`, timeoutMs);
    return p.diagnostics;
  }

  cancelProgress(token: string | number): Promise<void> {
    return this.client.sendNotification(WorkDoneProgressCancelNotification.type, { token });
  }

  /** Polls until `probe` returns a value, or fails after the deadline. */
  async waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  async close(): Promise<void> {
    await this.client.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.server.dispose();
    await this.client.sendNotification(ExitNotification.type).catch(() => undefined);
    this.client.dispose();
  }
}
