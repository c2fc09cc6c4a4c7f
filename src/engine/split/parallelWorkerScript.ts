// Where the split worker's code lives: dist/splitWorker.js beside the running bundle, or parallelWorker.ts under tsx.
import type { WorkerScript } from '../solver/workerScript';
import { locateWorkerScript } from '../solver/workerScript';

export function locateSplitWorker(): WorkerScript {
  return locateWorkerScript(__dirname, 'splitWorker.js', 'parallelWorker.ts', 'split worker');
}
