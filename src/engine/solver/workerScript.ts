// Where the solver worker's code lives: dist/solverWorker.js beside the running bundle, or worker.ts under tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SolverFailed } from '../errors';

export interface WorkerScript {
  readonly file: string;
  /** When set, run this CommonJS snippet (eval) instead of `file`: it installs tsx, then requires the .ts file. */
  readonly bootstrap?: string;
}

export function locateSolverWorker(): WorkerScript {
  // In a bundle (dist/cli.js, dist/server.js, ...) __dirname is dist/, where the build puts solverWorker.js.
  const bundled = join(__dirname, 'solverWorker.js');
  if (existsSync(bundled)) return { file: bundled };
  // From TypeScript sources (tests, `node --import tsx`): Node 20 will not hand a .ts worker entry to loader
  // hooks, so a small CommonJS bootstrap registers tsx's require hook and then loads worker.ts.
  const source = join(__dirname, 'worker.ts');
  if (existsSync(source)) {
    const resolve = require.resolve; // indirect, so bundlers leave this dev-only path alone
    const tsxCjs = resolve('tsx/cjs/api');
    return { file: source, bootstrap: `require(${JSON.stringify(tsxCjs)}).register(); require(${JSON.stringify(source)});` };
  }
  throw new SolverFailed(`solver worker not found: expected ${bundled} (run 'npm run compile')`);
}
