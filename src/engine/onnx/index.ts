// Public API of the ONNX reader and writer.
export { parseOnnx, loadOnnxModel, decodeModel, onnxInputs } from './read';
export { writeOnnx } from './write';
export type { WriteOnnxOptions } from './write';
export type { DeclaredInput } from './graph';
export { MAX_WEIGHTS, MAX_RELUS, MAX_TENSOR_ELEMENTS, MAX_INPUT_SIZE } from './limits';
export { SUPPORTED_OPERATORS } from './ops';
