// Worker-thread entry (bundled to dist/solverWorker.js): loads HiGHS once, warms it up, then runs one job at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerErrorInfo } from './protocol';
import { HighsSession, JobInterrupted, SolverJobError, loadHighsRuntime } from './highsSession';

interface WorkerInit { readonly interrupt: SharedArrayBuffer }

const port = parentPort;
if (!port) throw new Error('solver worker must run in a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

function describeFailure(e: unknown): WorkerErrorInfo {
  if (e instanceof JobInterrupted) return { code: 'Cancelled', message: 'interrupted', fatal: false };
  if (e instanceof SolverJobError) return { code: 'SolverFailed', message: e.message, rawStatus: e.rawStatus, fatal: false };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // A trap or out-of-memory inside WASM leaves the heap in an unknown state: the pool must recycle us.
  const fatal = e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /memory/i.test(message));
  return { code: 'SolverFailed', message, fatal };
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const session = new HighsSession(await loadHighsRuntime(), new Int32Array(init.interrupt));
  const highsVersion = session.warmUpAndVersion();
  post({ type: 'ready', highsVersion });
  port!.on('message', (msg: ToWorker) => {
    try {
      switch (msg.type) {
        case 'solve': {
          const result = session.solve(msg.problem, msg.options, (progress) => post({ type: 'progress', id: msg.id, progress }));
          post({ type: 'solved', id: msg.id, result });
          break;
        }
        case 'boundColumns': {
          const total = msg.columns.length;
          const bounds = session.boundColumns(msg.problem, msg.columns, msg.options, (done) => post({ type: 'batchProgress', id: msg.id, done, total }));
          post({ type: 'bounded', id: msg.id, bounds });
          break;
        }
        case 'export':
          post({ type: 'exported', id: msg.id, text: session.exportModel(msg.problem, msg.format) });
          break;
      }
    } catch (e) {
      post({ type: 'failed', id: msg.id, error: describeFailure(e) });
    }
  });
}

main().catch((e: unknown) => post({ type: 'startupFailed', message: e instanceof Error ? e.message : String(e) }));
