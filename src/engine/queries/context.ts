// What every query needs besides its own arguments: the state map, a solver, cancellation and progress.
import type { StateMap } from '../ir/network';
import type { MipProblem, SolveOptions, SolveResult } from '../solver/problem';
import type { EngineProgress } from '../../shared/querySpec';

/** Anything that solves a MipProblem; H2's SolverPool satisfies this structurally. */
export interface MipSolver {
  solve(problem: MipProblem, opts: SolveOptions): Promise<SolveResult>;
}

export interface QueryContext {
  /** The network restricted to its free inputs (fixed inputs folded into the first bias). */
  readonly state: StateMap;
  readonly solver: MipSolver;
  /** The original ONNX bytes, so witnesses can be re-evaluated in onnxruntime-web. Absent: float64 only. */
  readonly modelBytes?: Uint8Array;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: EngineProgress) => void;
  /** Per-MILP time limit in seconds (a query may run several). */
  readonly timeLimitSeconds?: number;
  /** Write the (last) exact MIP solved to this path in LP or MPS format. */
  readonly exportModel?: { readonly path: string; readonly format: 'lp' | 'mps' };
}
