// What every query needs besides its own arguments: the network restricted to its free inputs, a solver (and the split
// path's worker threads), cancellation and progress.
import type { RestrictedNetwork } from '../ir/network';
import type { ColumnBounder } from '../bounds';
import type { MipSolver } from '../solver/problem';
import type { SplitWorkerPool } from '../split/parallelPool';
import type { BoundsMemo } from './boundsMemo';
import type { StudyReuse } from '../studies/studyReuse';
import type { EngineProgress } from '../../shared/querySpec';
import type { ResultWith } from '../../shared/results';

export interface QueryContext {
  /** The network restricted to its free inputs (fixed inputs folded into the first bias). */
  readonly state: RestrictedNetwork;
  readonly solver: MipSolver;
  /** Warm worker threads the split path shares its pairs among (the engine's); absent = the split path runs serially. */
  readonly splitWorkers?: SplitWorkerPool;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: EngineProgress) => void;
  /** Per-MILP time limit in seconds (a query may run several). */
  readonly timeLimitSeconds?: number;
  /** Whole-query budget: the Date.now() instant after which no MILP starts and running ones stop (→ unresolved). */
  readonly deadlineAt?: number;
  /** Write the (last) exact MIP solved to this path in LP or MPS format. */
  readonly exportModel?: { readonly path: string; readonly format: 'lp' | 'mps' };
  /**
   * Re-evaluates a full input vector of `state`'s model in onnxruntime-web; absent = float64 checks only (stated in
   * checkedBy). Build contexts with queryContextFor (checkedModel.ts), which keeps the two from the same file.
   */
  readonly ortEvaluate?: (fullInput: Float64Array) => Promise<Float64Array>;
  /**
   * The bounds found so far, as an 'unresolved' result, each time a long query (radius search, prune sweep) tightens
   * them, or a verified pair as a counterexample (certify --method direct/paper before its maximisation). dispatchQuery
   * keeps the last one and hands it out with the Cancelled error, so a cancel keeps what was found.
   */
  readonly onPartial?: (partial: ResultWith<'unresolved' | 'counterexample'>) => void;
  /** Runs the LPs of big-M bounds by method 'lp' (OBBT; the SolverPool). Absent: big-M bounds by interval arithmetic. */
  readonly lpBoundsPool?: ColumnBounder;
  /** Bounds already computed for this query, by network, box and method (a pruning sweep's original network). */
  readonly boundsMemo?: BoundsMemo;
  /** What the instances of one study share (fold-free cells of its domain), kept by the study's caller; absent = none. */
  readonly reuse?: StudyReuse;
}
