// Messages between the language server and its query worker thread.
import type { EngineProgress, QuerySpec } from '../../shared/querySpec';
import type { QueryResult, ResultWith, Witness } from '../../shared/results';
import type { NullSpaceNoteSpec } from '../../engine/queries/nullSpaceNote';

export interface ExportRequest {
  readonly path: string;
  readonly format: 'lp' | 'mps';
}

export type ToQueryWorker =
  | { readonly type: 'run'; readonly id: number; readonly spec: QuerySpec; readonly exportModel?: ExportRequest }
  /** The editor's note on a wide map: its null-space pair at the query's centre (nullSpaceNote.ts). */
  | { readonly type: 'nullSpacePair'; readonly id: number; readonly spec: NullSpaceNoteSpec }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'shutdown' };

export type FromQueryWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly progress: EngineProgress }
  /** The query's bounds so far (RunOptions.onPartial), kept by the server in case it must terminate the worker. */
  | { readonly type: 'partial'; readonly id: number; readonly partial: ResultWith<'unresolved' | 'counterexample'> }
  | { readonly type: 'done'; readonly id: number; readonly result: QueryResult }
  | { readonly type: 'pair'; readonly id: number; readonly witness: Witness | null }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string }
  /** `partial`: what the query had found when it was stopped ('unresolved', with its bounds). */
  | { readonly type: 'cancelled'; readonly id: number; readonly partial?: QueryResult };
