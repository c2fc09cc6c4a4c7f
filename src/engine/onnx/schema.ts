// The ONNX protobuf schema, parsed once from the embedded proto text, and the decoded message shapes.
import * as protobuf from 'protobufjs';
import { ONNX_PROTO_TEXT } from './onnxProtoText';

/** int64 fields decode as Long (long.js is installed) or as number. */
export interface LongLike { toNumber(): number; toString(): string }
export type Int64 = number | LongLike;

export interface DimensionMsg { dim_value?: Int64 | null; dim_param?: string | null; value?: string }
export interface TypeMsg { tensor_type?: { elem_type: number; shape?: { dim: DimensionMsg[] } | null } | null }
export interface ValueInfoMsg { name: string; type?: TypeMsg | null }
export interface TensorMsg {
  dims: Int64[];
  data_type: number;
  float_data: number[];
  int32_data: number[];
  int64_data: Int64[];
  double_data: number[];
  uint64_data: Int64[];
  name: string;
  raw_data: Uint8Array;
  data_location: number;
  external_data: { key: string; value: string }[];
}
export interface AttributeMsg {
  name: string;
  type: number;
  f: number;
  i: Int64;
  s: Uint8Array;
  t?: TensorMsg | null;
  floats: number[];
  ints: Int64[];
}
export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  domain: string;
  attribute: AttributeMsg[];
}
export interface GraphMsg {
  node: NodeMsg[];
  name: string;
  initializer: TensorMsg[];
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  doc_string?: string;
}
export interface ModelMsg {
  ir_version: Int64;
  opset_import: { domain: string; version: Int64 }[];
  producer_name: string;
  producer_version?: string;
  doc_string?: string;
  graph?: GraphMsg | null;
}

/** TensorProto.DataType values the reader understands. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;
/** AttributeProto.AttributeType values the reader understands. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

let modelType: protobuf.Type | undefined;

/** onnx.ModelProto, parsed lazily from the vendored schema (keepCase: field names as in the official onnx.proto). */
export function modelProtoType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO_TEXT, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

export function int64ToNumber(v: Int64): number {
  return typeof v === 'number' ? v : v.toNumber();
}
