// Node entry of the invq language server (dist/server.js). Reports an uncaught error to the client before dying,
// so the client can say what happened instead of silently restart-looping (after vscode-eslint).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { crashNotification } from './protocolTypes';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
const server = startServer(connection);

let dying = false;
function reportCrashAndExit(kind: string, e: unknown): void {
  if (dying) return;
  dying = true;
  const err = e instanceof Error ? e : new Error(String(e));
  connection.console.error(`invq server ${kind}: ${err.stack ?? err.message}`);
  const sent = connection.sendNotification(crashNotification, { message: `${kind}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) });
  // Give the message a moment to leave, then exit non-zero so the client knows it was a crash.
  const exit = (): void => process.exit(1);
  void sent.then(() => setTimeout(exit, 100), exit);
  setTimeout(exit, 1000).unref();
}

process.on('uncaughtException', (e) => reportCrashAndExit('uncaught exception', e));
process.on('unhandledRejection', (e) => reportCrashAndExit('unhandled rejection', e));
connection.onShutdown(() => server.dispose());
connection.listen();
