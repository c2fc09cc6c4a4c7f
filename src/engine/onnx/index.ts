// Public API of the ONNX reader and writer.
// parseOnnx / loadOnnxModel read a feed-forward ReLU network into the IR chain (src/engine/ir/network.ts).
// Supported operators: SUPPORTED_OPERATORS (Gemm, MatMul, Relu and anything affine folded around them:
// Add/Sub/Mul/Div by constants, Flatten, Reshape, Identity, Constant, ...). Everything else, non-chain
// graphs, bad shapes, NaN/Inf weights and malformed bytes throw typed EngineErrors naming file and node.
// Size limits (limits.ts): MAX_WEIGHTS 5e6, MAX_RELUS 2e4, MAX_TENSOR_ELEMENTS 2e7, MAX_INPUT_SIZE 1e5.
export { parseOnnx, loadOnnxModel, decodeModel, onnxInputs } from './read';
export { writeOnnx } from './write';
export type { WriteOnnxOptions } from './write';
export type { DeclaredInput } from './graph';
export { MAX_WEIGHTS, MAX_RELUS, MAX_TENSOR_ELEMENTS, MAX_INPUT_SIZE } from './limits';
export { SUPPORTED_OPERATORS } from './ops';
