// The query worker thread: runs the engine off the language server's event loop, so hovers, completion and
// diagnostics stay responsive while bounds, splitting and witness checks compute. HiGHS itself runs in the solver
// pool's own worker threads, spawned from here.
import { parentPort } from 'node:worker_threads';
import { Cancelled, EngineError } from '../../engine/errors';
import { runQuery } from '../../engine/runQuery';
import { nullSpaceNotePair } from '../../engine/queries/nullSpaceNote';
import { getDefaultSolverPool } from '../../engine/solver';
import type { FromQueryWorker, ToQueryWorker } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('queryWorker must run in a worker thread');
const controllers = new Map<number, AbortController>();
const post = (m: FromQueryWorker): void => port.postMessage(m);

async function run(m: Extract<ToQueryWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  try {
    const result = await runQuery(m.spec, {
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', id: m.id, progress }),
      pool: getDefaultSolverPool(),
      ...(m.exportModel ? { exportModel: m.exportModel } : {}),
    });
    post(controller.signal.aborted ? { type: 'cancelled', id: m.id } : { type: 'done', id: m.id, result });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'cancelled', id: m.id, ...(e.partial ? { partial: e.partial } : {}) });
    else if (controller.signal.aborted) post({ type: 'cancelled', id: m.id });
    else if (e instanceof EngineError) post({ type: 'failed', id: m.id, code: e.code, message: e.describe() });
    else post({ type: 'failed', id: m.id, code: 'InternalError', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    controllers.delete(m.id);
  }
}

/** A note's pair runs beside a query (forward passes and one re-check, no solver); a failure is just no pair. */
async function notePair(m: Extract<ToQueryWorker, { type: 'nullSpacePair' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  try {
    post({ type: 'pair', id: m.id, witness: await nullSpaceNotePair(m.spec, controller.signal) });
  } catch (e) {
    post({ type: 'failed', id: m.id, code: e instanceof EngineError ? e.code : 'InternalError', message: e instanceof Error ? e.message : String(e) });
  } finally {
    controllers.delete(m.id);
  }
}

port.on('message', (m: ToQueryWorker) => {
  if (m.type === 'run') void run(m);
  else if (m.type === 'nullSpacePair') void notePair(m);
  else if (m.type === 'cancel') controllers.get(m.id)?.abort();
  else {
    for (const c of controllers.values()) c.abort();
    void getDefaultSolverPool().dispose().finally(() => port.close());
  }
});
post({ type: 'ready' });
