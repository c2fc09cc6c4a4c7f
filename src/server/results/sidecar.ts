// Where a query file's results live, and their file format: every stored result with the SHA-256 of each model it read.
//
// Results live in ONE folder per workspace, `.invcert/results/`, mirroring each query file's path relative to the
// workspace folder: `<root>/sub/a.invq` → `<root>/.invcert/results/sub/a.invq.results.json`. Why there:
// - beside each query file, a `*.invq.results.json` doubled every query file in the explorer and in search;
// - one folder is one line in .gitignore (or one folder to commit, to share results), and one folder to delete;
// - mirroring the relative path keeps two `a.invq` in different folders apart, and tells a person which query file
//   a results file belongs to without opening it;
// - inside the workspace (not in VS Code's extension storage), so the CLI, a clone and a moved project find them.
// A query file outside every workspace folder keeps its results under `.invcert/results/` of its own folder.
// Model paths are stored relative to the query file's folder, so a moved or cloned project keeps its results.
//
// The earlier location, `<name>.invq.results.json` beside the query file, is still read; on open in a trusted
// workspace its records are moved to the new file (merged with any already there, newest per query kept) and the
// old file is removed only after the new one is written, so no result is lost.
import { readFile, rename, unlink, writeFile, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ResultRecord } from '../../shared/protocol';
import type { QueryResult } from '../../shared/results';
import type { StudyInstanceResult, StudySpec } from '../../shared/studies';

export const SIDECAR_FORMAT = 'invcert-results';
export const SIDECAR_VERSION = 1;

/** The folder, relative to a workspace folder, that holds every results file. */
export const RESULTS_DIR = join('.invcert', 'results');
export const RESULTS_SUFFIX = '.results.json';

export interface SidecarRecord {
  readonly line: number;
  readonly queryText: string;
  readonly result: QueryResult;
  readonly modelHashes: Record<string, string>;
  readonly finishedAt: number;
}

/** A study line (orbit, map): every instance's typed result, in the study's order (additive to version 1). */
export interface StudyRecord {
  readonly line: number;
  readonly queryText: string;
  readonly study: StudySpec;
  readonly instances: StudyInstanceResult[];
  readonly modelHashes: Record<string, string>;
  readonly finishedAt: number;
}

export interface SidecarFile {
  readonly format: typeof SIDECAR_FORMAT;
  readonly version: number;
  readonly records: SidecarRecord[];
  readonly studies?: StudyRecord[];
}

export type StoredRecord = Omit<ResultRecord, 'uri' | 'stale'>;

/** The workspace folder holding `queryFile` (the innermost, when folders nest), or the query file's own folder. */
export function resultsRootFor(queryFile: string, workspaceRoots: readonly string[]): string {
  const inside = workspaceRoots.filter((r) => {
    const rel = relative(r, queryFile);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  return inside.sort((a, b) => b.length - a.length)[0] ?? dirname(queryFile);
}

/** `<root>/.invcert/results/<query file relative to root>.results.json`. */
export function resultsPath(queryFile: string, workspaceRoots: readonly string[]): string {
  const root = resultsRootFor(queryFile, workspaceRoots);
  return join(root, RESULTS_DIR, `${relative(root, queryFile)}${RESULTS_SUFFIX}`);
}

/** Where the language server keeps a query file's study instances as they finish (one file each, studies/store.ts):
 * `<root>/.invcert/batches/<query file relative to root>/`, beside the results, so a reload loses none. */
export function studyBatchDir(queryFile: string, workspaceRoots: readonly string[]): string {
  const root = resultsRootFor(queryFile, workspaceRoots);
  return join(root, '.invcert', 'batches', relative(root, queryFile));
}

/** The query file a results file under `<root>/.invcert/results/` belongs to. */
export function queryFileOf(resultsFile: string, root: string): string {
  return join(root, relative(join(root, RESULTS_DIR), resultsFile).slice(0, -RESULTS_SUFFIX.length));
}

/** Where results were kept before `.invcert/results/`: beside the query file. Read, then migrated. */
export function legacySidecarPath(queryFile: string): string {
  return `${queryFile}${RESULTS_SUFFIX}`;
}

export function isLegacySidecar(path: string): boolean {
  return path.endsWith(`.invq${RESULTS_SUFFIX}`) && !path.split(sep).includes('.invcert');
}

/**
 * Writes the results file of `queryFile` (under `.invcert/results/`, or at `extra.target`), with its study records if
 * any. The CLI, which knows no workspace folders, passes [] and so writes under the query file's own folder.
 */
export async function writeSidecar(
  queryFile: string,
  workspaceRoots: readonly string[],
  records: readonly StoredRecord[],
  extra: { readonly studies?: readonly StudyRecord[]; readonly target?: string } = {},
): Promise<void> {
  const dir = dirname(queryFile);
  const relativeHashes = (hashes: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(hashes).map(([p, h]) => [relative(dir, p) || p, h]));
  const file: SidecarFile = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    records: records.map((r) => ({
      line: r.line,
      queryText: r.queryText,
      result: r.result,
      modelHashes: relativeHashes(r.modelHashes),
      finishedAt: r.finishedAt,
    })),
    ...(extra.studies ? { studies: extra.studies.map((s) => ({ ...s, modelHashes: relativeHashes(s.modelHashes) })) } : {}),
  };
  // Write-then-rename so a crash mid-write never leaves a truncated results file.
  const target = extra.target ?? resultsPath(queryFile, workspaceRoots);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  await rename(tmp, target);
}

/** Model paths stored relative to the query file's folder (`dir`), made absolute again. */
function absoluteHashes(dir: string, hashes: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(hashes ?? {}).map(([p, h]) => [isAbsolute(p) ? p : resolve(dir, p), h]));
}

/** A results file parsed, its format and version checked; null when there is none. Malformed throws, naming it. */
async function readResultsFile(path: string): Promise<Partial<SidecarFile> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  const data = JSON.parse(text) as Partial<SidecarFile>;
  if (data.format !== SIDECAR_FORMAT || typeof data.version !== 'number') throw new Error(`${path} is not an invcert results file`);
  if (data.version > SIDECAR_VERSION) throw new Error(`${path} has format version ${data.version}; this server reads ${SIDECAR_VERSION}`);
  return data;
}

/** The records of one results file, model paths made absolute against the query file's folder. Missing → []. */
async function readRecords(path: string, queryFile: string): Promise<StoredRecord[]> {
  const data = await readResultsFile(path);
  if (!data) return [];
  if (!Array.isArray(data.records)) throw new Error(`${path} is not an invcert results file`);
  const dir = dirname(queryFile);
  return data.records
    .filter((r) => typeof r?.line === 'number' && typeof r.queryText === 'string' && typeof r.result?.status === 'string')
    .map((r) => ({
      line: r.line,
      queryText: r.queryText,
      result: r.result,
      finishedAt: typeof r.finishedAt === 'number' ? r.finishedAt : 0,
      modelHashes: absoluteHashes(dir, r.modelHashes),
    }));
}

/** The study records of the results file of `queryFile`, model paths made absolute. Missing → []; malformed throws. */
export async function readSidecarStudies(queryFile: string, workspaceRoots: readonly string[]): Promise<StudyRecord[]> {
  const data = await readResultsFile(resultsPath(queryFile, workspaceRoots));
  if (!data) return [];
  const dir = dirname(queryFile);
  return (Array.isArray(data.studies) ? data.studies : [])
    .filter((r) => typeof r?.line === 'number' && typeof r.queryText === 'string' && Array.isArray(r.instances) && typeof r.study?.kind === 'string')
    .map((r) => ({
      ...r,
      finishedAt: typeof r.finishedAt === 'number' ? r.finishedAt : 0,
      modelHashes: absoluteHashes(dir, r.modelHashes),
    }));
}

/** Records of both locations, one per query (line and text): the newer wins, so merging never drops a result. */
function merged(current: readonly StoredRecord[], legacy: readonly StoredRecord[]): StoredRecord[] {
  const byQuery = new Map<string, StoredRecord>();
  for (const r of [...legacy, ...current]) {
    const key = `${r.line}\n${r.queryText}`;
    const seen = byQuery.get(key);
    if (!seen || r.finishedAt >= seen.finishedAt) byQuery.set(key, r);
  }
  return [...byQuery.values()].sort((a, b) => a.line - b.line);
}

/** The stored records of a query file, from `.invcert/results/` and any not yet migrated legacy file. A malformed
 * file throws (naming it); a missing one reads as []. Reads only: safe in Restricted Mode. */
export async function readSidecar(queryFile: string, workspaceRoots: readonly string[]): Promise<StoredRecord[]> {
  const current = await readRecords(resultsPath(queryFile, workspaceRoots), queryFile);
  const legacy = await readRecords(legacySidecarPath(queryFile), queryFile);
  return legacy.length === 0 ? current : merged(current, legacy);
}

/** Moves a legacy `<name>.invq.results.json` into `.invcert/results/` (merged with what is there), then removes it.
 * Returns whether there was one. Writes: call it only in a trusted workspace. */
export async function migrateLegacySidecar(queryFile: string, workspaceRoots: readonly string[]): Promise<boolean> {
  const legacyPath = legacySidecarPath(queryFile);
  let legacy: StoredRecord[];
  try {
    legacy = await readRecords(legacyPath, queryFile);
  } catch {
    return false; // a malformed legacy file stays where it is, untouched, for a person to look at
  }
  if (legacy.length === 0) {
    await unlink(legacyPath).catch(() => undefined); // absent, or an empty record list: nothing to keep
    return false;
  }
  let current: StoredRecord[];
  try {
    current = await readRecords(resultsPath(queryFile, workspaceRoots), queryFile);
  } catch {
    return false; // nor is a malformed new file overwritten
  }
  await writeSidecar(queryFile, workspaceRoots, merged(current, legacy));
  await unlink(legacyPath);
  return true;
}
