// One query from its spec to its QueryResult, on the resources of an engine (engine.ts, whose run() is the entry
// point for the CLI and the language server): loads the model(s), fixes inputs, runs the query.
// Errors: user-facing EngineErrors (bad model, unsupported operator, bad domain or argument, model too large,
// non-finite weight, shape mismatch) come back as status 'error' with { code, message }; Cancelled and
// SolverFailed are thrown (typed) so callers can tell "stopped" and "solver broke" from a user mistake.
import { readFile } from 'node:fs/promises';
import { Cancelled, EngineError, InvalidArgument, InvalidModel } from './errors';
import { fixInputs } from './ir/fixInputs';
import type { RestrictedNetwork } from './ir/network';
import { parseOnnx } from './onnx';
import { boxFromSpec } from './queries/box';
import { runCertify } from './queries/certify';
import type { CheckedModel, QuerySettings } from './queries/checkedModel';
import { queryContextFor, withCheckedModel } from './queries/checkedModel';
import { runRadius } from './queries/radius';
import { runPrune } from './prune/runPrune';
import type { SolverPool } from './solver';
import type { SplitWorkerPool } from './split/parallelPool';
import type { StudyReuse } from './studies/studyReuse';
import type { EngineProgress, ModelRef, QuerySpec } from '../shared/querySpec';
import type { QueryResult, ResultWith } from '../shared/results';
import { cancelledResult, errorResult } from './results/build';
import { runCheckedMatch } from './queries/matchRecheck';

/** What the caller of a query gives it: cancellation, progress and an export of the MIP. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: EngineProgress) => void;
  /**
   * Each time the query's bounds so far change (as QueryContext.onPartial): for a caller that may have to stop the
   * query by force (a query worker thread that does not answer a cancel in time) and still keep what it found.
   */
  readonly onPartial?: (partial: ResultWith<'unresolved' | 'counterexample'>) => void;
  /** Write the MIP solved (the last one, for multi-MILP queries) as LP or MPS. */
  readonly exportModel?: { readonly path: string; readonly format: 'lp' | 'mps' };
  /**
   * Work shared by the instances of one study (studies/studyReuse.ts): the caller creates it for the study, passes
   * it to each of the study's runs and disposes it with the study. The answers are those without it.
   */
  readonly reuse?: StudyReuse;
}

/** The engine's worker threads a query runs on; the solver pool is asked for once the model has loaded. */
export interface QueryResources {
  solver(): SolverPool;
  readonly splitWorkers: SplitWorkerPool;
}

/** Codes returned as status 'error' rather than thrown. */
const USER_FACING = new Set(['InvalidModel', 'UnsupportedOperator', 'ShapeMismatch', 'NonFiniteWeight', 'ModelTooLarge', 'InvalidDomain', 'InvalidArgument']);

export interface LoadedModel {
  readonly state: RestrictedNetwork;
  readonly bytes: Uint8Array;
}

export async function loadModelRef(ref: ModelRef): Promise<LoadedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(ref.path);
  } catch (e) {
    throw new InvalidModel(`cannot read the model file: ${e instanceof Error ? e.message : String(e)}`, { file: ref.path });
  }
  const net = parseOnnx(bytes, ref.path);
  return { state: fixInputs(net, new Map(ref.fixed)), bytes };
}

export async function dispatchQuery(spec: QuerySpec, run: RunOptions, resources: QueryResources): Promise<QueryResult> {
  const startedAt = Date.now();
  let partial: ResultWith<'unresolved' | 'counterexample'> | undefined;
  try {
    run.onProgress?.({ phase: 'load', message: 'loading the model' });
    const main = await loadModelRef(spec.kind === 'match' ? spec.modelA : spec.model);
    const solver = resources.solver();
    const settings: QuerySettings = {
      solver,
      splitWorkers: resources.splitWorkers,
      onPartial: (p) => { partial = p; run.onPartial?.(p); },
      lpBoundsPool: solver,
      ...(run.signal ? { signal: run.signal } : {}),
      ...(run.onProgress ? { onProgress: run.onProgress } : {}),
      ...(run.exportModel ? { exportModel: run.exportModel } : {}),
      ...(run.reuse ? { reuse: run.reuse } : {}),
      ...('timeLimitSeconds' in spec && spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}),
      ...(spec.budgetSeconds !== undefined ? { deadlineAt: startedAt + budgetMilliseconds(spec.budgetSeconds) } : {}),
    };
    return await withCheckedModel(main.state, main.bytes, (model) => dispatch(spec, settings, model));
  } catch (e) {
    if (e instanceof EngineError && USER_FACING.has(e.code)) return errorResult(spec, e.code, e.describe(), (Date.now() - startedAt) / 1000);
    if (e instanceof Cancelled) e.partial = cancelledResult(spec, partial, (Date.now() - startedAt) / 1000);
    throw e;
  }
}

/** Runs `spec` on its (first) model; its onnxruntime-web session, and a match's second one, are released by withCheckedModel. */
async function dispatch(spec: QuerySpec, settings: QuerySettings, main: CheckedModel): Promise<QueryResult> {
  const qctx = queryContextFor(settings, main);
  const free = main.state.freeIndices.length;
  const center = (c: readonly number[]): Float64Array => {
    if (c.length !== free) throw new InvalidArgument(`--center has ${c.length} values but the model has ${free} free inputs (inputs ${main.state.freeIndices.join(', ')})`);
    if (!c.every(Number.isFinite)) throw new InvalidArgument('--center values must be finite numbers');
    return Float64Array.from(c);
  };
  switch (spec.kind) {
    case 'certify':
      return runCertify(qctx, {
        query: spec.query, center: center(spec.center), radius: spec.radius, norm: spec.norm, ...(spec.method ? { method: spec.method } : {}),
        ...(spec.domain ? { domain: boxFromSpec(spec.domain) } : {}),
      });
    case 'radius':
      return runRadius(qctx, {
        query: spec.query, center: center(spec.center), norm: spec.norm,
        ...(spec.method ? { method: spec.method } : {}), ...(spec.tolerance !== undefined ? { tolerance: spec.tolerance } : {}),
        ...(spec.domain ? { domain: boxFromSpec(spec.domain) } : {}),
      });
    case 'match': {
      const other = await loadModelRef(spec.modelB);
      if (spec.norm !== 'inf') throw new InvalidArgument('match compares outputs in the L∞ norm only: use --norm inf');
      return withCheckedModel(other.state, other.bytes, (b) => runCheckedMatch(settings, { kind: spec.query, box: boxFromSpec(spec.domain), ...(spec.method ? { method: spec.method } : {}) }, main, b));
    }
    case 'prune':
      return runPrune(settings, main, {
        levels: spec.levels, outDir: spec.outDir, box: boxFromSpec(spec.domain), norm: spec.norm,
        ...(spec.center ? { center: center(spec.center) } : {}), ...(spec.method ? { method: spec.method } : {}),
      });
    default: {
      // A new QuerySpec kind that is not dispatched here fails to compile; at run time (a spec from an older
      // client) it is a typed error, not a crash.
      const unhandled: never = spec;
      throw new InvalidArgument(`unknown query kind ${JSON.stringify((unhandled as { kind?: unknown }).kind)}`);
    }
  }
}

function budgetMilliseconds(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgument(`the time budget must be a positive number of seconds, got ${seconds}`);
  return seconds * 1000;
}

