// Options, statistics and outcomes of the split (input-splitting + Jacobian certificate) path.
import type { MipSolver } from '../solver/problem';
import type { Box } from '../bounds/types';
import type { Collision } from './collision';
import type { ProgressDetail } from '../../shared/querySpec';

export interface SplitOptions {
  /** Cells per dimension of the initial grid (perf-notes: 16 in 2-D). */
  readonly gridPerDim: number;
  /** Maximum number of halvings along one pair before a leaf MILP. */
  readonly maxDepth: number;
  /** Separation floor: pairs with ‖x − y‖∞ < ε are not collisions. */
  readonly epsilon: number;
  /** Enumerate 2^k pattern Jacobians up to this k; above it use the interval Jacobian. */
  readonly maxEnumerate: number;
  readonly solver?: MipSolver;
  /** Per leaf MILP, seconds. */
  readonly milpTimeLimitSeconds: number;
  /** Wall-clock budget for the whole search (seconds); past it remaining pairs are unresolved. */
  readonly deadlineSeconds?: number;
  readonly signal?: AbortSignal;
  /** The message goes to the log; `detail` (a bracket, the work left) is what the progress a person reads is made of. */
  readonly onProgress?: (message: string, fraction?: number, detail?: ProgressDetail) => void;
  /**
   * Worker threads sharing the pairs of certifyInjectiveOnBox (each with its own HiGHS), taken from the pool it is
   * given (SearchThreads); 1, absent or no pool = serial.
   */
  readonly workers?: number;
  /** How the workers share the pairs: a shared queue (default) or strided (worker k takes pairs ≡ k mod n). */
  readonly workerSchedule?: 'queue' | 'strided';
}

export const DEFAULT_SPLIT_OPTIONS: Omit<SplitOptions, 'epsilon'> = {
  gridPerDim: 16,
  maxDepth: 8,
  maxEnumerate: 9,
  milpTimeLimitSeconds: 20,
};

export interface SplitStats {
  cells: number;
  pairsScreened: number;
  pairsSurvived: number;
  /** Initial pairs not screened again: settled at an earlier radius of the same radius search (CellFrame). */
  pairsReused: number;
  /** Pairs whose output boxes overlap but whose images a slanted direction separates (imageSeparation.ts). */
  pairsSeparated: number;
  boundsComputed: number;
  certificates: number;
  certificateAttempts: number;
  /** Leaf pairs proved clear by their linear pieces (pieceLeaf.ts), without a MILP. */
  pieceLeaves: number;
  leafMilps: number;
  milpNodes: number;
  milpSeconds: number;
  binaries: number;
  unresolvedLeaves: number;
  seconds: number;
}

export function emptyStats(): SplitStats {
  return {
    cells: 0, pairsScreened: 0, pairsSurvived: 0, pairsReused: 0, pairsSeparated: 0, boundsComputed: 0, certificates: 0, certificateAttempts: 0,
    pieceLeaves: 0, leafMilps: 0, milpNodes: 0, milpSeconds: 0, binaries: 0, unresolvedLeaves: 0, seconds: 0,
  };
}

export function addStats(into: SplitStats, s: SplitStats): void {
  for (const k of Object.keys(into) as Array<keyof SplitStats>) into[k] += s[k];
}

export type SplitStatus = 'injective' | 'collision' | 'unresolved';

export interface SplitOutcome {
  readonly status: SplitStatus;
  /** A verified collision (float64 forward pass), when status = 'collision'. */
  readonly collision?: Collision;
  /** Why it is unresolved (leaf MILP timed out, no solver, deadline). */
  readonly reason?: string;
  readonly stats: SplitStats;
  /**
   * With a CellFrame and a status other than 'injective' (which settles every pair): the pairs (codes
   * i · cells + j) this run proved clear, by the screen or to the last sub-pair.
   */
  readonly settled?: readonly number[];
}

/**
 * The initial cells of one certification inside a radius search, instead of a fresh grid of the box: the cells
 * of the search's one grid cut to this box (radiusFrame.ts), and which of their pairs are settled already.
 */
export interface CellFrame {
  /** Per grid cell, its part inside the certified box, or null when it lies outside. */
  readonly cells: ReadonlyArray<Box | null>;
  /** 1 at i · cells.length + j (i ≤ j) when that pair was proved clear for this box before: it is skipped. */
  readonly settled: Uint8Array;
}

/** A question the split path answers: one certification on a box, or a radius search around a centre. */
export type LowDimRequest =
  | {
      readonly kind: 'certify';
      readonly query: 'bl' | 'pi';
      /** Free inputs only, length = ctx.state.net.inputSize. */
      readonly center: Float64Array;
      readonly radius: number;
      /** The box actually certified: B∞(center, radius) ∩ domain. */
      readonly box: Box;
      /** Separation floor: pairs closer than this in L∞ are not counted as collisions. */
      readonly epsilon: number;
      /** Objective tolerance under which an optimum counts as zero. */
      readonly tolerance: number;
    }
  | {
      readonly kind: 'radius';
      readonly query: 'bl' | 'pi';
      readonly center: Float64Array;
      /** The radius is capped at this domain (free inputs). */
      readonly domain: Box;
      /** Bisection/reporting tolerance on the radius (default 1e-3). */
      readonly tolerance: number;
      readonly epsilon: number;
    };
