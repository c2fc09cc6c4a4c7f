// A network under analysis together with the onnxruntime-web session that re-checks its witnesses. Both come
// from the same ONNX bytes, and a query context is only ever built from one CheckedModel (queryContextFor), so a
// witness is re-checked against the model it came from — also when a query analyses a second model (a pruned
// copy, the other network of a match).
import type { RestrictedNetwork } from '../ir/network';
import { Cancelled } from '../errors';
import { ORT_COLD_START_MS, OnnxRuntimeModel, ortRuntimeStarted } from '../witness/onnxRuntime';
import type { QueryContext } from './context';

export class CheckedModel {
  private loading: Promise<OnnxRuntimeModel> | null = null;

  constructor(readonly state: RestrictedNetwork, private readonly bytes: Uint8Array) {}

  /** The onnxruntime-web session, loaded on first use only (its WASM start-up costs seconds). */
  runtime(): Promise<OnnxRuntimeModel> {
    this.loading ??= OnnxRuntimeModel.load(this.bytes, this.state.original.source);
    return this.loading;
  }

  /** True once the session's load has begun. */
  get loadStarted(): boolean {
    return this.loading !== null;
  }

  /** Evaluates a full input vector (all graph inputs) of this model in onnxruntime-web. */
  readonly ortEvaluate = async (fullInput: Float64Array): Promise<Float64Array> => (await this.runtime()).evaluate(fullInput);

  async release(): Promise<void> {
    const loading = this.loading;
    this.loading = null;
    if (!loading) return;
    const model = await loading.catch(() => null);
    await model?.release();
  }
}

/** What a query context holds besides the model it analyses. */
export type QuerySettings = Omit<QueryContext, 'state' | 'ortEvaluate'>;

/** The query context for `model`: its restricted network and its own onnxruntime-web check, never another model's. */
export function queryContextFor(settings: QuerySettings, model: CheckedModel): QueryContext {
  const { state: _state, ortEvaluate: _ort, ...rest } = settings as QueryContext;
  void _state; void _ort;
  const deadlineAt = settings.deadlineAt;
  const ortEvaluate = deadlineAt === undefined ? model.ortEvaluate : budgetedEvaluate(model, deadlineAt + ORT_GRACE_MS, settings.signal);
  return { ...rest, state: model.state, ortEvaluate };
}

/** How far past the budget a witness re-check may wait for onnxruntime-web (half the stated 1 s overshoot). */
const ORT_GRACE_MS = 500;

/**
 * The re-check under a query budget: the start-up counts against it, so past it the witness goes unchecked
 * (→ unresolved), not late. The cold start blocks the event loop, so no timer could cut it short: it is not begun
 * when it cannot fit in what is left.
 */
function budgetedEvaluate(model: CheckedModel, until: number, signal: AbortSignal | undefined): (full: Float64Array) => Promise<Float64Array> {
  return async (full) => {
    if (!model.loadStarted && !ortRuntimeStarted() && until - Date.now() < ORT_COLD_START_MS) {
      throw new Error(`its start-up (about ${ORT_COLD_START_MS / 1000} s) does not fit in what is left of the query's time budget`);
    }
    return (await untilDeadline(model.runtime(), until, signal)).evaluate(full);
  };
}

/** `p`, or a rejection once `until` passes or `signal` aborts, whichever comes first. */
async function untilDeadline<T>(p: Promise<T>, until: number, signal: AbortSignal | undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the query's time budget ended before onnxruntime-web had started")), Math.max(0, until - Date.now()));
    onAbort = () => reject(new Cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Runs `use` with a CheckedModel of (state, bytes) and releases its onnxruntime-web session afterwards. */
export async function withCheckedModel<T>(state: RestrictedNetwork, bytes: Uint8Array, use: (model: CheckedModel) => Promise<T>): Promise<T> {
  const model = new CheckedModel(state, bytes);
  try {
    return await use(model);
  } finally {
    await model.release();
  }
}
