// What a run may touch. In VS Code's Restricted Mode (an untrusted workspace) the server starts no run and writes no
// file (sidecars, pruned models, MIP exports): the .invq file may come from anyone. In a trusted workspace, a query
// whose model paths or prune `out` folder resolve outside the workspace folder runs only once the user allowed
// those paths (the client asks, per path, and sends the allowed ones with the run request).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ResolvedQuery } from './language/semantics';

/** True when `path` is `root` itself or lies below it. Lexical (after resolving `.` and `..`): a path is judged by
 * what the query file says, before any file exists (a prune `out` folder usually does not yet). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The paths (deduplicated, in order) that lie outside every root. */
export function pathsOutside(paths: readonly string[], roots: readonly string[]): string[] {
  return [...new Set(paths)].filter((p) => !roots.some((root) => isInside(p, root)));
}

/** Every file or folder a checked query reads or writes when it runs: its models and a prune's `out` folder. */
export function pathsTouchedBy(check: Pick<ResolvedQuery, 'modelPaths' | 'spec'>): string[] {
  return [...check.modelPaths, ...(check.spec?.kind === 'prune' ? [check.spec.outDir] : [])];
}

export const restrictedModeReason =
  'Restricted Mode: queries run (and write result files) only in a trusted workspace; trust the workspace to run them';
