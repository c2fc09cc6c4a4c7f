// Where a worker thread's code lives: dist/<name>.js beside the running bundle, or its .ts entry under tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SolverFailed } from '../errors';

export interface WorkerScript {
  readonly file: string;
  /** When set, run this CommonJS snippet (eval) instead of `file`: it installs tsx, then requires the .ts file. */
  readonly bootstrap?: string;
}

/**
 * `dir` is the caller's __dirname: dist/ in a bundle (dist/cli.js, dist/server.js, ...), where the build puts
 * `bundledName`; the source folder under tsx, where `sourceName` lives.
 */
export function locateWorkerScript(dir: string, bundledName: string, sourceName: string, what: string): WorkerScript {
  const bundled = join(dir, bundledName);
  if (existsSync(bundled)) return { file: bundled };
  // From TypeScript sources (tests, `node --import tsx`): Node 20 will not hand a .ts worker entry to loader
  // hooks, so a small CommonJS bootstrap registers tsx's require hook and then loads the .ts entry.
  const source = join(dir, sourceName);
  if (existsSync(source)) {
    const resolve = require.resolve; // indirect, so bundlers leave this dev-only path alone
    const tsxCjs = resolve('tsx/cjs/api');
    return { file: source, bootstrap: `require(${JSON.stringify(tsxCjs)}).register(); require(${JSON.stringify(source)});` };
  }
  throw new SolverFailed(`${what} not found: expected ${bundled} (run 'npm run compile')`);
}
