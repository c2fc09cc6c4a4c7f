// Messages between certifyInParallel (main side) and its pooled split workers. Plain data: structured clone,
// except the per-search SharedArrayBuffer (stop flag + pair counter), which is shared, not copied.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import type { CellFrame, SplitOptions, SplitStats, SplitStatus } from './types';
import { INTERRUPT_FLAG } from '../solver/protocol';

/** Shared Int32Array slot: 1 = stop (a collision was found, or the caller cancelled). Doubles as HiGHS's interrupt flag. */
export const PARALLEL_STOP = INTERRUPT_FLAG;
/** Shared Int32Array slot: the next unclaimed initial pair (dynamic schedule) or the highest claimed (static). */
export const PARALLEL_NEXT_PAIR = 1;
export const PARALLEL_SHARED_SLOTS = 2;

/** 'queue': a shared counter hands out pairs as workers get free; 'strided': worker k takes pairs ≡ k (mod n). */
export type ParallelSchedule = NonNullable<SplitOptions['workerSchedule']>;

/** The numeric part of SplitOptions (no solver, signal or callbacks: those stay on the main side). */
export interface WorkerSplitOptions {
  readonly gridPerDim: number;
  readonly maxDepth: number;
  readonly epsilon: number;
  readonly maxEnumerate: number;
  readonly milpTimeLimitSeconds: number;
  readonly deadlineSeconds?: number;
}

export interface SplitJob {
  readonly type: 'certify';
  readonly id: number;
  /** PARALLEL_SHARED_SLOTS Int32 slots, shared by every worker of one search. */
  readonly shared: SharedArrayBuffer;
  readonly net: Network;
  readonly box: Box;
  readonly options: WorkerSplitOptions;
  readonly schedule: ParallelSchedule;
  /** This worker's index and the number of workers (strided schedule). */
  readonly index: number;
  readonly count: number;
  /** A radius search's cells and settled pairs (certifyInjectiveOnBox's frame). */
  readonly frame?: CellFrame;
}

export type FromSplitWorker =
  | { readonly type: 'screened'; readonly id: number; readonly pairs: number }
  | {
      readonly type: 'done';
      readonly id: number;
      readonly status: SplitStatus;
      /** Set when this worker stopped because the search was settled elsewhere. */
      readonly stopped: boolean;
      readonly x?: Float64Array;
      readonly y?: Float64Array;
      readonly reason?: string;
      readonly stats: SplitStats;
      /** With a frame: the pairs this worker proved clear (SplitOutcome.settled). */
      readonly settled?: readonly number[];
      /** Initial pairs this worker claimed. */
      readonly claimed: number;
      /** CPU seconds this worker thread spent on the job, where the platform tells (Linux). */
      readonly cpuSeconds?: number;
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
