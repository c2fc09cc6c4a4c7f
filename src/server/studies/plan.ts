// The instances of an .invq file, in one deterministic order: every query line is one instance, every study line
// (orbit, map) as many as its expansion has (engine/studies/expand.ts). The CLI plans a file (checked as the language
// server checks it, so a batch refuses what the editor would flag); the language server plans from its snapshot.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadModelRef } from '../../engine/dispatchQuery';
import { InvalidArgument } from '../../engine/errors';
import { expandStudy } from '../../engine/studies/expand';
import type { DocSnapshot } from '../documentState';
import { analyzeText } from '../documentState';
import { isQuery } from '../language/ast';
import { statementText } from '../language/lexer';
import { ModelCache, sha256 } from '../models/modelCache';
import type { QuerySpec } from '../../shared/querySpec';
import type { InstancePlace, StudySpec } from '../../shared/studies';

/** One query instance of the batch. */
export interface PlannedInstance {
  /** Stable while the file is unchanged: `L7` for a query line, `L9-k3-bl` / `L10-i4-j7` for a study's instances. */
  readonly id: string;
  /** 0-based line of its statement. */
  readonly line: number;
  readonly spec: QuerySpec;
  /** Study instances only. */
  readonly place?: InstancePlace;
}

/** A statement line and what it expands to. */
export interface PlannedLine {
  readonly line: number;
  readonly queryText: string;
  readonly modelPaths: string[];
  /** Study lines only. */
  readonly study?: StudySpec;
  /** A pruning sweep of several levels: one instance per level, in this order, joined into one table. */
  readonly levels?: readonly number[];
  readonly instanceIds: string[];
}

export interface BatchPlan {
  readonly queryFile: string;
  /** SHA-256 of the file's text: finished instances of another text are not reused. */
  readonly textSha256: string;
  readonly lines: PlannedLine[];
  readonly instances: PlannedInstance[];
}

export async function planBatch(queryFile: string): Promise<BatchPlan> {
  const file = resolve(queryFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InvalidArgument(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const snap = await analyzeText(pathToFileURL(file).href, 0, text, new ModelCache(), resolve(file, '..'));
  const problems = [...snap.doc.errors.map((e) => ({ ...e, severity: 'error' })), ...snap.analysis.diagnostics].filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    const first = problems.sort((a, b) => a.span.line - b.span.line || a.span.start - b.span.start)[0];
    throw new InvalidArgument(`${file}:${first.span.line + 1}:${first.span.start + 1}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`);
  }
  return planFromSnapshot(snap, file, sha256(text));
}

/**
 * The plan of a checked document (the language server's snapshot, or the CLI's file): every runnable query and
 * study line, or only those of `only`. Lines with errors are left out (the CLI refuses such a file before).
 */
export async function planFromSnapshot(snap: DocSnapshot, queryFile: string, textSha256: string, only?: ReadonlySet<number>): Promise<BatchPlan> {
  const lines: PlannedLine[] = [];
  const instances: PlannedInstance[] = [];
  const queryText = (line: number): string => statementText(snap.lines[line]);
  const entries: Array<{ line: number; run: () => Promise<void> | void }> = [];
  for (const q of snap.doc.statements.filter(isQuery)) {
    const resolved = snap.analysis.queries.get(q.span.line);
    const spec = resolved?.spec;
    const line = q.span.line;
    if (!spec || (only && !only.has(line))) continue;
    entries.push({ line, run: () => {
      if (spec.kind === 'prune' && spec.levels.length > 1) {
        // Each level is its own instance, so the shards of a batch share a sweep's levels.
        const ids = spec.levels.map((level) => `L${line + 1}-p${String(level).replace('.', '_')}`);
        spec.levels.forEach((level, k) => instances.push({ id: ids[k], line, spec: { ...spec, levels: [level] } }));
        lines.push({ line, queryText: queryText(line), modelPaths: resolved.modelPaths, levels: spec.levels, instanceIds: ids });
        return;
      }
      const id = `L${line + 1}`;
      instances.push({ id, line, spec });
      lines.push({ line, queryText: queryText(line), modelPaths: resolved.modelPaths, instanceIds: [id] });
    } });
  }
  for (const [line, s] of snap.studies) {
    const study = s.spec;
    if (!study || (only && !only.has(line))) continue;
    entries.push({ line, run: async () => {
      const { state } = await loadModelRef(study.model);
      const expanded = expandStudy(study, state).map((x) => ({ id: `L${line + 1}-${x.key}`, line, spec: x.spec, place: x.place }));
      instances.push(...expanded);
      lines.push({ line, queryText: queryText(line), modelPaths: s.modelPaths, study, instanceIds: expanded.map((x) => x.id) });
    } });
  }
  for (const e of entries.sort((a, b) => a.line - b.line)) await e.run();
  return { queryFile, textSha256, lines, instances };
}

/**
 * The plan of one study line of an open document, as the language server runs it. Its instances are stamped with
 * the hash of the line's own text and of the model files it reads (`modelHashes`, path → SHA-256), not the file's:
 * editing other lines keeps them; editing this line, or changing a model, does not.
 */
export function planStudyLine(snap: DocSnapshot, queryFile: string, line: number, modelHashes: Readonly<Record<string, string>> = {}): Promise<BatchPlan> {
  return planFromSnapshot(snap, queryFile, studyLineStamp(snap, line, modelHashes), new Set([line]));
}

/** The stamp of a study line's instances: its text and its models' hashes (see planStudyLine). */
export function studyLineStamp(snap: DocSnapshot, line: number, modelHashes: Readonly<Record<string, string>>): string {
  const models = Object.entries(modelHashes).sort(([a], [b]) => a.localeCompare(b));
  return sha256(JSON.stringify([statementText(snap.lines[line] ?? ''), models]));
}

/** The instances shard `index` of `count` runs: every count-th one from position `index`, so each shard gets a mix. */
export function shardOf<T>(items: readonly T[], index: number, count: number): T[] {
  return items.filter((_, k) => k % count === index);
}
