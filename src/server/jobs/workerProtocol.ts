// Messages between the language server and its query worker thread.
import type { EngineProgress, QuerySpec } from '../../shared/querySpec';
import type { QueryResult, ResultWith, Witness } from '../../shared/results';
import type { NullSpaceNoteSpec } from '../../engine/queries/nullSpaceNote';
import type { BatchPlan } from '../studies/plan';
import type { FinishedInstance } from '../studies/store';

export interface ExportRequest {
  readonly path: string;
  readonly format: 'lp' | 'mps';
}

export type ToQueryWorker =
  | { readonly type: 'run'; readonly id: number; readonly spec: QuerySpec; readonly exportModel?: ExportRequest }
  /** The editor's note on a wide map: its null-space pair at the query's centre (nullSpaceNote.ts). */
  | { readonly type: 'nullSpacePair'; readonly id: number; readonly spec: NullSpaceNoteSpec }
  /** A study's instances, one at a time, each written to the batch folder `dir` as it finishes; finished ones skipped. */
  | { readonly type: 'runStudy'; readonly id: number; readonly plan: BatchPlan; readonly dir: string }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'shutdown' };

export type FromQueryWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly progress: EngineProgress }
  /** The query's bounds so far (RunOptions.onPartial), kept by the server in case it must terminate the worker. */
  | { readonly type: 'partial'; readonly id: number; readonly partial: ResultWith<'unresolved' | 'counterexample'> }
  | { readonly type: 'done'; readonly id: number; readonly result: QueryResult }
  /** A study's instance, written; `done` of `total` of the study are finished now. */
  | { readonly type: 'instance'; readonly id: number; readonly instance: FinishedInstance; readonly done: number; readonly total: number }
  | { readonly type: 'studyDone'; readonly id: number; readonly ran: number; readonly skipped: number }
  | { readonly type: 'pair'; readonly id: number; readonly witness: Witness | null }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string }
  /** `partial`: what the query had found when it was stopped ('unresolved', with its bounds). */
  | { readonly type: 'cancelled'; readonly id: number; readonly partial?: QueryResult };
