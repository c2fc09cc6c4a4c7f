// Independent evaluation of an ONNX model with onnxruntime-web (WASM backend, one thread). Used to
// re-check witnesses against the real model, not only our float64 IR. Works from source (the WASM
// runtime in node_modules) and from the esbuild bundle (the runtime copied beside it in dist/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
// require, not import: esbuild then bundles ORT's CommonJS Node build, which needs no import.meta.url
// (the ESM build's import.meta.url is empty inside our CommonJS bundle and ORT fails to start).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import ort = require('onnxruntime-web');
import { EngineError, InvalidArgument, InvalidModel } from '../errors';
import { onnxInputs } from '../onnx/read';
import type { DeclaredInput } from '../onnx/graph';
import { DataType } from '../onnx/schema';

const WASM_FILE = 'ort-wasm-simd-threaded.wasm';

/** Directory holding the ORT WASM runtime: beside this bundle in dist/, else in the nearest node_modules. */
export function ortWasmDirectory(): string {
  if (existsSync(join(__dirname, WASM_FILE))) return __dirname;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'onnxruntime-web', 'dist');
    if (existsSync(join(candidate, WASM_FILE))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new InvalidModel(`the onnxruntime-web WASM runtime (${WASM_FILE}) was not found beside ${__dirname} or in node_modules`);
}

/**
 * First session of the process: onnxruntime-web compiles its WASM runtime, blocking the event loop (measured:
 * 3.3 s on 784-input MNIST, later sessions 0.08 s). A budgeted query does not start it with less than this left.
 */
export const ORT_COLD_START_MS = 3500;
let started = false;

/** True once a session was created in this process (the runtime is compiled; new sessions are cheap). */
export function ortRuntimeStarted(): boolean {
  return started;
}

let configured = false;
function configureRuntime(): void {
  if (configured) return;
  configured = true;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = `${pathToFileURL(ortWasmDirectory()).href}/`;
  ort.env.logLevel = 'error';
}

/** A loaded model, for evaluating many points without re-creating the session. */
export class OnnxRuntimeModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputs: readonly DeclaredInput[],
    readonly inputSize: number,
    private readonly source: string,
  ) {}

  static async load(modelBytes: Uint8Array, source = '<onnx model>'): Promise<OnnxRuntimeModel> {
    const inputs = onnxInputs(modelBytes, source);
    configureRuntime();
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelBytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'basic' });
    } catch (e) {
      throw new InvalidModel(`onnxruntime-web could not load the model: ${e instanceof Error ? e.message : String(e)}`, { file: source });
    }
    started = true;
    const size = inputs.reduce((s, i) => s + i.shape.reduce((p, d) => p * d, 1), 0);
    return new OnnxRuntimeModel(session, inputs, size, source);
  }

  /** Runs are serialised: one ORT WASM session must not run two inferences at once. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * All outputs, flattened and concatenated in declaration order, as float64. The flat input is split
   * over the graph inputs in declaration order, each fed with its declared shape; FLOAT inputs are
   * rounded to float32 (compare against the IR at Math.fround(x) when exactness matters).
   */
  evaluate(fullInput: ArrayLike<number>): Promise<Float64Array> {
    const run = this.queue.then(() => this.run(fullInput));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Evaluates many points on the same session, in order. */
  async evaluateMany(points: readonly ArrayLike<number>[]): Promise<Float64Array[]> {
    const out: Float64Array[] = [];
    for (const p of points) out.push(await this.evaluate(p));
    return out;
  }

  private async run(fullInput: ArrayLike<number>): Promise<Float64Array> {
    if (fullInput.length !== this.inputSize) {
      throw new InvalidArgument(`expected ${this.inputSize} input values, got ${fullInput.length}`, { file: this.source });
    }
    const feeds: Record<string, ort.Tensor> = {};
    let at = 0;
    for (const input of this.inputs) {
      const n = input.shape.reduce((p, d) => p * d, 1);
      const slice = Array.prototype.slice.call(fullInput, at, at + n) as number[];
      at += n;
      feeds[input.name] = input.elemType === DataType.DOUBLE
        ? new ort.Tensor('float64', Float64Array.from(slice), input.shape)
        : new ort.Tensor('float32', Float32Array.from(slice), input.shape);
    }
    let results: ort.InferenceSession.OnnxValueMapType;
    try {
      results = await this.session.run(feeds);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      throw new InvalidModel(`onnxruntime-web failed to evaluate the model: ${e instanceof Error ? e.message : String(e)}`, { file: this.source });
    }
    const parts = this.session.outputNames.map((name) => results[name].data as ArrayLike<number>);
    const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
    let k = 0;
    for (const p of parts) for (let i = 0; i < p.length; i++) out[k++] = Number(p[i]);
    return out;
  }

  async release(): Promise<void> {
    await this.queue;
    await this.session.release();
  }
}

/** One-shot evaluation of a model at a full input vector (all graph inputs, in declaration order). */
export async function evaluateWithOnnxRuntime(modelBytes: Uint8Array, fullInput: ArrayLike<number>): Promise<Float64Array> {
  const model = await OnnxRuntimeModel.load(modelBytes);
  try {
    return await model.evaluate(fullInput);
  } finally {
    await model.release();
  }
}
