// The model viewer (the custom editor of *.onnx): what the server reports about a model, the neuron states over a
// box, and the messages between the extension (src/client/viewer) and the viewer's webview (src/webview/viewer).
// Types only; input indices are 0-based over the flattened inputs everywhere.

/** A named tensor of the model's interface, e.g. { name: "state_and_parameter", shape: [1, 3] }. */
export interface ViewerTensor {
  readonly name: string;
  readonly shape: readonly number[];
}

/** One affine layer of the network as the ONNX reader lowered it. */
export interface ViewerLayer {
  /** 0-based. */
  readonly index: number;
  /** The layer's own neurons (without the values carried across it for a skip connection). */
  readonly width: number;
  readonly relu: boolean;
  /** Neurons followed by a ReLU. */
  readonly reluCount: number;
  /** Values carried across this layer for a skip connection (x + g(x)), when there are any. */
  readonly carried?: number;
  /** The layer's own weights plus biases. */
  readonly parameters: number;
}

/** How often an ONNX operator occurs in the graph, and whether the reader supports it. */
export interface ViewerOperator {
  readonly opType: string;
  readonly count: number;
  readonly supported: boolean;
  /** The first node of this type, e.g. "/fc1/Gemm". */
  readonly firstNode?: string;
}

/** The reader's typed error for a model it refuses, naming the node when the fault is in one. */
export interface ModelRefusal {
  /** EngineErrorCode, e.g. "UnsupportedOperator", "InvalidModel". */
  readonly code: string;
  readonly message: string;
  readonly nodeName?: string;
  readonly opType?: string;
  readonly nodeIndex?: number;
}

/** What the network computes, when the reader accepts the model. */
export interface ViewerNetwork {
  /** One line, e.g. "3 → 64 (ReLU) → 64 (ReLU) → 2; 128 ReLUs, 4546 parameters". */
  readonly description: string;
  readonly inputs: readonly ViewerTensor[];
  readonly outputs: readonly ViewerTensor[];
  readonly inputSize: number;
  readonly outputSize: number;
  /** One label per flattened input, e.g. ["x[0]", "x[1]", "x[2]"]. */
  readonly inputNames: readonly string[];
  readonly layers: readonly ViewerLayer[];
  readonly reluCount: number;
  readonly parameterCount: number;
}

/** Everything the viewer shows about one .onnx file. `network` and `refusal` exclude each other. */
export interface ModelViewData {
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  /** SHA-256 (hex) of the file. */
  readonly hash?: string;
  /** e.g. "pytorch 1.13", when the file names its producer. */
  readonly producer?: string;
  /** e.g. "13" (the default ONNX domain's opset). */
  readonly opset?: string;
  /** The graph's doc_string, when it has one. */
  readonly doc?: string;
  /** Empty when the file is not a decodable ONNX model at all. */
  readonly operators: readonly ViewerOperator[];
  readonly network?: ViewerNetwork;
  readonly refusal?: ModelRefusal;
}

/** Bound methods the viewer offers (no solver needed: both answer at once). */
export type ViewerBoundMethod = 'interval' | 'crown';

/** Neuron states of one ReLU layer over a box, from the engine's pre-activation bounds. */
export interface LayerNeuronStates {
  /** 0-based layer index (as ViewerLayer.index). */
  readonly layer: number;
  /** Stable on: the pre-activation is ≥ 0 over the whole box (the ReLU is the identity there). */
  readonly active: number;
  /** Stable off: the pre-activation is ≤ 0 over the whole box (the ReLU outputs 0 there). */
  readonly inactive: number;
  /** The pre-activation bounds straddle 0: the ReLU may switch inside the box. */
  readonly unstable: number;
}

export interface NeuronStatesData {
  readonly method: ViewerBoundMethod;
  /** One interval per flattened input, 0-based, as asked. */
  readonly box: ReadonlyArray<readonly [number, number]>;
  readonly layers: readonly LayerNeuronStates[];
  readonly totals: { readonly active: number; readonly inactive: number; readonly unstable: number };
  readonly millis: number;
}

/** The buttons of the viewer, each an existing command run on this model. */
export type ViewerAction = 'certify' | 'compare' | 'prune' | 'openQueries';

/** The state the viewer's HTML starts from (an escaped data- attribute). */
export interface ViewerInitialState {
  readonly fileName: string;
  /** The box last asked for on this model, kept per workspace. */
  readonly box?: ReadonlyArray<readonly [number, number]>;
  readonly method?: ViewerBoundMethod;
}

/** Extension → viewer. */
export type ToViewer =
  | { readonly type: 'model'; readonly view: ModelViewData }
  /** The server could not be asked (not running, crashed): shown in the page, never a blank page. */
  | { readonly type: 'modelError'; readonly message: string }
  | { readonly type: 'states'; readonly states: NeuronStatesData }
  | { readonly type: 'statesError'; readonly message: string };

/** Viewer → extension. */
export type FromViewer =
  | { readonly type: 'ready' }
  | { readonly type: 'computeStates'; readonly box: ReadonlyArray<readonly [number, number]>; readonly method: ViewerBoundMethod }
  | { readonly type: 'action'; readonly action: ViewerAction }
  /** Sent after each render, so tests can assert what the viewer shows. */
  | { readonly type: 'rendered'; readonly what: 'model' | 'refused' | 'states' | 'error'; readonly text: string };
