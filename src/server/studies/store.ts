// A batch's output folder: plan.json (the instances of the file, the same for every shard) and one file per
// finished instance under instances/. Every file is written whole or not at all (a temporary file, then a rename in
// the same folder), so a shard killed at any moment leaves only finished instances behind, and its re-run skips
// exactly those.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgument } from '../../engine/errors';
import type { QueryResult } from '../../shared/results';
import type { InstancePlace, StudySpec } from '../../shared/studies';
import type { BatchPlan } from './plan';

export const BATCH_FORMAT = 'invcert-batch';
export const BATCH_VERSION = 1;

/** plan.json: what merge needs to join the shards without the .invq file or its models. */
export interface StoredPlan {
  readonly format: typeof BATCH_FORMAT;
  readonly version: number;
  readonly queryFile: string;
  readonly textSha256: string;
  readonly lines: ReadonlyArray<{ readonly line: number; readonly queryText: string; readonly modelPaths: string[]; readonly study?: StudySpec; readonly levels?: readonly number[]; readonly instanceIds: string[] }>;
  readonly instances: ReadonlyArray<{ readonly id: string; readonly line: number; readonly place?: InstancePlace }>;
}

/** instances/<id>.json */
export interface FinishedInstance {
  readonly id: string;
  readonly textSha256: string;
  readonly result: QueryResult;
  readonly nearFold?: boolean;
  /** Absolute model path → SHA-256 of the file the instance read. */
  readonly modelHashes: Record<string, string>;
  readonly finishedAt: number;
}

export async function writeAtomically(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  await rename(tmp, path);
}

const instanceDir = (dir: string): string => join(dir, 'instances');
// Ids are made of letters, digits and '-' (plan.ts), so they are file names as they are.
const instancePath = (dir: string, id: string): string => join(instanceDir(dir), `${id}.json`);

export function storedPlan(plan: BatchPlan): StoredPlan {
  return {
    format: BATCH_FORMAT, version: BATCH_VERSION, queryFile: plan.queryFile, textSha256: plan.textSha256,
    lines: plan.lines.map((l) => ({ line: l.line, queryText: l.queryText, modelPaths: l.modelPaths, ...(l.study ? { study: l.study } : {}), ...(l.levels ? { levels: l.levels } : {}), instanceIds: l.instanceIds })),
    instances: plan.instances.map((i) => ({ id: i.id, line: i.line, ...(i.place ? { place: i.place } : {}) })),
  };
}

/** Creates the folder the instances go to (the language server's batch folder has no plan.json: it plans per line). */
export async function openInstanceDir(dir: string): Promise<void> {
  await mkdir(instanceDir(dir), { recursive: true });
}

/** Creates the folder and writes plan.json; refuses a folder holding another file's batch. */
export async function openBatchDir(dir: string, plan: StoredPlan): Promise<void> {
  await openInstanceDir(dir);
  const existing = await readPlanOrNull(dir);
  if (existing && (existing.queryFile !== plan.queryFile || existing.textSha256 !== plan.textSha256)) {
    throw new InvalidArgument(`${dir} holds a batch of ${existing.queryFile} as it was before (another text): use another --out folder, or empty it`);
  }
  await writeAtomically(join(dir, 'plan.json'), plan);
}

async function readPlanOrNull(dir: string): Promise<StoredPlan | null> {
  let text: string;
  try {
    text = await readFile(join(dir, 'plan.json'), 'utf8');
  } catch {
    return null;
  }
  const p = JSON.parse(text) as Partial<StoredPlan>;
  if (p.format !== BATCH_FORMAT || typeof p.version !== 'number' || !Array.isArray(p.lines) || !Array.isArray(p.instances)) {
    throw new InvalidArgument(`${join(dir, 'plan.json')} is not an invcert batch plan`);
  }
  if (p.version > BATCH_VERSION) throw new InvalidArgument(`${join(dir, 'plan.json')} has format version ${p.version}; this invcert reads ${BATCH_VERSION}`);
  return p as StoredPlan;
}

export async function readPlan(dir: string): Promise<StoredPlan> {
  const p = await readPlanOrNull(dir);
  if (!p) throw new InvalidArgument(`${dir} has no plan.json: run 'invcert batch FILE.invq --out ${dir}' first`);
  return p;
}

/** The finished instances in the folder of this text (files of another text, or unreadable, are not counted). */
export async function finishedInstances(dir: string, textSha256: string): Promise<Map<string, FinishedInstance>> {
  const out = new Map<string, FinishedInstance>();
  let names: string[];
  try {
    names = await readdir(instanceDir(dir));
  } catch {
    return out;
  }
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      const f = JSON.parse(await readFile(join(instanceDir(dir), name), 'utf8')) as FinishedInstance;
      if (f.textSha256 === textSha256 && typeof f.result?.status === 'string') out.set(f.id, f);
    } catch {
      // A foreign or damaged file: the instance is simply run again.
    }
  }
  return out;
}

export function writeFinished(dir: string, f: FinishedInstance): Promise<void> {
  return writeAtomically(instancePath(dir, f.id), f);
}
