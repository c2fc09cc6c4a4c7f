// Runs one parsed query command for the CLI: progress on stderr, the result on stdout (JSON or text), exit code by status.
// (main.ts disposes the engine afterwards.)
import { writeSync } from 'node:fs';
import { Cancelled } from '../../engine/errors';
import type { Engine } from '../../engine/engine';
import type { QueryResult } from '../../shared/results';
import type { EngineProgress } from '../../shared/querySpec';
import { ProgressWords, querySubject } from '../../engine/progressWords';
import { progressLineFor } from '../format/progressLine';
import { formatResult } from '../format/queryResult';
import type { QueryInvocation } from './queryArgs';

/** Exit codes: 0 certified, 1 counterexample, 2 unresolved, 3 error (130 interrupted, via main.ts). */
export async function runCommand(engine: Engine, { spec, json, exportModel }: QueryInvocation): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  // --json always answers on stdout (the QueryResult, errors included); as text an error is one line on stderr.
  const print = (result: QueryResult): void => {
    if (json) writeSync(1, JSON.stringify(result, null, 2) + '\n');
    else if (result.status === 'error') writeSync(2, result.message + '\n');
    else writeSync(1, formatResult(result) + '\n');
  };
  // Progress in the editor's words ("BL radius around (1.964, 1.25): bracket [0.62, 0.71], 412 cell pairs left, 2.1 s").
  const words = new ProgressWords(spec, querySubject(spec));
  const line = progressLineFor();
  const started = Date.now();
  const show = (): void => line.update(`${words.subject}: ${words.text((Date.now() - started) / 1000)}`);
  const onProgress = (p: EngineProgress): void => { words.update(p); show(); };
  // The seconds count on while the engine is quiet (one long MILP).
  const tick = setInterval(() => { if (words.ticks) show(); }, 1000);
  tick.unref();
  const finish = (): void => { clearInterval(tick); line.done(); };
  try {
    const result = await engine.run(spec, { signal: abort.signal, onProgress, ...(exportModel ? { exportModel } : {}) });
    finish();
    print(result);
    return { certified: 0, counterexample: 1, unresolved: 2, error: 3 }[result.status];
  } catch (e) {
    // Ctrl-C keeps what was found: the 'unresolved' result with its bounds so far, then main.ts says
    // "interrupted" and exits 130.
    finish();
    if (e instanceof Cancelled && e.partial) print(e.partial);
    throw e;
  } finally {
    // A Cancelled (Ctrl-C) or typed engine error propagates: main.ts prints it and exits 130 or 3.
    process.off('SIGINT', onSignal);
  }
}
