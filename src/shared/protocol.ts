// The custom LSP messages between the invq language server and the VS Code client: for each message its method
// name, its types and the typed RequestType/NotificationType handle (`Foo.type`) both sides send and register, so
// adding a message is one edit here.
// One namespace per message, with who sends it and why (after rust-analyzer's lsp_ext.ts and vscode-eslint).
// Lines are 0-based LSP lines; `uri` is always the .invq document URI as the client sent it.
// Namespaces (as vscode-languageserver-protocol itself does) keep each message's method and types together.
/* eslint-disable @typescript-eslint/no-namespace */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { QueryResult, QueryStatus } from './results';
import type { EnginePhase } from './querySpec';
import type { ModelViewData, NeuronStatesData, ViewerBoundMethod } from './modelViewer';
import type { PlotData, StudyPlot } from './plotData';
import type { StudyResults, StudySpec } from './studies';

/** A query in an .invq document: its URI and its 0-based line. */
export interface QueryLocation {
  readonly uri: string;
  readonly line: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Commands. The client registers them; the server puts them into code lenses, code actions and hover links.
// Each takes a single argument object (JSON), so hover command URIs are `command:<id>?<encoded JSON [arg]>`.
// The client must mark hover Markdown as trusted for these ids
// (LanguageClientOptions.markdown = { isTrusted: { enabledCommands: [...Object.values(Commands)] } }).
// ---------------------------------------------------------------------------------------------------------------
export const Commands = {
  /** Arg: QueryLocation. Runs one query (client sends RunQuery.method with {uri, line}). */
  runQuery: 'invcert.runQuery',
  /** Arg: { uri }. Runs every query in the document. */
  runAllQueries: 'invcert.runAllQueries',
  /** Arg: QueryLocation | { jobId }. Cancels the job (client sends CancelJob.method). */
  cancelQuery: 'invcert.cancelQuery',
  /** Arg: QueryLocation. Opens the results panel focused on this query's result (GetPlotData.method). */
  showInPanel: 'invcert.showInPanel',
  /** Arg: QueryLocation. Copies the stored ResultRecord as JSON (GetResult.method). */
  copyResultJson: 'invcert.copyResultJson',
  /** Arg: { path } (absolute .onnx path), { uri, model } (a model of an .invq document) or a Uri. Opens the model viewer. */
  showModelSummary: 'invcert.showModelSummary',
  /** Arg: QueryLocation & { format: 'lp' | 'mps' }. Asks for a path, then sends ExportMip.method. */
  exportMip: 'invcert.exportMip',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

// ---------------------------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------------------------

/** Client → server request. Enqueues one query (`line`) or every query (`all`) of a document; returns at once.
 * Queries with semantic errors are not enqueued: they come back in `rejected`. Re-running a line that already
 * runs cancels the old job first. Progress comes as server-created work-done progress (cancellable from the UI),
 * the outcome as Result and Annotations notifications. */
export namespace RunQuery {
  export const method = 'invcert/runQuery' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params {
    readonly uri: string;
    readonly line?: number;
    readonly all?: boolean;
    /** Absolute paths outside the workspace folder that the user allowed this session (see `outsideWorkspace`). */
    readonly allowOutsideWorkspace?: readonly string[];
  }
  export interface Result {
    /** One job id per enqueued query. */
    readonly enqueued: string[];
    readonly rejected: Array<{ readonly line: number; readonly reason: string }>;
    /** Set when nothing ran because the workspace is not trusted (Restricted Mode: no runs, no files written). */
    readonly needsTrust?: boolean;
    /** Model paths and prune `out` folders of the rejected queries that resolve outside the workspace folder and
     * are not in `allowOutsideWorkspace`: the client asks the user about each, then asks again with them allowed. */
    readonly outsideWorkspace?: string[];
  }
}

/** Client → server notification: the workspace's trust. The initial state comes as initializationOptions
 * `{ workspaceTrusted }` (absent = trusted, as for a server started outside VS Code); VS Code only ever grants
 * trust within a session (revoking it reloads the window), so this is sent with `trusted: true`. */
export namespace WorkspaceTrust {
  export const method = 'invcert/workspaceTrust' as const;
  export const type = new NotificationType<Params>(method);
  export interface Params {
    readonly trusted: boolean;
  }
}

/** Client → server request. Cancels a job by id, or whatever runs on {uri, line}, or every job of {uri}
 * when line is absent. Returns the ids it cancelled. Cancelling ends the job with no stored result. */
export namespace CancelJob {
  export const method = 'invcert/cancelJob' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params {
    readonly jobId?: string;
    readonly uri?: string;
    readonly line?: number;
  }
  export interface Result {
    readonly cancelled: string[];
  }
}

export interface JobStatus {
  readonly jobId: string;
  readonly uri: string;
  readonly line: number;
  readonly queryText: string;
  /** The query in a few words, e.g. "BL radius around P1". */
  readonly subject: string;
  /** 'queued' before a worker picks it up; then the engine's phase. */
  readonly phase: EnginePhase | 'queued';
  /** In a person's words, e.g. "bracket [0.62, 0.71], 412 cell pairs left, 2.1 s" (the engine's terms stay in the log). */
  readonly message: string;
  readonly fraction?: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

/** Server → client notification, whenever the set of jobs or their phase changes (throttled). Drives the status
 * item ("$(sync~spin) invq: 2 running"). `lastValidation` feeds a LanguageStatusItem (how long checking took). */
export namespace Status {
  export const method = 'invcert/status' as const;
  export const type = new NotificationType<Params>(method);
  export interface Params {
    readonly jobs: JobStatus[];
    readonly lastValidation?: { readonly uri: string; readonly millis: number };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------------

/** What the server stores per query (also the record of its results file, `.invcert/results/<path>.invq.results.json`). */
export interface ResultRecord {
  readonly uri: string;
  readonly line: number;
  /** The query line as it was run (trimmed); a record whose text no longer matches its line is dropped. */
  readonly queryText: string;
  readonly result: QueryResult;
  /** Absolute model path → SHA-256 (hex) of the file when the query ran. */
  readonly modelHashes: Record<string, string>;
  /** Epoch milliseconds. */
  readonly finishedAt: number;
  /** True when a model file changed (hash differs) or is gone since the result was computed. */
  readonly stale: boolean;
}

/** Server → client notification when a job finishes (certified, counterexample, unresolved, or error). Not sent
 * for cancelled jobs. The panel listens to refresh itself. */
export namespace ResultReady {
  export const method = 'invcert/result' as const;
  export const type = new NotificationType<Params>(method);
  export type Params = ResultRecord & { readonly jobId: string };
}

export type AnnotationKind = QueryStatus | 'running' | 'stale';

/** Inline text the client draws after a query line (decoration `after`), e.g. "✓ certified r = 0.6553 (4.1 s)". */
export interface InlineAnnotation {
  readonly line: number;
  readonly kind: AnnotationKind;
  readonly text: string;
  /** Plain-text hover for the decoration; the rich hover comes from the server's textDocument/hover. */
  readonly tooltip?: string;
}

/** Server → client notification: the complete set of inline annotations for a document (replaces the previous
 * set). Sent after a job starts or finishes, after edits shift or invalidate results, and on open (restored from
 * the results file). An empty list clears them. */
export namespace Annotations {
  export const method = 'invcert/annotations' as const;
  export const type = new NotificationType<Params>(method);
  export interface Params {
    readonly uri: string;
    readonly annotations: InlineAnnotation[];
  }
}

/** Client → server request: one stored record (for "copy as JSON"), or null. */
export namespace GetResult {
  export const method = 'invcert/getResult' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export type Params = QueryLocation;
  export type Result = ResultRecord | null;
}

export interface ResultSummary {
  readonly uri: string;
  readonly line: number;
  readonly queryText: string;
  readonly status: QueryStatus;
  readonly kind: QueryResult['query'];
  readonly message: string;
  /** The one-line verdict the server words for every view (same text as the inline annotation), e.g.
   * "✓ certified r = 0.6553 (4.1 s)". The client shows it as is. */
  readonly verdict: string;
  readonly seconds: number;
  readonly finishedAt: number;
  readonly stale: boolean;
}

/** One study (orbit, map) in the panel's list: how far it has got, and its one-line verdict. */
export interface StudySummary {
  readonly uri: string;
  readonly line: number;
  readonly queryText: string;
  readonly kind: StudySpec['kind'];
  /** Instances answered so far, and how many the statement expands to. */
  readonly done: number;
  readonly total: number;
  readonly running: boolean;
  /** Certified only when every instance is in and certified; error when one failed; otherwise unresolved. */
  readonly status: QueryStatus;
  /** e.g. "41 of 41 states: r_BL 0.0123 … 0.6553, 3 near the fold". Worded by the server, shown as is. */
  readonly verdict: string;
  readonly finishedAt: number;
  readonly stale: boolean;
}

/** Server → client notification: a study gained instances, started or stopped. The panel refreshes its list and,
 * when the study is shown, its plots (results stream in as they arrive). */
export namespace StudyProgress {
  export const method = 'invcert/studyProgress' as const;
  export const type = new NotificationType<Params>(method);
  export interface Params extends QueryLocation {
    readonly done: number;
    readonly total: number;
    readonly running: boolean;
  }
}

/** Client → server request: every result the server knows in the workspace (open documents plus every
 * results file in `.invcert/results/` of the workspace folders, or beside a query file not yet migrated), newest first. */
export namespace ListResults {
  export const method = 'invcert/listResults' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export type Params = Record<string, never>;
  export interface Result {
    readonly results: ResultSummary[];
    /** The studies, newest first (running ones included). */
    readonly studies?: StudySummary[];
  }
}

/** Client → server request: plot data for one stored result, or null when the line has no result.
 * Options let the panel ask for a finer fold curve or a longer orbit. */
export namespace GetPlotData {
  export const method = 'invcert/plotData' as const;
  export const type = new RequestType<Params, Result | null, void>(method);
  export interface Params extends QueryLocation {
    /** Fold-curve grid cells per axis (default 120, max 400). */
    readonly resolution?: number;
    /** Orbit length (default 0 = none, max 1000). */
    readonly orbitSteps?: number;
    /** 3 or more free inputs: the two (0-based among the free inputs) the slice runs along (default [0, 1]). */
    readonly sliceAxes?: readonly [number, number];
  }
  export interface Result {
    readonly record: ResultRecord;
    readonly plot: PlotData;
    /** What the query asks, in plain words ("local invertibility (BL)"), as the hover words it. */
    readonly question: string;
  }
}

/** Client → server request: one study's results (live or from its results file) and what the panel draws of them
 * (the orbit on the phase plane and its radius against k, or the radius map), or null when the line has none. */
export namespace GetStudyPlot {
  export const method = 'invcert/studyPlot' as const;
  export const type = new RequestType<Params, Result | null, void>(method);
  export interface Params extends QueryLocation {
    /** Fold-curve grid cells per axis (default 120, max 400). */
    readonly resolution?: number;
  }
  export interface Result {
    readonly study: StudyResults;
    readonly plot: StudyPlot;
    /** What the study asks, in plain words ("BL and PI radii along an orbit"). */
    readonly question: string;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Misc requests
// ---------------------------------------------------------------------------------------------------------------

/** Client → server request: write the exact MIP of a query (certify/radius/match) to `path` in LP or MPS format.
 * Runs as a job (progress, cancellable) and resolves when the file is written. */
export namespace ExportMip {
  export const method = 'invcert/exportMip' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params extends QueryLocation {
    readonly format: 'lp' | 'mps';
    /** Absolute file path to write. */
    readonly path: string;
    /** As in RunQuery.Params: model paths outside the workspace folder that the user allowed this session. */
    readonly allowOutsideWorkspace?: readonly string[];
  }
  export interface Result {
    readonly path: string;
    readonly bytes: number;
  }
}

/** Client → server request: a Markdown summary of a model (inputs, outputs, layers, ReLUs, fixed inputs), and its
 * input count and names for the quick inputs; "Show Model Summary" takes `path` from it to open the model viewer. Give either an absolute `path`, or {uri, model} to name a
 * `model` declared in an .invq document (then its `fix` lines apply). */
export namespace ModelSummary {
  export const method = 'invcert/modelSummary' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params {
    readonly path?: string;
    readonly uri?: string;
    readonly model?: string;
  }
  export interface Result {
    readonly markdown: string;
    /** The absolute path of the model file (resolved from the .invq document for {uri, model}). */
    readonly path?: string;
    /** Flattened input count of the whole network (before any fix), when the model loads. */
    readonly inputCount?: number;
    readonly outputCount?: number;
    /** One label per flattened input, e.g. ["x[0]", "x[1]", "x[2]"] (input tensor name + flat index). */
    readonly inputNames?: string[];
    /** SHA-256 of the file: with the path, the key under which the wizard remembers its answers for this model. */
    readonly hash?: string;
    /** The model's own input domain, when its ONNX metadata carries one (`invcert.domain`, e.g. "[0, 3] x [0, 4] x [2, 2.2]",
     * one interval per flattened input), as written there: the wizard parses it and offers it as the default domain. */
    readonly declaredDomain?: string;
  }
}

/** Client → server request: everything the model viewer shows about one .onnx file (interface, layers, operators
 * and whether each is supported), or the reader's typed refusal naming the node. Never fails for a model the reader
 * refuses: that is an answer (`refusal`); only a missing or unreadable file is a request error. */
export namespace ModelView {
  export const method = 'invcert/modelView' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params {
    /** Absolute path of the .onnx file. */
    readonly path: string;
  }
  export type Result = ModelViewData;
}

/** Client → server request: stable on / stable off / unstable ReLUs of every layer over a box, from the engine's
 * pre-activation bounds (computeBounds, as `invcert inspect --box` counts them). The box has one interval per
 * flattened input, 0-based; an interval lo = hi holds that input fixed. A box that does not fit is a request error
 * naming the input. */
export namespace NeuronStates {
  export const method = 'invcert/neuronStates' as const;
  export const type = new RequestType<Params, Result, void>(method);
  export interface Params {
    readonly path: string;
    readonly box: ReadonlyArray<readonly [number, number]>;
    readonly method: ViewerBoundMethod;
  }
  export type Result = NeuronStatesData;
}

/** Server → client notification, sent once before the server exits on an uncaught error, so the client can say
 * "the invq server crashed: <message>" instead of silently restart-looping. */
export namespace ServerCrashed {
  export const method = 'invcert/serverCrashed' as const;
  export const type = new NotificationType<Params>(method);
  export interface Params {
    readonly message: string;
    readonly stack?: string;
  }
}
