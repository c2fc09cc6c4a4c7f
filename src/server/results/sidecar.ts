// `<name>.invq.results.json` beside the query file: every stored result with the SHA-256 of each model it read.
// Model paths are stored relative to the sidecar so a moved or cloned project keeps its results.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ResultRecord } from '../../shared/protocol';
import type { QueryResult } from '../../shared/results';

export const SIDECAR_FORMAT = 'invcert-results';
export const SIDECAR_VERSION = 1;

export interface SidecarRecord {
  readonly line: number;
  readonly queryText: string;
  readonly result: QueryResult;
  readonly modelHashes: Record<string, string>;
  readonly finishedAt: number;
}

export interface SidecarFile {
  readonly format: typeof SIDECAR_FORMAT;
  readonly version: number;
  readonly records: SidecarRecord[];
}

export function sidecarPath(queryFile: string): string {
  return `${queryFile}.results.json`;
}

export async function writeSidecar(queryFile: string, records: readonly ResultRecord[]): Promise<void> {
  const dir = dirname(queryFile);
  const file: SidecarFile = {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    records: records.map((r) => ({
      line: r.line,
      queryText: r.queryText,
      result: r.result,
      modelHashes: Object.fromEntries(Object.entries(r.modelHashes).map(([p, h]) => [relative(dir, p) || p, h])),
      finishedAt: r.finishedAt,
    })),
  };
  // Write-then-rename so a crash mid-write never leaves a truncated sidecar.
  const target = sidecarPath(queryFile);
  const tmp = `${target}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  await rename(tmp, target);
}

/** The records of a sidecar, with model paths made absolute. Missing file → []; a malformed one throws. */
export async function readSidecar(queryFile: string): Promise<Array<Omit<ResultRecord, 'uri' | 'stale'>>> {
  let text: string;
  try {
    text = await readFile(sidecarPath(queryFile), 'utf8');
  } catch {
    return [];
  }
  const data = JSON.parse(text) as Partial<SidecarFile>;
  if (data.format !== SIDECAR_FORMAT || typeof data.version !== 'number' || !Array.isArray(data.records)) {
    throw new Error(`${sidecarPath(queryFile)} is not an invcert results file`);
  }
  if (data.version > SIDECAR_VERSION) throw new Error(`${sidecarPath(queryFile)} has format version ${data.version}; this server reads ${SIDECAR_VERSION}`);
  const dir = dirname(queryFile);
  return data.records
    .filter((r) => typeof r?.line === 'number' && typeof r.queryText === 'string' && typeof r.result?.status === 'string')
    .map((r) => ({
      line: r.line,
      queryText: r.queryText,
      result: r.result,
      finishedAt: typeof r.finishedAt === 'number' ? r.finishedAt : 0,
      modelHashes: Object.fromEntries(Object.entries(r.modelHashes ?? {}).map(([p, h]) => [isAbsolute(p) ? p : resolve(dir, p), h])),
    }));
}
