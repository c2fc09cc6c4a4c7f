// Per-document analysis: parse, load the declared models, check. Debounced per URI; a result computed for an
// older version of the text is dropped, never published.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from './language/ast';
import { parseDocument, splitLines } from './language/parser';
import type { Analysis, ModelLoad } from './language/semantics';
import { analyze, declaredModelPaths } from './language/semantics';
import type { ResolvedStudy } from './language/studySemantics';
import { checkStudies } from './language/studySemantics';
import type { ModelCache } from './models/modelCache';

export interface DocSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly lines: readonly string[];
  readonly doc: Document;
  readonly analysis: Analysis;
  /** The study lines (orbit, map) by 0-based line; their diagnostics are in analysis.diagnostics. */
  readonly studies: ReadonlyMap<number, ResolvedStudy>;
  /** The folder `model` paths are relative to. */
  readonly baseDir: string;
  /** The file path, for file: URIs. */
  readonly fsPath?: string;
  /** How long checking took (parse + model loads + analysis). */
  readonly millis: number;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function resolverFor(baseDir: string): (p: string) => string {
  return (p) => (isAbsolute(p) ? p : resolve(baseDir, p));
}

export async function analyzeText(uri: string, version: number, text: string, models: ModelCache, fallbackDir: string): Promise<DocSnapshot> {
  const started = performance.now();
  const fsPath = uriToPath(uri);
  const baseDir = fsPath ? dirname(fsPath) : fallbackDir;
  const doc = parseDocument(text);
  const resolvePath = resolverFor(baseDir);
  const paths = [...new Set(declaredModelPaths(doc, resolvePath))];
  const loads = new Map<string, ModelLoad>();
  await Promise.all(paths.map(async (p) => { loads.set(p, await models.load(p)); }));
  const analysis = analyze(doc, resolvePath, loads);
  const studies = checkStudies(doc, analysis, resolvePath);
  return { uri, version, lines: splitLines(text), doc, analysis, studies, baseDir, fsPath, millis: performance.now() - started };
}

export interface DocumentStatesOptions {
  readonly models: ModelCache;
  readonly debounceMs: number;
  readonly fallbackDir: () => string;
  /** Called with each fresh snapshot (for the version the editor still has). */
  readonly onAnalyzed: (snapshot: DocSnapshot) => void;
  readonly onError: (uri: string, e: unknown) => void;
}

export class DocumentStates {
  private readonly snapshots = new Map<string, DocSnapshot>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, { version: number; promise: Promise<DocSnapshot> }>();

  constructor(private readonly opts: DocumentStatesOptions, private readonly documents: { get(uri: string): TextDocument | undefined }) {}

  /** Re-check after the debounce delay (resets on every call for the same URI). */
  schedule(uri: string): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.refresh(uri).catch((e: unknown) => this.opts.onError(uri, e));
    }, this.opts.debounceMs));
  }

  /** Re-check every open document now (e.g. after a model file changed on disk). */
  refreshAll(uris: readonly string[]): void {
    for (const uri of uris) this.schedule(uri);
  }

  /** The snapshot for the text the editor has now, computing it if needed. */
  async current(uri: string): Promise<DocSnapshot | undefined> {
    const td = this.documents.get(uri);
    if (!td) return this.snapshots.get(uri);
    const have = this.snapshots.get(uri);
    if (have && have.version === td.version) return have;
    return this.refresh(uri);
  }

  /** The last published snapshot, whatever its version. */
  latest(uri: string): DocSnapshot | undefined {
    return this.snapshots.get(uri);
  }

  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.snapshots.delete(uri);
    this.inFlight.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async refresh(uri: string): Promise<DocSnapshot | undefined> {
    const td = this.documents.get(uri);
    if (!td) return undefined;
    const running = this.inFlight.get(uri);
    if (running && running.version === td.version) return running.promise;
    const version = td.version;
    const promise = analyzeText(uri, version, td.getText(), this.opts.models, this.opts.fallbackDir());
    this.inFlight.set(uri, { version, promise });
    const snapshot = await promise;
    if (this.inFlight.get(uri)?.promise === promise) this.inFlight.delete(uri);
    // Drop stale work: the editor moved on (or closed the document) while models were loading.
    const now = this.documents.get(uri);
    if (!now || now.version !== version) return now ? this.current(uri) : undefined;
    const have = this.snapshots.get(uri);
    if (have?.version !== version) {
      this.snapshots.set(uri, snapshot);
      this.opts.onAnalyzed(snapshot);
    }
    return this.snapshots.get(uri);
  }
}
