// A solver-neutral MILP/LP in the layout HiGHS's persistent API takes (CSR rows, typed arrays).
// Plain data, so it crosses the worker boundary by structured clone.

export interface MipProblem {
  readonly numCols: number;
  readonly numRows: number;
  readonly sense: 'minimize' | 'maximize';
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR: row r's entries are aIndex/aValue[aStart[r] .. aStart[r+1]). */
  readonly aStart: Int32Array;
  readonly aIndex: Int32Array;
  readonly aValue: Float64Array;
  /** 1 marks an integer column; absent means a pure LP. */
  readonly integrality?: Uint8Array;
  /** Optional names, used only for LP/MPS export. */
  readonly colNames?: readonly string[];
  readonly rowNames?: readonly string[];
}

export interface SolveOptions {
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which HiGHS may stop (default 1e-6 for exactness). */
  readonly mipRelGap?: number;
  readonly mipAbsGap?: number;
  /**
   * false turns HiGHS presolve off. On the small big-M pair MILPs of the direct method presolve costs more than
   * it saves (measured: robot PI 47 → 25 CPU s, Brusselator BL 20 → 15 s); the paper's formulation keeps it.
   */
  readonly presolve?: boolean;
  /** Stop as soon as a feasible point is found (yes/no feasibility questions). */
  readonly stopAtFirstSolution?: boolean;
  /** Stop once the objective bound proves the optimum is below (max) / above (min) this value. */
  readonly objectiveBound?: number;
  /** A feasible (or partial) starting point, one value per column. */
  readonly initialSolution?: Float64Array;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: MipProgress) => void;
}

export interface MipProgress {
  readonly nodes: number;
  readonly incumbent: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  readonly seconds: number;
}

export type SolveStatus =
  | 'optimal'
  | 'infeasible'
  | 'unbounded'
  | 'timeLimit'
  | 'interrupted'
  | 'solutionLimit'
  | 'objectiveBound'
  | 'error';

export interface SolveResult {
  readonly status: SolveStatus;
  /** Best feasible objective (null when none was found). */
  readonly objective: number | null;
  /** Proven dual bound on the optimum (for LPs equal to objective). */
  readonly bound: number | null;
  readonly gap: number | null;
  readonly colValue: Float64Array | null;
  readonly nodes: number;
  readonly seconds: number;
  /** Raw HiGHS model status text, kept for logs. */
  readonly rawStatus: string;
}

/** Anything that solves a MipProblem: the worker-thread SolverPool (pool.ts) in production; typed structurally so queries do not depend on the pool's worker plumbing. */
export interface MipSolver {
  solve(problem: MipProblem, opts: SolveOptions): Promise<SolveResult>;
  /** LP / MPS text of a problem (for --export-lp / --export-mps). */
  exportModel?(problem: MipProblem, format: 'lp' | 'mps'): Promise<string>;
  /** Solver workers: independent MILPs of one query run this many at a time (absent = 1). */
  readonly size?: number;
}
