// Extension entry: starts the invq language client, the results store and panel, the inline decorations, the
// status items and every command. The engine runs only in the server; the client never blocks on it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { Commands } from '../shared/protocol';
import { ClientCommands, resultsViewId } from './commandIds';
import { QueryCommands } from './commands/queryCommands';
import { FlowDismissed } from './commands/multiStep';
import { certifyModel, compareNetworks, pruningSweep } from './commands/rightClick';
import { openQueries } from './commands/openQueries';
import { ResultDecorations } from './decorations';
import type { Logger } from './log';
import { createLogger, errorMessage } from './log';
import { ResultsViewProvider } from './panel/resultsView';
import { ResultStore } from './results/store';
import { createLanguageClient } from './lsp/startClient';
import { StatusItems } from './statusItem';
import { RestrictedModeRefusal, RunGate, showRestrictedModeWarning } from './trust/runGate';
import { ModelViewerProvider } from './viewer/modelViewer';
import { showModelSummary } from './viewer/showModel';

let client: LanguageClient | undefined;

/** The last error a user command showed (read by the test hook `invcert.test.lastError`). */
interface ShownError {
  readonly command: string;
  readonly message: string;
}
let lastShownError: ShownError | undefined;

/** Commands the user starts: a failure is shown as an error message (and logged); Escape ends quietly. */
function registerUserCommand(
  context: vscode.ExtensionContext,
  logger: Logger,
  id: string,
  handler: (...args: unknown[]) => Promise<unknown>,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof FlowDismissed) return undefined;
        lastShownError = { command: id, message: errorMessage(error) };
        if (error instanceof RestrictedModeRefusal) {
          logger.warn(`${id}: ${lastShownError.message}`);
          void showRestrictedModeWarning(lastShownError.message);
          return undefined;
        }
        logger.error(`${id}: ${lastShownError.message}`);
        void vscode.window.showErrorMessage(lastShownError.message);
        return undefined;
      }
    }),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('Invertibility Certifier', { log: true });
  context.subscriptions.push(channel);
  const logger = createLogger(channel);
  logger.info(`Activating Invertibility Certifier ${String((context.extension.packageJSON as { version?: string }).version)}`);

  const statusHolder: { items?: StatusItems } = {};
  const languageClient = createLanguageClient(context, channel, logger, (crash) =>
    statusHolder.items?.setHealth(crash.restarting ? { kind: 'starting' } : { kind: 'stopped', message: crash.message }),
  );
  client = languageClient;
  const store = new ResultStore(languageClient, logger);
  const statusItems = new StatusItems(store);
  statusHolder.items = statusItems;
  const panel = new ResultsViewProvider(context.extensionUri, languageClient, store, logger);
  const viewer = ModelViewerProvider.register(context, languageClient, logger);
  const runs = new RunGate(languageClient);
  const queries = new QueryCommands(languageClient, runs, store, panel, logger);
  context.subscriptions.push(
    store,
    statusItems,
    panel,
    new ResultDecorations(store),
    vscode.window.registerWebviewViewProvider(resultsViewId, panel, { webviewOptions: { retainContextWhenHidden: true } }),
    languageClient.onDidChangeState((event) => {
      if (event.newState === State.Running) {
        statusItems.setHealth({ kind: 'ready' });
        void store.relist();
      }
    }),
  );

  const user = (id: string, handler: (...args: unknown[]) => Promise<unknown>): void => registerUserCommand(context, logger, id, handler);
  const wizard = { client: languageClient, runs, logger, memory: context.workspaceState };
  user(ClientCommands.certifyModel, (uri, arg) => certifyModel(wizard, uri as vscode.Uri | undefined, arg));
  user(ClientCommands.compareNetworks, (uri, selection, arg) => compareNetworks(wizard, uri as vscode.Uri | undefined, selection, arg));
  user(ClientCommands.pruningSweep, (uri, arg) => pruningSweep(wizard, uri as vscode.Uri | undefined, arg));
  user(Commands.runQuery, (arg) => queries.runQuery(arg));
  user(Commands.runAllQueries, (arg) => queries.runAllQueries(arg));
  user(Commands.cancelQuery, (arg) => queries.cancel(arg));
  user(Commands.showInPanel, (arg) => queries.showInPanel(arg));
  user(Commands.copyResultJson, (arg) => queries.copyResultJson(arg));
  user(Commands.exportMip, (arg) => queries.exportMip(arg));
  user(Commands.showModelSummary, (arg) => showModelSummary(languageClient, arg));
  user(ClientCommands.openQueries, (arg) => openQueries(arg));
  user(ClientCommands.showPanel, () => panel.show());
  user(ClientCommands.showLog, () => Promise.resolve(channel.show(true)));
  user(ClientCommands.restartServer, async () => {
    statusItems.setHealth({ kind: 'starting' });
    await languageClient.restart();
  });
  // Test hook: what the panel last received and rendered, and what the status item shows.
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommands.testPanelState, () => ({
      ...panel.state,
      detail: panel.state.lastDetail,
      statusText: statusItems.text,
      entries: store.entries(),
    })),
    // Test hook: the jobs of the last invcert/status notification.
    vscode.commands.registerCommand(ClientCommands.testJobs, () => store.runningJobs),
    // Test hook: the last error message a user command showed (commands resolve to undefined after showing one).
    vscode.commands.registerCommand(ClientCommands.testLastError, () => lastShownError),
    // Test hook: what each open model viewer rendered (by model path), and its CSP.
    vscode.commands.registerCommand(ClientCommands.testViewerState, (path: string) => viewer.testState.get(path)),
  );

  try {
    await languageClient.start();
    logger.info('invq language server started');
  } catch (error) {
    logger.error(`The invq language server did not start: ${errorMessage(error)}`);
    statusItems.setHealth({ kind: 'stopped', message: errorMessage(error) });
  }
}

export async function deactivate(): Promise<void> {
  if (client && client.state !== State.Stopped) await client.stop();
}
