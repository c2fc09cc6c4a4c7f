// The engine facade: one entry point for the CLI and the language server.
// runQuery(spec, ctx) loads the model(s), fixes inputs, runs the query and returns a QueryResult.
// Errors: user-facing EngineErrors (bad model, unsupported operator, bad domain or argument, model too large,
// non-finite weight, shape mismatch) come back as status 'error' with { code, message }; Cancelled and
// SolverFailed are thrown (typed) so callers can tell "stopped" and "solver broke" from a user mistake.
import { readFile } from 'node:fs/promises';
import { EngineError, InvalidArgument, InvalidModel } from './errors';
import { fixInputs } from './ir/fixInputs';
import type { StateMap } from './ir/network';
import { parseOnnx } from './onnx';
import { boxFromSpec } from './queries/box';
import { runCertify } from './queries/certify';
import type { QueryContext } from './queries/context';
import { runMatch } from './queries/match';
import { runRadius } from './queries/radius';
import { runPrune } from './prune/runPrune';
import { getDefaultSolverPool } from './solver';
import type { SolverPool } from './solver';
import { OnnxRuntimeModel } from './witness/onnxRuntime';
import type { EngineProgress, ModelRef, QuerySpec } from '../shared/querySpec';
import type { QueryKind, QueryResult } from '../shared/results';
import { defaultBoundsProvider } from './queries/boundsProvider';
import { recheckMatchWitness } from './queries/matchRecheck';

export interface RunQueryContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: EngineProgress) => void;
  /** Defaults to the shared getDefaultSolverPool(). */
  readonly pool?: SolverPool;
  /** Write the MIP solved (the last one, for multi-MILP queries) as LP or MPS. */
  readonly exportModel?: { readonly path: string; readonly format: 'lp' | 'mps' };
}

/** Codes returned as status 'error' rather than thrown. */
const USER_FACING = new Set(['InvalidModel', 'UnsupportedOperator', 'ShapeMismatch', 'NonFiniteWeight', 'ModelTooLarge', 'InvalidDomain', 'InvalidArgument']);

export interface LoadedModel {
  readonly state: StateMap;
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

export async function runQuery(spec: QuerySpec, ctx: RunQueryContext = {}): Promise<QueryResult> {
  const startedAt = Date.now();
  const ortModels: OnnxRuntimeModel[] = [];
  try {
    ctx.onProgress?.({ phase: 'load', message: 'loading the model' });
    const main = await loadModelRef(spec.kind === 'match' ? spec.modelA : spec.model);
    // onnxruntime-web is loaded on the first witness only (its WASM start-up costs seconds).
    let ortLoading: Promise<OnnxRuntimeModel> | null = null;
    const ortModel = (): Promise<OnnxRuntimeModel> => {
      ortLoading ??= OnnxRuntimeModel.load(main.bytes, main.state.original.source).then((m) => { ortModels.push(m); return m; });
      return ortLoading;
    };
    const pool = ctx.pool ?? getDefaultSolverPool();
    const qctx: QueryContext = {
      state: main.state, solver: pool, modelBytes: main.bytes,
      ortEvaluate: async (full) => (await ortModel()).evaluate(full),
      tightenBounds: defaultBoundsProvider(pool),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      ...(ctx.exportModel ? { exportModel: ctx.exportModel } : {}),
      ...('timeLimitSeconds' in spec && spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}),
      ...(spec.budgetSeconds !== undefined ? { deadlineAt: startedAt + budgetMilliseconds(spec.budgetSeconds) } : {}),
    };
    const free = main.state.freeIndices.length;
    const center = (c: readonly number[]): Float64Array => {
      if (c.length !== free) throw new InvalidArgument(`--center has ${c.length} values but the model has ${free} free inputs (inputs ${main.state.freeIndices.join(', ')})`);
      if (!c.every(Number.isFinite)) throw new InvalidArgument('--center values must be finite numbers');
      return Float64Array.from(c);
    };
    switch (spec.kind) {
      case 'certify':
        return await runCertify(qctx, { query: spec.query, center: center(spec.center), radius: spec.radius, norm: spec.norm, ...(spec.method ? { method: spec.method } : {}) });
      case 'radius':
        return await runRadius(qctx, {
          query: spec.query, center: center(spec.center), norm: spec.norm,
          ...(spec.method ? { method: spec.method } : {}), ...(spec.tolerance !== undefined ? { tolerance: spec.tolerance } : {}),
          ...(spec.domain ? { domain: boxFromSpec(spec.domain) } : {}),
        });
      case 'match': {
        const other = await loadModelRef(spec.modelB);
        if (spec.norm !== 'inf') throw new InvalidArgument('match compares outputs in the L∞ norm only: use --norm inf');
        const result = await runMatch(qctx, { kind: spec.query, a: main.state, b: other.state, box: boxFromSpec(spec.domain) });
        if (!result.witness) return result;
        const ortB = await OnnxRuntimeModel.load(other.bytes, other.state.original.source);
        ortModels.push(ortB);
        return await recheckMatchWitness(result, main.state, other.state, await ortModel(), ortB);
      }
      case 'prune':
        return await runPrune(qctx, {
          levels: spec.levels, outDir: spec.outDir, box: boxFromSpec(spec.domain), norm: spec.norm,
          ...(spec.center ? { center: center(spec.center) } : {}),
        });
      default:
        throw new InvalidArgument('unknown query kind');
    }
  } catch (e) {
    if (e instanceof EngineError && USER_FACING.has(e.code)) return errorResult(spec, e);
    throw e;
  } finally {
    for (const m of ortModels) await m.release();
  }
}

function budgetMilliseconds(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgument(`the time budget must be a positive number of seconds, got ${seconds}`);
  return seconds * 1000;
}

function errorResult(spec: QuerySpec, e: EngineError): QueryResult {
  const query: QueryKind = spec.kind === 'certify' ? spec.query : spec.kind === 'radius' ? (spec.query === 'bl' ? 'radius-bl' : 'radius-pi') : spec.kind === 'match' ? spec.query : 'prune';
  return {
    query, status: 'error', norm: spec.norm, objective: null, bound: null, gap: null, tolerance: 0,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 0 },
    message: `error: ${e.describe()}`, error: { code: e.code, message: e.describe() },
  };
}
