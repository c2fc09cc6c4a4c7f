// Which query files of a workspace folder have a results file: the one walk the results list and the study list share.
import { join } from 'node:path';
import { findFiles } from '../findFiles';
import { isLegacySidecar, queryFileOf, RESULTS_DIR, RESULTS_SUFFIX } from './sidecar';

/** The query files under a workspace folder that have results: in `.invcert/results/` (depth ≤ 5 below it), or
 * beside the query file where an earlier version kept them (depth ≤ 4, skipping node_modules and dot folders). */
export async function queryFilesWithResults(root: string): Promise<string[]> {
  const isResults = (e: { name: string }): boolean => e.name.endsWith(`.invq${RESULTS_SUFFIX}`);
  const current = (await findFiles(join(root, RESULTS_DIR), isResults, 5)).map((f) => queryFileOf(f, root));
  const legacy = (await findFiles(root, isResults, 4)).filter(isLegacySidecar).map((f) => f.slice(0, -RESULTS_SUFFIX.length));
  return [...new Set([...current, ...legacy])];
}
