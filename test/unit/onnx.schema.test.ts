// The vendored ONNX schema must carry the official ONNX field numbers (files from every exporter depend on them).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { modelProtoType } from '../../src/engine/onnx/schema';

void test('the schema uses the official ONNX field numbers', () => {
  const model = modelProtoType();
  const root = model.root;
  const ids = (type: string): Record<string, number> =>
    Object.fromEntries(Object.values(root.lookupType(type).fields).map((f) => [f.name, f.id]));
  assert.deepEqual(
    { ir: ids('onnx.ModelProto').ir_version, opset: ids('onnx.ModelProto').opset_import, graph: ids('onnx.ModelProto').graph },
    { ir: 1, opset: 8, graph: 7 },
  );
  const graph = ids('onnx.GraphProto');
  assert.deepEqual([graph.node, graph.initializer, graph.input, graph.output], [1, 5, 11, 12]);
  const node = ids('onnx.NodeProto');
  assert.deepEqual([node.input, node.output, node.name, node.op_type, node.attribute, node.domain], [1, 2, 3, 4, 5, 7]);
  const tensor = ids('onnx.TensorProto');
  assert.deepEqual(
    [tensor.dims, tensor.data_type, tensor.float_data, tensor.int64_data, tensor.name, tensor.raw_data, tensor.double_data, tensor.data_location],
    [1, 2, 4, 7, 8, 9, 10, 14],
  );
  const attr = ids('onnx.AttributeProto');
  assert.deepEqual([attr.name, attr.f, attr.i, attr.t, attr.floats, attr.ints, attr.type], [1, 2, 3, 5, 7, 8, 20]);
  const dim = ids('onnx.TensorShapeProto.Dimension');
  assert.deepEqual([dim.dim_value, dim.dim_param], [1, 2]);
});
