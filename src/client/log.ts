// The extension's log: a LogOutputChannel ("Invertibility Certifier"), mirrored to the console when CI=true so
// extension-host test runs show it in CI logs (after ruff-vscode's logger).
import type * as vscode from 'vscode';

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export function createLogger(channel: vscode.LogOutputChannel, mirrorToConsole = process.env.CI === 'true'): Logger {
  const mirror = (level: string, message: string): void => {
    if (mirrorToConsole) console.log(`[invcert ${level}] ${message}`);
  };
  return {
    trace: (m) => {
      channel.trace(m);
      mirror('trace', m);
    },
    info: (m) => {
      channel.info(m);
      mirror('info', m);
    },
    warn: (m) => {
      channel.warn(m);
      mirror('warn', m);
    },
    error: (m) => {
      channel.error(m);
      mirror('error', m instanceof Error ? (m.stack ?? m.message) : m);
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
