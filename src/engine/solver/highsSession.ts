// One loaded HiGHS runtime and the jobs it runs: a MIP/LP solve, a batch of column-bound LPs, a model export.
// Runs inside the solver worker (it blocks its thread); plain functions so it can also be exercised directly.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Highs, HighsCallbackMap, InitOptions, Model, ModelData } from 'highs';
import type { MipProblem, MipProgress, SolveResult } from './problem';
import type { BoundColumnsOptions, ColumnBounds, WorkerSolveOptions } from './protocol';
import { INTERRUPT_FLAG } from './protocol';
import { modelStatusName, toSolveStatus } from './statusMap';

/** Minimum wall time between two progress messages (improving solutions included). */
const PROGRESS_INTERVAL_MS = 200;

/** Column-bound LPs with more nonzeros than this poll the interrupt flag inside the simplex too. */
const LARGE_LP_NONZEROS = 20_000;

export class SolverJobError extends Error {
  constructor(message: string, readonly rawStatus: string) { super(message); }
}
export class JobInterrupted extends Error {}

// require(), not import: bundlers then pick the package's CommonJS build, whose loader finds highs.wasm via
// __dirname. (Its ESM build needs import.meta.url, which a CommonJS bundle does not have.)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadHighs = (require('highs') as { default: (o?: InitOptions) => Promise<Highs> }).default;

export async function loadHighsRuntime(): Promise<Highs> {
  // Bundled: highs.wasm sits beside dist/solverWorker.js. From sources: the package finds its own copy.
  const local = join(__dirname, 'highs.wasm');
  return existsSync(local) ? loadHighs({ locateFile: (f: string) => join(__dirname, f) }) : loadHighs();
}

export class HighsSession {
  constructor(private readonly highs: Highs, private readonly interrupt: Int32Array) {}

  /** Solves a tiny MIP so the first real job does not pay for lazy WASM initialisation; returns the HiGHS version. */
  warmUpAndVersion(): string {
    const p: MipProblem = {
      numCols: 2, numRows: 1, sense: 'maximize', offset: 0,
      colCost: Float64Array.of(1, 1), colLower: Float64Array.of(0, 0), colUpper: Float64Array.of(3, 3),
      rowLower: Float64Array.of(-Infinity), rowUpper: Float64Array.of(4.5),
      aStart: Int32Array.of(0, 2), aIndex: Int32Array.of(0, 1), aValue: Float64Array.of(1, 2),
      integrality: Uint8Array.of(1, 1),
    };
    this.solve(p, { wantProgress: false }, () => undefined);
    return this.highs.version.string;
  }

  solve(problem: MipProblem, o: WorkerSolveOptions, onProgress: (p: MipProgress) => void): SolveResult {
    // HiGHS applies objective_bound as a cutoff on the minimisation form only, so a maximisation with a bound is
    // solved as min −f and the results are negated back.
    const flip = o.objectiveBound !== undefined && problem.sense === 'maximize';
    const posed: MipProblem = flip
      ? { ...problem, sense: 'minimize', offset: -problem.offset, colCost: problem.colCost.map((c) => -c) }
      : problem;
    const model = this.highs.createModel(this.toModelData(posed, false));
    try {
      const isMip = problem.integrality?.some((v) => v === 1) ?? false;
      model.options.set({ output_flag: false, mip_rel_gap: o.mipRelGap ?? 1e-6 });
      if (o.mipAbsGap !== undefined) model.options.set('mip_abs_gap', o.mipAbsGap);
      if (o.timeLimitSeconds !== undefined) model.options.set('time_limit', Math.max(o.timeLimitSeconds, 0));
      if (o.stopAtFirstSolution) model.options.set('mip_max_improving_sols', 1);
      if (o.presolve === false) model.options.set('presolve', 'off');
      if (o.objectiveBound !== undefined) model.options.set('objective_bound', flip ? -o.objectiveBound : o.objectiveBound);
      if (o.initialSolution) model.setSolution({ colValue: o.initialSolution });
      const sign = flip ? -1 : 1;
      const progress = o.wantProgress
        ? (p: MipProgress): void => onProgress(flip ? { ...p, incumbent: neg(p.incumbent), bound: neg(p.bound) } : p)
        : undefined;
      let code = this.run(model, progress);
      if (code === 9) {
        // Presolve could not tell infeasible from unbounded: ask the plain solver.
        model.options.set('presolve', 'off');
        code = this.run(model, undefined);
      }
      let status = toSolveStatus(code);
      if (status === null) throw new SolverJobError(`HiGHS ended with model status '${modelStatusName(code)}'`, modelStatusName(code));
      // With a cutoff, "infeasible" means no point beats the bound (which is what the caller asked).
      if (status === 'infeasible' && o.objectiveBound !== undefined) status = 'objectiveBound';
      const r = this.readResult(model, status, code, isMip);
      return sign === 1 ? r : { ...r, objective: neg(r.objective), bound: neg(r.bound) };
    } finally {
      model.dispose();
    }
  }

  /** min and max of each target column over the LP, one model reused: only the objective changes. */
  boundColumns(problem: MipProblem, columns: Int32Array, o: BoundColumnsOptions, onBatch: (done: number) => void): ColumnBounds {
    const model = this.highs.createModel(this.toModelData({ ...problem, sense: 'minimize', offset: 0, colCost: new Float64Array(problem.numCols) }, false));
    const lower = new Float64Array(columns.length).fill(Number.NaN);
    const upper = new Float64Array(columns.length).fill(Number.NaN);
    const started = Date.now();
    let lps = 0;
    let lastReport = started;
    const cooperative = problem.aIndex.length > LARGE_LP_NONZEROS;
    try {
      // Presolve off: each LP differs only in its objective, so the previous optimal basis is a warm start.
      model.options.set({ output_flag: false, presolve: 'off' });
      if (o.timeLimitSeconds !== undefined) model.options.set('time_limit', Math.max(o.timeLimitSeconds, 0));
      for (let k = 0; k < columns.length; k++) {
        const col = columns[k];
        // Keep the sense fixed and flip the cost instead: a sense change would discard the warm basis.
        for (const sign of [1, -1]) {
          if (Atomics.load(this.interrupt, INTERRUPT_FLAG) !== 0) throw new JobInterrupted();
          model.changeColCost(col, sign);
          // Small LPs take milliseconds: poll the flag between them and skip the per-iteration callback cost.
          // Large ones (big networks) must stay interruptible mid-LP.
          const code = cooperative ? this.run(model, undefined) : model.run().modelStatus;
          lps++;
          if (code === 17) throw new JobInterrupted();
          if (code === 13) return { lower, upper, lps, seconds: (Date.now() - started) / 1000 };
          if (code !== 7) continue; // leave NaN: the caller keeps its previous bound
          const v = model.getObjectiveValue();
          if (sign === 1) lower[k] = v; else upper[k] = -v;
        }
        model.changeColCost(col, 0);
        const now = Date.now();
        if (o.wantProgress && now - lastReport >= PROGRESS_INTERVAL_MS) { lastReport = now; onBatch(k + 1); }
      }
      return { lower, upper, lps, seconds: (Date.now() - started) / 1000 };
    } finally {
      model.dispose();
    }
  }

  exportModel(problem: MipProblem, format: 'lp' | 'mps'): string {
    const model = this.highs.createModel(this.toModelData(problem, true));
    try {
      return format === 'lp' ? model.exportModel('lp') : new TextDecoder().decode(model.exportModel('mps'));
    } finally {
      model.dispose();
    }
  }

  /** Runs with interrupt polling (and progress when asked); returns the raw model status code. */
  private run(model: Model, onProgress: ((p: MipProgress) => void) | undefined): number {
    const flag = this.interrupt;
    const types = this.highs.constants.callbackType;
    let lastReport = 0;
    const report = (d: { mip_node_count?: bigint; mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number; running_time?: number }, force: boolean): void => {
      if (!onProgress) return;
      const now = Date.now();
      if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = now;
      onProgress({
        nodes: Number(d.mip_node_count ?? 0n),
        incumbent: finiteOrNull(d.mip_primal_bound),
        bound: finiteOrNull(d.mip_dual_bound),
        gap: finiteOrNull(d.mip_gap),
        seconds: d.running_time ?? 0,
      });
    };
    const stopIfAsked = (e: { interrupt(): void }): undefined => {
      if (Atomics.load(flag, INTERRUPT_FLAG) !== 0) e.interrupt();
      return undefined;
    };
    const callbacks: HighsCallbackMap = {
      [types.simplexInterrupt]: stopIfAsked,
      [types.ipmInterrupt]: stopIfAsked,
      [types.mipInterrupt]: (e) => { report(e.data, false); return stopIfAsked(e); },
      ...(onProgress ? { [types.mipImprovingSolution]: (e) => { report(e.data, true); return undefined; } } : {}),
    };
    return model.run(callbacks).modelStatus;
  }

  private readResult(model: Model, status: SolveResult['status'], code: number, isMip: boolean): SolveResult {
    const hasPrimal = Number(model.info.get('primal_solution_status')) === this.highs.constants.solutionStatus.feasible;
    const objective = hasPrimal ? model.getObjectiveValue() : null;
    let bound: number | null;
    let gap: number | null;
    let nodes = 0;
    if (isMip) {
      bound = finiteOrNull(Number(model.info.get('mip_dual_bound')));
      gap = objective === null ? null : finiteOrNull(Number(model.info.get('mip_gap')));
      nodes = Number(model.info.get('mip_node_count'));
    } else {
      bound = status === 'optimal' ? objective : null;
      gap = status === 'optimal' ? 0 : null;
    }
    return {
      status, objective, bound, gap,
      colValue: hasPrimal ? model.getSolution().colValue : null,
      nodes, seconds: model.getRunTime(), rawStatus: modelStatusName(code),
    };
  }

  private toModelData(p: MipProblem, withNames: boolean): ModelData {
    const { objectiveSense } = this.highs.constants;
    return {
      numCols: p.numCols,
      numRows: p.numRows,
      sense: p.sense === 'maximize' ? objectiveSense.maximize : objectiveSense.minimize,
      offset: p.offset,
      colCost: p.colCost,
      colLower: p.colLower,
      colUpper: p.colUpper,
      rowLower: p.rowLower,
      rowUpper: p.rowUpper,
      matrix: { format: 'csr', numRows: p.numRows, numCols: p.numCols, starts: p.aStart, indices: p.aIndex, values: p.aValue },
      ...(p.integrality?.some((v) => v === 1) ? { integrality: Int32Array.from(p.integrality) } : {}),
      ...(withNames && p.colNames?.length === p.numCols ? { colNames: p.colNames } : {}),
      ...(withNames && p.rowNames?.length === p.numRows ? { rowNames: p.rowNames } : {}),
    };
  }
}

function neg(v: number | null): number | null {
  return v === null ? null : -v;
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}
