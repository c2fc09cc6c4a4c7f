// The query worker thread: runs the engine off the language server's event loop, so hovers, completion and
// diagnostics stay responsive while bounds, splitting and witness checks compute. HiGHS and the split path run in
// the engine's own worker threads, spawned from here; a shutdown disposes the engine before the port closes.
import { parentPort } from 'node:worker_threads';
import { Cancelled, EngineError } from '../../engine/errors';
import { createEngine } from '../../engine/engine';
import { runShard } from '../studies/runShard';
import { finishedInstances } from '../studies/store';
import type { FromQueryWorker, ToQueryWorker } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('queryWorker must run in a worker thread');
const engine = createEngine();
const controllers = new Map<number, AbortController>();
const post = (m: FromQueryWorker): void => port.postMessage(m);

/** A query or study that failed: an engine error in its own words, anything else with its stack (a bug to report). */
function failure(id: number, e: unknown): Extract<FromQueryWorker, { type: 'failed' }> {
  if (e instanceof EngineError) return { type: 'failed', id, code: e.code, message: e.describe() };
  return { type: 'failed', id, code: 'InternalError', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

async function run(m: Extract<ToQueryWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  try {
    const result = await engine.run(m.spec, {
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', id: m.id, progress }),
      onPartial: (partial) => post({ type: 'partial', id: m.id, partial }),
      ...(m.exportModel ? { exportModel: m.exportModel } : {}),
    });
    post(controller.signal.aborted ? { type: 'cancelled', id: m.id } : { type: 'done', id: m.id, result });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'cancelled', id: m.id, ...(e.partial ? { partial: e.partial } : {}) });
    else if (controller.signal.aborted) post({ type: 'cancelled', id: m.id });
    else post(failure(m.id, e));
  } finally {
    controllers.delete(m.id);
  }
}

/** A study: its instances run here one at a time (each already uses the engine's own workers), each written and
 * sent back as it finishes; a cancel stops at the running instance, which is not written. */
async function runStudy(m: Extract<ToQueryWorker, { type: 'runStudy' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  try {
    const finished = await finishedInstances(m.dir, m.plan.textSha256);
    const r = await runShard(engine, m.plan, m.plan.instances, m.dir, finished, {
      signal: controller.signal,
      onFinished: (instance, done, total) => post({ type: 'instance', id: m.id, instance, done, total }),
    });
    post(controller.signal.aborted ? { type: 'cancelled', id: m.id } : { type: 'studyDone', id: m.id, ...r });
  } catch (e) {
    if (e instanceof Cancelled || controller.signal.aborted) post({ type: 'cancelled', id: m.id });
    else post(failure(m.id, e));
  } finally {
    controllers.delete(m.id);
  }
}

/** A note's pair runs beside a query (forward passes and one re-check, no solver); a failure is just no pair. */
async function notePair(m: Extract<ToQueryWorker, { type: 'nullSpacePair' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  try {
    post({ type: 'pair', id: m.id, witness: await engine.nullSpaceNotePair(m.spec, { signal: controller.signal }) });
  } catch (e) {
    post({ type: 'failed', id: m.id, code: e instanceof EngineError ? e.code : 'InternalError', message: e instanceof Error ? e.message : String(e) });
  } finally {
    controllers.delete(m.id);
  }
}

port.on('message', (m: ToQueryWorker) => {
  if (m.type === 'run') void run(m);
  else if (m.type === 'nullSpacePair') void notePair(m);
  else if (m.type === 'runStudy') void runStudy(m);
  else if (m.type === 'cancel') controllers.get(m.id)?.abort();
  else {
    // dispose() stops the running queries (each posts 'cancelled') and note pairs, and ends every worker thread.
    void engine.dispose().finally(() => port.close());
  }
});
post({ type: 'ready' });
