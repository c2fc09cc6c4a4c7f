// Messages between the language server and its query worker thread.
import type { EngineProgress, QuerySpec } from '../../shared/querySpec';
import type { QueryResult } from '../../shared/results';

export interface ExportRequest {
  readonly path: string;
  readonly format: 'lp' | 'mps';
}

export type ToQueryWorker =
  | { readonly type: 'run'; readonly id: number; readonly spec: QuerySpec; readonly exportModel?: ExportRequest }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'shutdown' };

export type FromQueryWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly progress: EngineProgress }
  | { readonly type: 'done'; readonly id: number; readonly result: QueryResult }
  | { readonly type: 'failed'; readonly id: number; readonly code: string; readonly message: string }
  /** `partial`: what the query had found when it was stopped ('unresolved', with its bounds). */
  | { readonly type: 'cancelled'; readonly id: number; readonly partial?: QueryResult };
