// Messages between the SolverPool (main thread) and one HiGHS worker. Plain data: structured clone only.
import type { MipProblem, MipProgress, SolveResult } from './problem';

/** What crosses into the worker from SolveOptions (the signal and callback stay on the main side). */
export interface WorkerSolveOptions {
  readonly timeLimitSeconds?: number;
  readonly mipRelGap?: number;
  readonly mipAbsGap?: number;
  readonly stopAtFirstSolution?: boolean;
  readonly presolve?: boolean;
  readonly objectiveBound?: number;
  readonly initialSolution?: Float64Array;
  /** Whether the main side wants MipProgress messages. */
  readonly wantProgress: boolean;
}

export interface BoundColumnsOptions {
  /** Budget for the whole batch (all LPs together), in seconds. */
  readonly timeLimitSeconds?: number;
  readonly wantProgress: boolean;
}

export type ToWorker =
  | { readonly type: 'solve'; readonly id: number; readonly problem: MipProblem; readonly options: WorkerSolveOptions }
  | {
      readonly type: 'boundColumns';
      readonly id: number;
      /** An LP; its objective is ignored and replaced by ±column per target. */
      readonly problem: MipProblem;
      readonly columns: Int32Array;
      readonly options: BoundColumnsOptions;
    }
  | { readonly type: 'export'; readonly id: number; readonly problem: MipProblem; readonly format: 'lp' | 'mps' };

/** min/max of each requested column over the LP; NaN where HiGHS did not prove an optimum. */
export interface ColumnBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly lps: number;
  readonly seconds: number;
}

export interface WorkerErrorInfo {
  readonly code: 'SolverFailed' | 'Cancelled' | 'InvalidArgument';
  readonly message: string;
  readonly rawStatus?: string;
  /** A WebAssembly RuntimeError (or similar): the worker's heap may be corrupt, so it must be recycled. */
  readonly fatal: boolean;
}

export type FromWorker =
  | { readonly type: 'ready'; readonly highsVersion: string }
  | { readonly type: 'progress'; readonly id: number; readonly progress: MipProgress }
  | { readonly type: 'batchProgress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'solved'; readonly id: number; readonly result: SolveResult }
  | { readonly type: 'bounded'; readonly id: number; readonly bounds: ColumnBounds }
  | { readonly type: 'exported'; readonly id: number; readonly text: string }
  | { readonly type: 'failed'; readonly id: number; readonly error: WorkerErrorInfo }
  | { readonly type: 'startupFailed'; readonly message: string };

/** Index of the interrupt flag in the shared Int32Array: 1 = stop the current job. */
export const INTERRUPT_FLAG = 0;
