// Decodes a TensorProto into float64 values: raw_data (little-endian, possibly unaligned), or the
// typed repeated fields. Sizes are checked against the bytes actually present before allocating.
import { InvalidModel, UnsupportedOperator } from '../errors';
import type { ErrorLocation } from '../errors';
import { checkTensorElements } from './limits';
import { DataType, int64ToNumber } from './schema';
import type { Int64, TensorMsg } from './schema';
import { constValue } from './values';
import type { ConstValue } from './values';

const DATA_TYPE_NAMES: Record<number, string> = {
  0: 'UNDEFINED', 1: 'FLOAT', 2: 'UINT8', 3: 'INT8', 4: 'UINT16', 5: 'INT16', 6: 'INT32', 7: 'INT64', 8: 'STRING',
  9: 'BOOL', 10: 'FLOAT16', 11: 'DOUBLE', 12: 'UINT32', 13: 'UINT64', 14: 'COMPLEX64', 15: 'COMPLEX128', 16: 'BFLOAT16',
};

export function dataTypeName(t: number): string {
  return DATA_TYPE_NAMES[t] ?? `type ${t}`;
}

/** Bytes per element in raw_data for the types we decode. */
const ELEMENT_BYTES: Record<number, number> = { [DataType.FLOAT]: 4, [DataType.DOUBLE]: 8, [DataType.INT64]: 8, [DataType.INT32]: 4 };

/** Declared dims as numbers, refusing negative or non-integral ones. */
export function tensorDims(dims: readonly Int64[], what: string, location: ErrorLocation): number[] {
  return dims.map((d, k) => {
    const v = int64ToNumber(d);
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new InvalidModel(`${what}: dimension ${k} is ${String(d)}, not a non-negative integer`, location);
    }
    return v;
  });
}

export function decodeTensor(t: TensorMsg, location: ErrorLocation): ConstValue {
  const what = `tensor '${t.name}'`;
  if (t.data_location === 1 || t.external_data.length > 0) {
    throw new InvalidModel(`${what} keeps its data in an external file, which is not supported; save the model with the data embedded`, location);
  }
  const shape = tensorDims(t.dims, what, location);
  let count = 1;
  for (const d of shape) {
    count *= d;
    checkTensorElements(count, what, location);
  }
  const type = t.data_type;
  const elementBytes = ELEMENT_BYTES[type];
  if (elementBytes === undefined) {
    throw new UnsupportedOperator(
      `${what} has data type ${dataTypeName(type)}; only FLOAT and DOUBLE weights (INT64/INT32 for shapes) are supported`,
      location,
    );
  }
  const isInt = type === DataType.INT64 || type === DataType.INT32;
  if (t.raw_data.length > 0) {
    if (t.raw_data.length !== count * elementBytes) {
      throw new InvalidModel(
        `${what} declares shape [${shape.join(', ')}] (${count} × ${elementBytes} bytes) but holds ${t.raw_data.length} bytes of raw data`,
        location,
      );
    }
    return constValue(shape, decodeRaw(t.raw_data, type, count, what, location), isInt, t.name);
  }
  const field = typedField(t, type);
  if (field.length !== count) {
    throw new InvalidModel(`${what} declares ${count} elements but holds ${field.length}`, location);
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = toSafeNumber(field[i], what, location);
  return constValue(shape, data, isInt, t.name);
}

function typedField(t: TensorMsg, type: number): readonly (number | Int64)[] {
  switch (type) {
    case DataType.FLOAT: return t.float_data;
    case DataType.DOUBLE: return t.double_data;
    case DataType.INT64: return t.int64_data;
    default: return t.int32_data;
  }
}

function toSafeNumber(v: number | Int64, what: string, location: ErrorLocation): number {
  if (typeof v === 'number') return v;
  const n = int64ToNumber(v);
  if (!Number.isSafeInteger(n)) throw new InvalidModel(`${what}: integer ${v.toString()} is too large`, location);
  return n;
}

function decodeRaw(raw: Uint8Array, type: number, count: number, what: string, location: ErrorLocation): Float64Array {
  // DataView reads little-endian at any byte offset: raw_data inside a protobuf buffer is not aligned.
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float64Array(count);
  switch (type) {
    case DataType.FLOAT:
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      break;
    case DataType.DOUBLE:
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, true);
      break;
    case DataType.INT32:
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
      break;
    default:
      for (let i = 0; i < count; i++) {
        const v = view.getBigInt64(8 * i, true);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
          // INT64_MAX / MIN are common "unbounded" sentinels in shape tensors: clamp them, refuse other huge values.
          if (v === 9223372036854775807n || v === -9223372036854775808n) {
            out[i] = v > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
            continue;
          }
          throw new InvalidModel(`${what}: integer ${v} is too large`, location);
        }
        out[i] = Number(v);
      }
  }
  return out;
}
