// The .invq language server, independent of its transport: `startServer(connection)` wires every feature onto
// any LSP connection (stdio/IPC in main.ts, in-memory streams in tests).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, InitializeResult } from 'vscode-languageserver/node';
import { CodeLensRefreshRequest, DiagnosticSeverity, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResultRecord } from '../shared/protocol';
import type { StudyResults } from '../shared/studies';
import type { DocSnapshot } from './documentState';
import { analyzeText, DocumentStates, uriToPath } from './documentState';
import { codeLenses } from './features/codeLens';
import { nullSpacePairActions, unknownNameFixes, witnessActions } from './features/codeActions';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { modelRequests } from './features/modelRequests';
import { WorkerExecutor } from './jobs/workerExecutor';
import type { QueryExecutor } from './jobs/jobManager';
import type { Logger } from './logger';
import { connectionLogger } from './logger';
import { ModelCache } from './models/modelCache';
import { NullSpaceNotes } from './models/nullSpaceNotes';
import { Annotations, CancelJob, GetPlotData, GetResult, GetStudyPlot, ListResults, ResultReady, RunQuery, Status, StudyProgress, WorkspaceTrust } from '../shared/protocol';
import { QueryService } from './queryService';
import { annotationText, resultDiagnosticMessage } from './results/format';
import { plotFor } from './results/plotData';
import { readSidecar } from './results/sidecar';
import { queryFilesWithResults } from './results/resultsFiles';
import type { StudyLookup } from './results/studyResults';
import { listStudies, studyResultsAt } from './results/studyResults';
import { studyPlotFor, studyQuestion } from './results/studyPlot';
import { QUERY_WORDS } from './results/hoverText';
import { runSafe } from './runSafe';

export interface ServerOptions {
  /** Delay between the last keystroke and re-checking a document (ms). */
  readonly debounceMs?: number;
  /** Runs queries; defaults to the worker-thread executor. */
  readonly executor?: QueryExecutor;
  readonly logger?: Logger;
}

export interface RunningServer {
  readonly models: ModelCache;
  readonly queries: QueryService;
  dispose(): Promise<void>;
}

const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function startServer(connection: Connection, options: ServerOptions = {}): RunningServer {
  const log = options.logger ?? connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  let workspaceDirs: string[] = [];
  // Restricted Mode, as the client reports it (initializationOptions, then workspaceTrust notifications).
  let trusted = true;
  let lensRefresh = false;
  let lastValidation: { uri: string; millis: number } | undefined;

  const states = new DocumentStates({
    models,
    debounceMs: options.debounceMs ?? 200,
    fallbackDir: () => workspaceDirs[0] ?? process.cwd(),
    onAnalyzed: (snap) => {
      lastValidation = { uri: snap.uri, millis: Math.round(snap.millis) };
      sendStatus(); // carries lastValidation for the client's language status item
      void queries.edited(snap).then(() => publish(snap.uri, false));
      void notes.update(snap).catch((e: unknown) => log.warn(`null-space notes of ${snap.uri}: ${String(e)}`));
    },
    onError: (uri, e) => log.error(`checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  }, documents);

  // Everything the server sends on its own goes through here: nothing is sent after dispose, and a connection
  // closing under a late job never becomes an unhandled rejection.
  let disposed = false;
  const send = (message: () => Promise<unknown>): void => {
    if (disposed) return;
    try {
      message().catch((e: unknown) => { if (!disposed) log.warn(`could not notify the client: ${String(e)}`); });
    } catch (e) {
      if (!disposed) log.warn(`could not notify the client: ${String(e)}`);
    }
  };

  // Status notifications are throttled: a burst of progress becomes one message per 250 ms.
  let statusTimer: NodeJS.Timeout | undefined;
  // Lens titles name each job and its state ("■ Cancel (queued)"): whenever that set changes — a phase moves on, a job
  // finishes or is cancelled — the client is asked to re-read lenses, so none is left showing a job that is gone.
  let lensJobsKey = '';
  const sendStatus = (): void => {
    if (statusTimer) return;
    statusTimer = setTimeout(() => {
      statusTimer = undefined;
      const jobs = queries.jobs.status();
      send(() => connection.sendNotification(Status.type, { jobs, ...(lastValidation ? { lastValidation } : {}) }));
      const key = jobs.map((j) => `${j.jobId}@${j.uri}:${j.line}:${j.phase}`).join('|');
      if (key !== lensJobsKey) {
        lensJobsKey = key;
        if (lensRefresh) send(() => connection.sendRequest(CodeLensRefreshRequest.type));
      }
      // The inline "⟳ bracket […], 412 cell pairs left, 2.1 s" text follows progress at the same throttled rate.
      for (const uri of new Set(jobs.map((j) => j.uri))) {
        send(() => connection.sendNotification(Annotations.type, { uri, annotations: queries.annotations(uri) }));
      }
    }, 250);
  };

  const executor = options.executor ?? new WorkerExecutor((m) => log.warn(m));
  // Wide maps' notes get their pair from the query worker (a custom executor has none: the note keeps its text).
  const notes = new NullSpaceNotes({
    find: (spec) => (executor instanceof WorkerExecutor ? executor.nullSpacePair(spec) : Promise.reject(new Error('no query worker'))),
    hash: (path) => models.hash(path),
    onReady: (uri) => publish(uri, false),
    log: (m) => log.warn(m),
  });

  const queries = new QueryService({
    log,
    models,
    createProgress: () => connection.window.createWorkDoneProgress(),
    sendStatus,
    sendResult: (record, jobId) => send(() => connection.sendNotification(ResultReady.type, { ...record, jobId })),
    documentChanged: (uri) => publish(uri, true),
    isTrusted: () => trusted,
    // Without a workspace folder (a single .invq file opened), the query file's own folder stands in.
    workspaceRoots: (uri) => workspaceDirs.length > 0 ? workspaceDirs : [dirname(uriToPath(uri) ?? process.cwd())],
    sendStudyProgress: (p) => send(() => connection.sendNotification(StudyProgress.type, p)),
  }, executor);

  /** Diagnostics (syntax + semantic + results) and annotations of one document; lenses too when jobs or results
   * changed (the editor re-asks for lenses after edits by itself). */
  function publish(uri: string, lenses: boolean): void {
    const snap = states.latest(uri);
    if (snap) {
      const diagnostics: Diagnostic[] = [];
      const range = (s: { line: number; start: number; end: number }): Diagnostic['range'] => ({ start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } });
      for (const e of snap.doc.errors) diagnostics.push({ range: range(e.span), severity: DiagnosticSeverity.Error, source: 'invq', code: 'syntax', message: e.message });
      for (const d of snap.analysis.diagnostics) {
        const message = d.code === 'non-square' ? notes.message(snap, d.span.line, d.message) : d.message;
        diagnostics.push({ range: range(d.span), severity: severity[d.severity], source: 'invq', code: d.code, message });
      }
      for (const r of queries.results.all(uri)) {
        const message = resultDiagnosticMessage(r);
        if (!message) continue;
        const span = snap.doc.statements.find((s) => s.span.line === r.line)?.span ?? { line: r.line, start: 0, end: (snap.lines[r.line] ?? '').length };
        diagnostics.push({ range: range(span), severity: DiagnosticSeverity.Warning, source: 'invq', code: r.result.status, message: r.stale ? `${message} (stale: a model changed)` : message });
      }
      send(() => connection.sendDiagnostics({ uri, version: snap.version, diagnostics }));
    }
    send(() => connection.sendNotification(Annotations.type, { uri, annotations: queries.annotations(uri) }));
    if (lenses && lensRefresh) send(() => connection.sendRequest(CodeLensRefreshRequest.type));
  }

  /** A snapshot for any .invq URI: the open document's, or one analysed from disk. */
  async function snapshotFor(uri: string): Promise<DocSnapshot | undefined> {
    const open = await states.current(uri);
    if (open) return open;
    const file = uriToPath(uri);
    if (!file) return undefined;
    const text = await readFile(file, 'utf8');
    return analyzeText(uri, -1, text, models, workspaceDirs[0] ?? process.cwd());
  }

  connection.onInitialize((params): InitializeResult => {
    workspaceDirs = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (workspaceDirs.length === 0 && params.rootUri) workspaceDirs = [uriToPath(params.rootUri)].filter((p): p is string => p !== undefined);
    lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', '/', ' '] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: true,
      },
      serverInfo: { name: 'invq-language-server', version: '0.1.0' },
    };
  });

  documents.onDidOpen((e) => {
    // The first analysis publishes diagnostics; restoring results from the sidecar publishes again only if any.
    void states.current(e.document.uri).then(async (snap) => {
      if (snap) await queries.restore(snap);
    }).catch((err: unknown) => log.error(`opening ${e.document.uri}: ${String(err)}`));
  });
  documents.onDidChangeContent((e) => states.schedule(e.document.uri));
  documents.onDidClose((e) => {
    states.forget(e.document.uri);
    notes.forget(e.document.uri);
    send(() => connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  connection.onNotification(WorkspaceTrust.type, (p) => {
    if (p.trusted === trusted) return;
    trusted = p.trusted;
    log.info(`workspace trust: ${trusted ? 'trusted' : 'Restricted Mode'}`);
    for (const d of documents.all()) publish(d.uri, true); // the Run lenses change
  });

  connection.onDidChangeWatchedFiles((e) => {
    const changedModels = e.changes.filter((c) => c.uri.toLowerCase().endsWith('.onnx'));
    if (changedModels.length === 0) return;
    for (const c of changedModels) {
      const p = uriToPath(c.uri);
      if (p) models.invalidate(p);
    }
    states.refreshAll(documents.all().map((d) => d.uri));
    void queries.recheckStale();
  });

  connection.onCompletion((p, token) => runSafe(log, 'completion', token, [], async () => {
    const snap = await states.current(p.textDocument.uri);
    return snap ? complete(snap, p.position.line, p.position.character, workspaceDirs) : [];
  }));

  connection.onHover((p, token) => runSafe(log, 'hover', token, null, async () => {
    const snap = await states.current(p.textDocument.uri);
    if (!snap) return null;
    const jobs = queries.jobs.status();
    const note = (line: number): string | undefined => {
      const d = snap.analysis.diagnostics.find((x) => x.code === 'non-square' && x.span.line === line);
      return d ? notes.message(snap, line, d.message) : undefined;
    };
    const study = snap.studies.has(p.position.line) ? await studyResultsAt({ uri: snap.uri, line: p.position.line }, studyLookup()) : undefined;
    return hover(snap, p.position, (line) => queries.results.get(snap.uri, line), (line) => jobs.find((j) => j.uri === snap.uri && j.line === line), note, () => study);
  }));

  connection.onCodeLens((p, token) => runSafe(log, 'code lens', token, [], async () => {
    const snap = await states.current(p.textDocument.uri);
    if (!snap) return [];
    const jobs = queries.jobs.status();
    const studies = new Map<number, StudyResults | undefined>();
    for (const line of snap.studies.keys()) studies.set(line, await studyResultsAt({ uri: snap.uri, line }, studyLookup()));
    return codeLenses(snap, (line) => jobs.find((j) => j.uri === snap.uri && j.line === line), (line) => queries.results.get(snap.uri, line), trusted, (line) => studies.get(line));
  }));

  connection.onCodeAction((p, token) => runSafe(log, 'code action', token, [], async () => {
    const snap = await states.current(p.textDocument.uri);
    if (!snap) return [];
    const actions = unknownNameFixes(snap, p.context.diagnostics);
    for (let line = p.range.start.line; line <= p.range.end.line; line++) {
      actions.push(...witnessActions(snap, line, queries.results.get(snap.uri, line), p.context.diagnostics));
      actions.push(...nullSpacePairActions(snap, line, notes.pairAt(snap.uri, line) ?? null, p.context.diagnostics));
    }
    return actions;
  }));

  connection.onRequest(RunQuery.type, (p, token) => runSafe(log, 'runQuery', token, { enqueued: [], rejected: [] }, async () => {
    const snap = await states.current(p.uri);
    if (!snap) return { enqueued: [], rejected: [{ line: p.line ?? -1, reason: `document not open: ${p.uri}` }] };
    return queries.run(snap, p);
  }));

  connection.onRequest(CancelJob.type, (p) => runSafe(log, 'cancelJob', undefined, { cancelled: [] }, () => queries.cancel(p)));

  connection.onRequest(GetResult.type, (p, token) => runSafe(log, 'getResult', token, null, () => queries.results.get(p.uri, p.line) ?? null));

  connection.onRequest(ListResults.type, (_p, token) => runSafe(log, 'listResults', token, { results: [] }, async () => listResults()));

  connection.onRequest(GetPlotData.type, (p, token) => runSafe(log, 'plotData', token, null, async () => {
    const record = queries.results.get(p.uri, p.line) ?? (await recordFromDisk(p.uri, p.line));
    if (!record) return null;
    const question = QUERY_WORDS[record.result.query];
    const snap = await snapshotFor(p.uri);
    const spec = snap?.analysis.queries.get(record.line)?.spec;
    const mainPath = spec ? (spec.kind === 'match' ? spec.modelA.path : spec.model.path) : undefined;
    const net = mainPath ? await models.network(mainPath) : undefined;
    if (!spec || !net) {
      return { record, question, plot: { kind: 'summary', title: record.queryText, status: record.result.status, stale: record.stale, reason: 'the query or its model no longer loads' } };
    }
    // The panel may move on (another result selected): stop tracing the fold curve then.
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return { record, question, plot: await plotFor(record, spec, net, { ...p, signal: abort.signal }) };
  }));

  connection.onRequest(GetStudyPlot.type, (p, token) => runSafe(log, 'studyPlot', token, null, async () => {
    const study = await studyResultsAt(p, studyLookup());
    if (!study) return null;
    const net = await models.network(study.study.model.path);
    if (!net) throw new Error(`the model of the study on line ${p.line + 1} no longer loads: ${study.study.model.path}`);
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return { study, question: studyQuestion(study), plot: await studyPlotFor(study, net, { ...p, signal: abort.signal }) };
  }));

  modelRequests(connection, { log, models, queries, snapshotFor });

  function studyLookup(): StudyLookup {
    return {
      live: queries.studies.live,
      workspaceDirs,
      isStale: (h) => queries.isStale(h),
      openLine: (uri, line) => {
        const doc = documents.get(uri);
        return doc ? doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trim() : undefined;
      },
    };
  }

  async function recordFromDisk(uri: string, line: number): Promise<ResultRecord | undefined> {
    const file = uriToPath(uri);
    if (!file) return undefined;
    const r = (await readSidecar(file, workspaceDirs.length > 0 ? workspaceDirs : [dirname(file)])).find((x) => x.line === line);
    return r ? { ...r, uri, stale: await queries.isStale(r.modelHashes) } : undefined;
  }

  async function listResults(): Promise<ListResults.Result> {
    const seen = new Set<string>();
    const out: ResultRecord[] = [];
    for (const uri of queries.results.uris()) {
      seen.add(uri);
      out.push(...queries.results.all(uri));
    }
    for (const dir of workspaceDirs) {
      for (const queryFile of await queryFilesWithResults(dir)) {
        const uri = pathToFileURL(queryFile).href;
        if (seen.has(uri)) continue;
        seen.add(uri);
        try {
          for (const r of await readSidecar(queryFile, workspaceDirs)) out.push({ ...r, uri, stale: await queries.isStale(r.modelHashes) });
        } catch (e) {
          log.warn(`skipping the results of ${queryFile}: ${String(e)}`);
        }
      }
    }
    out.sort((a, b) => b.finishedAt - a.finishedAt);
    return {
      studies: await listStudies(studyLookup(), (m) => log.warn(m)),
      results: out.map((r) => ({
        uri: r.uri, line: r.line, queryText: r.queryText, status: r.result.status, kind: r.result.query, message: r.result.message,
        verdict: annotationText(r.result), seconds: r.result.stats.seconds, finishedAt: r.finishedAt, stale: r.stale,
      })),
    };
  }

  documents.listen(connection);
  return {
    models,
    queries,
    async dispose() {
      disposed = true;
      states.dispose();
      if (statusTimer) clearTimeout(statusTimer);
      await queries.dispose();
    },
  };
}
