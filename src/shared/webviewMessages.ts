// Messages between the extension (src/client/panel) and the results panel (src/webview). Types only.
// Both sides import this file; each direction is a readonly discriminated union on `type`.
import type { PlotData, StudyPlot } from './plotData';
import type { ResultRecord } from './protocol';
import type { StudyResults } from './studies';
import type { QueryKind, QueryStatus } from './results';

/** Where a query's result stands. `stale`: a model changed since the result was computed. */
export type EntryState = 'done' | 'running' | 'queued' | 'stale';

/** One query of one .invq file, as the panel lists it (a stored result, a running job, or both). */
export interface PanelEntry {
  /** Stable key: `${uri}#${line}`. */
  readonly key: string;
  readonly uri: string;
  /** Workspace-relative path of the .invq file, for display. */
  readonly file: string;
  /** 0-based line of the query in its file. */
  readonly line: number;
  /** The query line as written, e.g. "radius bl brus at P1 norm inf". */
  readonly queryText: string;
  /** Model name(s) the query uses, e.g. "brus" or "full vs pruned". */
  readonly model: string;
  /** Query kind for display, e.g. "radius bl", "match discrepancy". */
  readonly query: string;
  readonly state: EntryState;
  /** Result status; absent while the first run of a query is still going. */
  readonly status?: QueryStatus;
  readonly kind?: QueryKind;
  /** One-line verdict, e.g. "✓ certified r = 0.6553 (4.1 s)". */
  readonly verdict: string;
  readonly seconds?: number;
  /** Epoch milliseconds. */
  readonly finishedAt?: number;
  /** Set while a job runs for this query (running or queued). */
  readonly jobId?: string;
  /** Progress text while running, e.g. "mip: gap 12%". */
  readonly progress?: string;
  /** Set for a study line (orbit, map): its instances answered so far, of how many. */
  readonly study?: { readonly kind: StudyResults['study']['kind']; readonly done: number; readonly total: number };
}

/** What the detail view shows for the selected entry: the stored record and the plot data the server computed. */
export interface DetailData {
  readonly key: string;
  readonly record?: ResultRecord;
  readonly plot?: PlotData;
  /** Why there is nothing to plot (no result yet, server error); shown in the view, never as a pop-up. */
  readonly note?: string;
  /** What the query asks, in plain words ("local invertibility (BL)"), from the server. */
  readonly question?: string;
  /** A study line: its instances so far and what the panel draws of them (GetStudyPlot). */
  readonly study?: { readonly results: StudyResults; readonly plot: StudyPlot };
}

/** How the panel asks to view the selected result: an orbit in the phase plane, the slice's axes for 3+ inputs. */
export interface ViewOptions {
  /** Orbit of F from the centre in the phase plane (0 = none). */
  readonly orbitSteps?: number;
  /** 3 or more free inputs: the two (0-based among the free inputs) the slice runs along. */
  readonly sliceAxes?: readonly [number, number];
}

/** A figure the panel drew, to be saved where the user chooses: SVG as text, PNG as base64. */
export interface SavedFigure {
  readonly format: 'svg' | 'png';
  readonly data: string;
  /** Suggested file name without extension, e.g. "brusselator_param-line-3". */
  readonly name: string;
}

/** A study's numbers to be saved where the user chooses: CSV (one row per instance) or JSON (the study as stored). */
export interface SavedData {
  readonly format: 'csv' | 'json';
  readonly data: string;
  /** Suggested file name without extension, e.g. "F-map-line-7". */
  readonly name: string;
}

export type FilterName = 'all' | 'certified' | 'counterexample' | 'unresolved' | 'matching';

/** The state the panel starts from; serialized into an escaped data- attribute of the HTML. */
export interface PanelInitialState {
  readonly entries: readonly PanelEntry[];
  readonly selected?: string;
  readonly filter?: FilterName;
}

/** Extension → webview. */
export type ToWebview =
  | { readonly type: 'entries'; readonly entries: readonly PanelEntry[] }
  | { readonly type: 'select'; readonly key: string }
  | { readonly type: 'detail'; readonly detail: DetailData };

/** Webview → extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  /** Show the query in its file; `focus` moves the keyboard focus to the editor (otherwise it stays in the panel). */
  | { readonly type: 'reveal'; readonly key: string; readonly focus?: boolean }
  /** The user selected an entry, or changed how to view it (orbit, slice axes). */
  | ({ readonly type: 'selected'; readonly key: string } & ViewOptions)
  /** Save the figure on screen: the extension asks where (showSaveDialog) and writes it. */
  | { readonly type: 'saveFigure'; readonly figure: SavedFigure }
  /** Export a study's numbers: the extension asks where (showSaveDialog) and writes them. */
  | { readonly type: 'saveData'; readonly file: SavedData }
  | { readonly type: 'cancel'; readonly jobId: string }
  | { readonly type: 'run'; readonly key: string }
  | { readonly type: 'copyJson'; readonly key: string }
  | { readonly type: 'filter'; readonly filter: FilterName }
  /** Sent after each render, so tests can assert what the panel actually shows. */
  | { readonly type: 'rendered'; readonly entryCount: number; readonly visibleCount: number; readonly selected?: string; readonly detail?: string };
