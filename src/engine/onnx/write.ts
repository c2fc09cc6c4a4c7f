// Writes a Network as a standard ONNX model: a chain of Gemm (transB = 1) and Relu nodes, weights as
// raw_data initializers, input [batch, n] with a symbolic batch dimension. Our reader and
// onnxruntime-web both load it. float32 weights by default (what every runtime supports); `double`
// stores the float64 weights exactly (onnxruntime-web runs Gemm and Relu in double too).
import { InvalidArgument } from '../errors';
import { hasRelu } from '../ir/network';
import type { DenseLayer, Network } from '../ir/network';
import { AttributeType, DataType, modelProtoType } from './schema';

export interface WriteOnnxOptions {
  inputName?: string;
  outputName?: string;
  /** Default-domain opset version (default 13). */
  opset?: number;
  /** Weight and input element type (default 'float'). */
  dtype?: 'float' | 'double';
  producerName?: string;
}

function rawBytes(values: Float64Array, dtype: 'float' | 'double'): Uint8Array {
  const size = dtype === 'float' ? 4 : 8;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (dtype === 'float') view.setFloat32(i * size, values[i], true);
    else view.setFloat64(i * size, values[i], true);
  }
  return bytes;
}

function tensor(name: string, dims: number[], values: Float64Array, dtype: 'float' | 'double'): object {
  return { name, dims, data_type: dtype === 'float' ? DataType.FLOAT : DataType.DOUBLE, raw_data: rawBytes(values, dtype) };
}

function valueInfo(name: string, size: number, elemType: number): object {
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim: [{ dim_param: 'batch' }, { dim_value: size }] } } } };
}

/** The rows `rows` of the layer (weights and bias), as a Gemm reading `input`. */
function gemmOfRows(layer: DenseLayer, rows: readonly number[], name: string, input: string, output: string,
  dtype: 'float' | 'double', nodes: object[], initializers: object[]): void {
  const w = new Float64Array(rows.length * layer.inSize);
  rows.forEach((r, i) => w.set(layer.weights.subarray(r * layer.inSize, (r + 1) * layer.inSize), i * layer.inSize));
  const b = Float64Array.from(rows, (r) => layer.bias[r]);
  initializers.push(tensor(`${name}.weight`, [rows.length, layer.inSize], w, dtype), tensor(`${name}.bias`, [rows.length], b, dtype));
  nodes.push({
    name: `${name}/Gemm`, op_type: 'Gemm', input: [input, `${name}.weight`, `${name}.bias`], output: [output],
    attribute: [{ name: 'transB', type: AttributeType.INT, i: 1 }],
  });
}

/**
 * A ReLU layer with pass-through neurons (a lowered skip connection): Gemm of the ReLU rows → Relu, Gemm of the
 * pass-through rows, Concat, then a Gather back to the layer's own neuron order when the two kinds interleave.
 * The same function, exactly; our reader reads it back as the same kind of layer. Returns the output's name.
 */
function writeMixedLayer(layer: DenseLayer, k: number, input: string, output: string, dtype: 'float' | 'double',
  nodes: object[], initializers: object[]): string {
  const reluRows: number[] = [], passRows: number[] = [];
  for (let i = 0; i < layer.outSize; i++) (hasRelu(layer, i) ? reluRows : passRows).push(i);
  const order = [...reluRows, ...passRows];
  const inOrder = order.every((r, i) => r === i);
  const parts: string[] = [];
  if (reluRows.length > 0) {
    // Both Gemms are listed before the Relu, so a reader walking the nodes in order sees the carried rows as values
    // computed before the ReLU (pass-through neurons), not as a later layer.
    gemmOfRows(layer, reluRows, `layer${k}.relu_rows`, input, `layer${k}.relu_affine`, dtype, nodes, initializers);
  }
  gemmOfRows(layer, passRows, `layer${k}.pass_rows`, input, `layer${k}.pass`, dtype, nodes, initializers);
  if (reluRows.length > 0) {
    nodes.push({ name: `layer${k}/Relu`, op_type: 'Relu', input: [`layer${k}.relu_affine`], output: [`layer${k}.relu`] });
    parts.push(`layer${k}.relu`);
  }
  parts.push(`layer${k}.pass`);
  const joined = inOrder ? output : `layer${k}.joined`;
  nodes.push({ name: `layer${k}/Concat`, op_type: 'Concat', input: parts, output: [joined], attribute: [{ name: 'axis', type: AttributeType.INT, i: 1 }] });
  if (inOrder) return output;
  const position = new Float64Array(layer.outSize);
  order.forEach((r, i) => { position[r] = i; });
  initializers.push({ name: `layer${k}.order`, dims: [layer.outSize], data_type: DataType.INT64, int64_data: Array.from(position) });
  nodes.push({ name: `layer${k}/Gather`, op_type: 'Gather', input: [joined, `layer${k}.order`], output: [output], attribute: [{ name: 'axis', type: AttributeType.INT, i: 1 }] });
  return output;
}

export function writeOnnx(net: Network, opts: WriteOnnxOptions = {}): Uint8Array {
  const inputName = opts.inputName ?? 'input';
  const outputName = opts.outputName ?? 'output';
  const dtype = opts.dtype ?? 'float';
  if (inputName === outputName) throw new InvalidArgument('writeOnnx: input and output names must differ');
  const elemType = dtype === 'float' ? DataType.FLOAT : DataType.DOUBLE;
  const nodes: object[] = [];
  const initializers: object[] = [];
  let current = inputName;
  const last = net.layers.length - 1;
  net.layers.forEach((layer: DenseLayer, k) => {
    const w = `layer${k}.weight`;
    const b = `layer${k}.bias`;
    if (!layer.passThrough) initializers.push(tensor(w, [layer.outSize, layer.inSize], layer.weights, dtype), tensor(b, [layer.outSize], layer.bias, dtype));
    if (layer.passThrough) {
      current = writeMixedLayer(layer, k, current, k === last ? outputName : `layer${k}.out`, dtype, nodes, initializers);
      return;
    }
    const gemmOut = k === last && !layer.relu ? outputName : `layer${k}.affine`;
    nodes.push({
      name: `layer${k}/Gemm`, op_type: 'Gemm', input: [current, w, b], output: [gemmOut],
      attribute: [{ name: 'transB', type: AttributeType.INT, i: 1 }],
    });
    current = gemmOut;
    if (layer.relu) {
      const reluOut = k === last ? outputName : `layer${k}.relu`;
      nodes.push({ name: `layer${k}/Relu`, op_type: 'Relu', input: [current], output: [reluOut] });
      current = reluOut;
    }
  });
  if (net.layers.length === 0) nodes.push({ name: 'identity', op_type: 'Identity', input: [inputName], output: [outputName] });
  const model = {
    ir_version: 7,
    opset_import: [{ domain: '', version: opts.opset ?? 13 }],
    producer_name: opts.producerName ?? 'invertibility-certifier',
    graph: {
      name: 'relu_chain',
      node: nodes,
      initializer: initializers,
      input: [valueInfo(inputName, net.inputSize, elemType)],
      output: [valueInfo(outputName, net.outputSize, elemType)],
    },
  };
  const type = modelProtoType();
  return type.encode(type.fromObject(model)).finish();
}
