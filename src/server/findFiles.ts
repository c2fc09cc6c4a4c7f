// Bounded recursive file search for the server (completion paths, sidecar discovery).
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Files under `dir` (to `depth` folder levels) that `matches` accepts, skipping node_modules and dot folders. */
export async function findFiles(dir: string, matches: (entry: Dirent) => boolean, depth: number): Promise<string[]> {
  if (depth < 0) return [];
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // unreadable folders are simply not searched
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await findFiles(p, matches, depth - 1)));
    else if (matches(e)) out.push(p);
  }
  return out;
}
