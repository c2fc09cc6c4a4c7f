// Starts the invq language server (dist/server.js over IPC) and decides what happens when it dies:
// one automatic restart at most per window of time, never a restart loop. A crash is reported to the log and
// the status item (not as a pop-up: the user did not start anything).
import * as vscode from 'vscode';
import type { ErrorHandler, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CloseAction, ErrorAction, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { Commands, ServerCrashed, WorkspaceTrust } from '../../shared/protocol';
import type { Logger } from '../log';
import { NotificationProgressFeature } from './notificationProgress';

/** A second crash within this window stops the server for good (until "Restart Server"). */
const crashWindowMs = 3 * 60_000;

export interface CrashReport {
  readonly message: string;
  readonly restarting: boolean;
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  channel: vscode.LogOutputChannel,
  logger: Logger,
  onCrash: (report: CrashReport) => void,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  let lastCrashMessage: string | undefined;
  const crashTimes: number[] = [];
  const errorHandler: ErrorHandler = {
    error: (error, _message, count) => {
      logger.error(`Connection to the invq server: ${error.message} (count ${count ?? 1})`);
      return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed: () => {
      const now = Date.now();
      while (crashTimes.length > 0 && now - crashTimes[0] > crashWindowMs) crashTimes.shift();
      crashTimes.push(now);
      const restarting = crashTimes.length <= 1;
      const message = lastCrashMessage ?? 'the server process exited unexpectedly';
      lastCrashMessage = undefined;
      logger.error(`The invq language server stopped: ${message}. ${restarting ? 'Restarting once.' : 'Not restarting (second crash within 3 minutes); run "Invertibility: Restart Server".'}`);
      onCrash({ message, restarting });
      return { action: restarting ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'invq' }],
    outputChannel: channel,
    errorHandler,
    // Hover links of the server call these commands; they must be trusted to run.
    markdown: { isTrusted: { enabledCommands: Object.values(Commands) }, supportHtml: false },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{onnx,invq.results.json}') },
    // Read at every (re)start: a server restarted after trust was granted starts trusted.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
  };
  const client = new LanguageClient('invcert', 'Invertibility Certifier', serverOptions, clientOptions);
  // A running query's progress as a cancellable notification (the built-in feature shows it in the status bar).
  client.registerFeature(new NotificationProgressFeature(client));
  // Granting trust takes effect without a reload: the server may run queries from now on.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client.isRunning()) void client.sendNotification(WorkspaceTrust.type, { trusted: true });
  }));
  // The server says why before it dies; remember it for the close handler.
  context.subscriptions.push(
    client.onNotification(ServerCrashed.type, (params) => {
      lastCrashMessage = params.message;
      logger.error(`invq server crashed: ${params.stack ?? params.message}`);
    }),
  );
  return client;
}
