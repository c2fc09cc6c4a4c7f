// Entry points: decode ONNX bytes with the vendored schema and normalise them into a Network.
import { readFile } from 'node:fs/promises';
import { EngineError, InvalidModel } from '../errors';
import type { Network } from '../ir/network';
import { declaredInputs } from './graph';
import type { DeclaredInput } from './graph';
import { normalizeModel } from './normalize';
import { modelProtoType } from './schema';
import type { ModelMsg } from './schema';

/** Decodes the protobuf; any decoding failure (truncation, bad wire types, garbage) is InvalidModel. */
export function decodeModel(bytes: Uint8Array, source: string): ModelMsg {
  if (bytes.length === 0) throw new InvalidModel('the file is empty', { file: source });
  let model: ModelMsg;
  try {
    model = modelProtoType().decode(bytes) as unknown as ModelMsg;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new InvalidModel(`not a valid ONNX model (protobuf decoding failed: ${reason})`, { file: source });
  }
  if (!model.graph || (model.graph.node.length === 0 && model.graph.input.length === 0 && model.graph.output.length === 0)) {
    throw new InvalidModel('not a valid ONNX model (no graph found)', { file: source });
  }
  return model;
}

/** Parses an ONNX model into the IR chain. Throws typed EngineErrors that name the file and node. */
export function parseOnnx(bytes: Uint8Array, source: string): Network {
  const model = decodeModel(bytes, source);
  try {
    return normalizeModel(model, source);
  } catch (e) {
    if (e instanceof EngineError) throw e;
    // Anything else is a malformed structure our checks did not anticipate: still a typed error.
    const reason = e instanceof Error ? e.message : String(e);
    throw new InvalidModel(`malformed ONNX model: ${reason}`, { file: source });
  }
}

export async function loadOnnxModel(path: string): Promise<Network> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new InvalidModel(`cannot read the model file: ${reason}`, { file: path });
  }
  return parseOnnx(bytes, path);
}

/** The model's true inputs (not initializers), with element type and resolved shape. */
export function onnxInputs(bytes: Uint8Array, source: string): DeclaredInput[] {
  const model = decodeModel(bytes, source);
  return declaredInputs(model.graph as NonNullable<ModelMsg['graph']>, source);
}
