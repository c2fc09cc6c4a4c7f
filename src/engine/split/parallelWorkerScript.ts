// Where the split worker's code lives: dist/splitWorker.js beside the running bundle, or parallelWorker.ts under tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SolverFailed } from '../errors';
import type { WorkerScript } from '../solver/workerScript';

export function locateSplitWorker(): WorkerScript {
  // In a bundle (dist/cli.js, dist/queryWorker.js, ...) __dirname is dist/, where the build puts splitWorker.js.
  const bundled = join(__dirname, 'splitWorker.js');
  if (existsSync(bundled)) return { file: bundled };
  // From TypeScript sources: a CommonJS bootstrap registers tsx's require hook, then loads the .ts entry
  // (the same trick as the solver worker, see solver/workerScript.ts).
  const source = join(__dirname, 'parallelWorker.ts');
  if (existsSync(source)) {
    const resolve = require.resolve; // indirect, so bundlers leave this dev-only path alone
    const tsxCjs = resolve('tsx/cjs/api');
    return { file: source, bootstrap: `require(${JSON.stringify(tsxCjs)}).register(); require(${JSON.stringify(source)});` };
  }
  throw new SolverFailed(`split worker not found: expected ${bundled} (run 'npm run compile')`);
}
