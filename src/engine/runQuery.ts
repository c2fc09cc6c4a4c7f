// The engine facade: one entry point for the CLI and the language server.
// runQuery(spec, ctx) loads the model(s), fixes inputs, runs the query and returns a QueryResult.
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
import type { QuerySettings } from './queries/checkedModel';
import { CheckedModel, queryContextFor } from './queries/checkedModel';
import { runRadius } from './queries/radius';
import { runPrune } from './prune/runPrune';
import { getDefaultSolverPool } from './solver';
import type { SolverPool } from './solver';
import type { EngineProgress, ModelRef, QuerySpec } from '../shared/querySpec';
import type { QueryResult } from '../shared/results';
import { cancelledResult } from './cancelledResult';
import { errorResult } from './errorResult';
import { runCheckedMatch } from './queries/matchRecheck';

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

export async function runQuery(spec: QuerySpec, ctx: RunQueryContext = {}): Promise<QueryResult> {
  const startedAt = Date.now();
  let partial: QueryResult | undefined;
  const opened: CheckedModel[] = [];
  const open = (m: LoadedModel): CheckedModel => {
    const model = new CheckedModel(m.state, m.bytes);
    opened.push(model);
    return model;
  };
  try {
    ctx.onProgress?.({ phase: 'load', message: 'loading the model' });
    const main = open(await loadModelRef(spec.kind === 'match' ? spec.modelA : spec.model));
    const pool = ctx.pool ?? getDefaultSolverPool();
    const settings: QuerySettings = {
      solver: pool,
      onPartial: (p) => { partial = p; },
      lpBoundsPool: pool,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
      ...(ctx.exportModel ? { exportModel: ctx.exportModel } : {}),
      ...('timeLimitSeconds' in spec && spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}),
      ...(spec.budgetSeconds !== undefined ? { deadlineAt: startedAt + budgetMilliseconds(spec.budgetSeconds) } : {}),
    };
    const qctx = queryContextFor(settings, main);
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
        const other = open(await loadModelRef(spec.modelB));
        if (spec.norm !== 'inf') throw new InvalidArgument('match compares outputs in the L∞ norm only: use --norm inf');
        return await runCheckedMatch(settings, { kind: spec.query, box: boxFromSpec(spec.domain) }, main, other);
      }
      case 'prune':
        return await runPrune(settings, main, {
          levels: spec.levels, outDir: spec.outDir, box: boxFromSpec(spec.domain), norm: spec.norm,
          ...(spec.center ? { center: center(spec.center) } : {}),
        });
      default: {
        // A new QuerySpec kind that is not dispatched here fails to compile; at run time (a spec from an older
        // client) it is a typed error, not a crash.
        const unhandled: never = spec;
        throw new InvalidArgument(`unknown query kind ${JSON.stringify((unhandled as { kind?: unknown }).kind)}`);
      }
    }
  } catch (e) {
    if (e instanceof EngineError && USER_FACING.has(e.code)) return errorResult(spec, e.code, e.describe(), (Date.now() - startedAt) / 1000);
    if (e instanceof Cancelled) e.partial = cancelledResult(spec, partial, (Date.now() - startedAt) / 1000);
    throw e;
  } finally {
    for (const m of opened) await m.release();
  }
}

function budgetMilliseconds(seconds: number): number {
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgument(`the time budget must be a positive number of seconds, got ${seconds}`);
  return seconds * 1000;
}

