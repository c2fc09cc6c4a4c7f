// A network under analysis together with the onnxruntime-web session that re-checks its witnesses. Both come
// from the same ONNX bytes, and a query context is only ever built from one CheckedModel (queryContextFor), so a
// witness is re-checked against the model it came from — also when a query analyses a second model (a pruned
// copy, the other network of a match).
import type { StateMap } from '../ir/network';
import { OnnxRuntimeModel } from '../witness/onnxRuntime';
import type { QueryContext } from './context';

export class CheckedModel {
  private loading: Promise<OnnxRuntimeModel> | null = null;

  constructor(readonly state: StateMap, private readonly bytes: Uint8Array) {}

  /** The onnxruntime-web session, loaded on first use only (its WASM start-up costs seconds). */
  runtime(): Promise<OnnxRuntimeModel> {
    this.loading ??= OnnxRuntimeModel.load(this.bytes, this.state.original.source);
    return this.loading;
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

/** The query context for `model`: its state map and its own onnxruntime-web check, never another model's. */
export function queryContextFor(settings: QuerySettings, model: CheckedModel): QueryContext {
  const { state: _state, ortEvaluate: _ort, ...rest } = settings as QueryContext;
  void _state; void _ort;
  return { ...rest, state: model.state, ortEvaluate: model.ortEvaluate };
}

/** Runs `use` with a CheckedModel of (state, bytes) and releases its onnxruntime-web session afterwards. */
export async function withCheckedModel<T>(state: StateMap, bytes: Uint8Array, use: (model: CheckedModel) => Promise<T>): Promise<T> {
  const model = new CheckedModel(state, bytes);
  try {
    return await use(model);
  } finally {
    await model.release();
  }
}
