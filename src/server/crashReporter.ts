// Reports an uncaught error to the client before the server dies, so the client can say what happened instead of
// silently restart-looping (after vscode-eslint). The process exits non-zero either way.
import type { Connection } from 'vscode-languageserver/node';
import { ServerCrashed } from '../shared/protocol';

export interface CrashTarget {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (e: unknown) => void): unknown;
}

export function installCrashReporter(connection: Connection, proc: CrashTarget, exit: (code: number) => void): void {
  let dying = false;
  const report = (kind: string, e: unknown): void => {
    if (dying) return;
    dying = true;
    const err = e instanceof Error ? e : new Error(String(e));
    connection.console.error(`invq server ${kind}: ${err.stack ?? err.message}`);
    let exited = false;
    const exitOnce = (): void => {
      if (exited) return;
      exited = true;
      exit(1);
    };
    // Give the message a moment to leave, but never hang on a broken pipe.
    connection.sendNotification(ServerCrashed.type, { message: `${kind}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) })
      .then(() => setTimeout(exitOnce, 100), exitOnce);
    setTimeout(exitOnce, 1000).unref();
  };
  proc.on('uncaughtException', (e) => report('uncaught exception', e));
  proc.on('unhandledRejection', (e) => report('unhandled rejection', e));
}
