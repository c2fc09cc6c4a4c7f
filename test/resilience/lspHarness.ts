// The real language server (startServer) on in-memory streams, and a minimal LSP client to talk to it:
// open documents, wait for diagnostics and custom notifications, send requests.
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, MessageConnection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { createConnection, createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import type { Logger } from '../../src/server/logger';
import type { ServerOptions } from '../../src/server/server';
import { startServer } from '../../src/server/server';

export interface LspSession {
  readonly client: MessageConnection;
  open(path: string, text: string): Promise<string>;
  close(uri: string): Promise<void>;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept`, or rejects after `timeoutMs`. */
  diagnostics(uri: string, accept: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Resolves with the first notification `method` whose params satisfy `accept`. */
  notification<T>(method: string, accept: (p: T) => boolean, timeoutMs?: number): Promise<T>;
  dispose(): Promise<void>;
}

interface Waiter {
  readonly method: string;
  readonly accept: (params: unknown) => boolean;
  readonly resolve: (params: unknown) => void;
}

export async function startLspSession(workspaceDir: string, options: ServerOptions = {}): Promise<LspSession> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const server = startServer(serverConnection, { debounceMs: 0, logger: quiet, ...options });
  serverConnection.listen();

  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const latest = new Map<string, unknown[]>();
  const waiters: Waiter[] = [];
  const deliver = (method: string, params: unknown): void => {
    const list = latest.get(method) ?? [];
    list.push(params);
    latest.set(method, list.slice(-500));
    for (const w of waiters.filter((x) => x.method === method && x.accept(params))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(params);
    }
  };
  client.onNotification((method: string, params: unknown) => deliver(method, params));
  // Server → client requests (work-done progress, code lens refresh, capability registration): accept them.
  client.onRequest(() => null);
  client.listen();
  await client.sendRequest('initialize', {
    // processId: null, or vscode-languageserver polls that process forever (an interval that keeps tests alive).
    processId: null, rootUri: pathToFileURL(workspaceDir).href, capabilities: { window: { workDoneProgress: true } },
    workspaceFolders: [{ uri: pathToFileURL(workspaceDir).href, name: 'ws' }],
  });
  await client.sendNotification('initialized', {});

  const waitFor = <T>(method: string, accept: (p: T) => boolean, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const seen = (latest.get(method) ?? []) as T[];
      for (let i = seen.length - 1; i >= 0; i--) if (accept(seen[i])) return resolve(seen[i]);
      const waiter: Waiter = { method, accept: accept as (p: unknown) => boolean, resolve: resolve as (p: unknown) => void };
      waiters.push(waiter);
      setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) {
          waiters.splice(i, 1);
          reject(new Error(`no ${method} within ${timeoutMs} ms`));
        }
      }, timeoutMs).unref();
    });

  return {
    client,
    async open(path, text) {
      const uri = pathToFileURL(path).href;
      latest.set('textDocument/publishDiagnostics', (latest.get('textDocument/publishDiagnostics') ?? []).filter((p) => (p as PublishDiagnosticsParams).uri !== uri));
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'invq', version: 1, text } });
      return uri;
    },
    async close(uri) {
      await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    async diagnostics(uri, accept, timeoutMs = 20_000) {
      const p = await waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && accept(d.diagnostics), timeoutMs);
      return p.diagnostics;
    },
    notification(method, accept, timeoutMs = 20_000) {
      return waitFor(method, accept, timeoutMs);
    },
    async dispose() {
      await server.dispose();
      client.dispose();
      // End the server's input instead of disposing its connection: a status notification the server still
      // flushes after shutting down then goes nowhere instead of throwing "Connection is disposed".
      toServer.end();
    },
  };
}
