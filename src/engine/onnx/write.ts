// Writes a Network as a standard ONNX model: a chain of Gemm (transB = 1) and Relu nodes, weights as
// raw_data initializers, input [batch, n] with a symbolic batch dimension. Our reader and
// onnxruntime-web both load it. float32 weights by default (what every runtime supports); `double`
// stores the float64 weights exactly (onnxruntime-web runs Gemm and Relu in double too).
import { InvalidArgument } from '../errors';
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
    initializers.push(tensor(w, [layer.outSize, layer.inSize], layer.weights, dtype), tensor(b, [layer.outSize], layer.bias, dtype));
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
