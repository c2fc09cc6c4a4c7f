// Drives the real language server (startServer) over in-memory streams with a real LSP client connection,
// recording every notification, so tests can poll for diagnostics, annotations and progress with a deadline.
// `serverSession` is the per-file setup: a scratch workspace, a started server, documents opened and checked.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic, MarkupContent, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  createProtocolConnection, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification,
  StreamMessageReader, StreamMessageWriter, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, ShutdownRequest, ExitNotification,
  CodeLensRefreshRequest, HoverRequest, LogMessageNotification, NotificationType,
} from 'vscode-languageserver-protocol/node';
import { Annotations, ResultReady, Status } from '../../src/shared/protocol';
import type { RunningServer, ServerOptions } from '../../src/server/server';
import { startServer } from '../../src/server/server';
import { repoRoot } from './sharedModels';

export const fixtureModels = join(repoRoot, 'test', 'fixtures', 'models');

export interface ScratchWorkspace {
  readonly dir: string;
  uri(name: string): string;
  cleanup(): void;
}

/** A scratch workspace holding copies of the fixture models named. */
export function scratchWorkspace(models: readonly string[]): ScratchWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'invq-ws-'));
  for (const m of models) cpSync(join(fixtureModels, m), join(dir, m));
  return {
    dir,
    uri: (name) => pathToFileURL(join(dir, name)).href,
    // A cancelled sweep's worker may still be writing a level file when the test ends: ENOTEMPTY is retried.
    cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}

/** A server-side connection and a client connection joined by in-memory streams; neither is listening yet. */
export function connectInMemory(): { server: Connection; client: ProtocolConnection } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  return {
    server: createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)),
    client: createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
  };
}

/** Polls until `probe` returns a value, or fails after the deadline. */
export async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
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
    const { server, client } = connectInMemory();
    this.server = startServer(server, { debounceMs: 20, ...opts });
    server.listen();
    this.client = client;
    this.client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.diagnosticHistory.push(p);
    });
    this.client.onNotification(Annotations.type, (p) => { this.annotations.set(p.uri, p); });
    this.client.onNotification(ResultReady.type, (p) => { this.results.push(p); });
    this.client.onNotification(Status.type, (p) => { this.statuses.push(p); });
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

  async initialize(workspaceDir: string, initializationOptions?: unknown): Promise<void> {
    await this.client.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      initializationOptions,
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

  /** Opens the document and waits for its diagnostics. */
  async openChecked(uri: string, text: string): Promise<Diagnostic[]> {
    await this.open(uri, text);
    return this.diagnosticsFor(uri);
  }

  /** Replaces the document's text and waits for the diagnostics of the new version. */
  async changeChecked(uri: string, text: string): Promise<Diagnostic[]> {
    await this.change(uri, text);
    return this.diagnosticsFor(uri);
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

  /** The markdown of the hover at a position, or undefined when the server has none. */
  async hoverText(uri: string, line: number, character: number): Promise<string | undefined> {
    const hover = await this.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    return hover ? (hover.contents as MarkupContent).value : undefined;
  }

  cancelProgress(token: string | number): Promise<void> {
    return this.client.sendNotification(WorkDoneProgressCancelNotification.type, { token });
  }

  waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    return waitFor(probe, what, timeoutMs);
  }

  async close(): Promise<void> {
    await this.client.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.server.dispose();
    await this.client.sendNotification(ExitNotification.type).catch(() => undefined);
    this.client.dispose();
  }
}

export interface SessionOptions {
  /** Runs on the workspace before the server starts (extra files, folders). */
  readonly prepare?: (dir: string) => void;
  /** Documents (file name → text) opened, and checked, once the server is up. */
  readonly open?: Readonly<Record<string, string>>;
  /** Runs after that, still in the one `before` hook (node 20 runs a file's top-level `before` hooks concurrently). */
  readonly ready?: (h: LspHarness, ws: ScratchWorkspace) => Promise<void>;
  /** What the client sends as initializationOptions (the extension sends `{ workspaceTrusted }`). */
  readonly initializationOptions?: unknown;
}

/**
 * One test file's server: a scratch workspace with copies of `models`, a server started and initialised on it in
 * `before` (documents in `open` opened and checked), closed and the workspace removed in `after`.
 */
export function serverSession(models: readonly string[], options: SessionOptions = {}): { ws: ScratchWorkspace; h: LspHarness } {
  const ws = scratchWorkspace(models);
  const h = new LspHarness();
  before(async () => {
    options.prepare?.(ws.dir);
    await h.initialize(ws.dir, options.initializationOptions);
    for (const [name, text] of Object.entries(options.open ?? {})) await h.openChecked(ws.uri(name), text);
    await options.ready?.(h, ws);
  });
  after(async () => {
    await h.close();
    ws.cleanup();
  });
  return { ws, h };
}
