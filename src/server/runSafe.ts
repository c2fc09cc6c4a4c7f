// Request runner after json-language-features: checks cancellation before and after the work, and turns any
// exception into a logged default so one bad request never takes the server down.
import type { CancellationToken } from 'vscode-languageserver/node';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Logger } from './logger';

function cancelled(): ResponseError<void> {
  return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export async function runSafe<T>(
  log: Logger,
  what: string,
  token: CancellationToken | undefined,
  errorValue: T,
  work: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const value = await work();
    if (token?.isCancellationRequested) return cancelled();
    return value;
  } catch (e) {
    if (token?.isCancellationRequested) return cancelled(); // work stopped because it was cancelled: not an error
    log.error(`${what} failed: ${describeError(e)}`);
    return errorValue;
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}
