import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendQuery, declaredModels, identifierFor } from '../../src/client/certify/invqText';
import { describeQuery } from '../../src/client/results/entries';
import { parseDocument } from '../../src/server/language/parser';

const brus = { path: 'brusselator_param.onnx', fixed: [[2, 2.1]] as Array<[number, number]> };

function parsesCleanly(text: string): void {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], `the server's parser accepts:\n${text}`);
}

void describe('.invq text written by the right-click flows', () => {
  void it('writes a model, its fixed input and a radius query that the server parses, and points at the query line', () => {
    const { text, queryLine } = appendQuery('', { kind: 'radius', model: brus, query: 'bl', center: [1.5, 2], domain: [[0, 3], [0, 4]], norm: 'inf' });
    assert.equal(text, 'model brusselator_param = "brusselator_param.onnx"\nfix brusselator_param[2] = 2.1\nradius brusselator_param bl at (1.5, 2) within [0, 3] x [0, 4] norm inf\n');
    assert.equal(queryLine, 2);
    parsesCleanly(text);
    const statement = parseDocument(text).statements.find((s) => s.span.line === queryLine);
    assert.equal(statement?.kind, 'radius');
  });

  void it('appends to an existing file, reusing the model declared with the same path and fixed inputs', () => {
    const first = appendQuery('# mine\n', { kind: 'radius', model: brus, query: 'bl', center: [1.5, 2], domain: [[0, 3], [0, 4]], norm: 'inf' });
    const second = appendQuery(first.text, { kind: 'certify', model: brus, query: 'pi', center: [1, 1], radius: 0.5, domain: [[0, 3], [0, 4]], norm: '2' });
    assert.equal((second.text.match(/^model /gm) ?? []).length, 1);
    assert.equal(second.text.split('\n')[second.queryLine], 'certify brusselator_param pi at (1, 1) radius 0.5 within [0, 3] x [0, 4] norm 2');
    assert.ok(second.text.startsWith('# mine\n'));
    parsesCleanly(second.text);
  });

  void it('declares a second model name when the same file is used with different fixed inputs', () => {
    const first = appendQuery('', { kind: 'radius', model: brus, query: 'bl', center: [1, 1], domain: [[0, 3], [0, 4]], norm: 'inf' });
    const other = { path: 'brusselator_param.onnx', fixed: [[2, 1.5]] as Array<[number, number]> };
    const second = appendQuery(first.text, { kind: 'radius', model: other, query: 'bl', center: [1, 1], domain: [[0, 3], [0, 4]], norm: 'inf' });
    assert.deepEqual(declaredModels(second.text).map((m) => [m.name, [...m.fixed]]), [
      ['brusselator_param', [[2, 2.1]]],
      ['brusselator_param_2', [[2, 1.5]]],
    ]);
    parsesCleanly(second.text);
  });

  void it('writes match and prune queries the server parses', () => {
    const match = appendQuery('', {
      kind: 'match',
      modelA: { path: 'full.onnx', fixed: [] },
      modelB: { path: '../other/3-pruned.onnx', fixed: [] },
      query: 'discrepancy',
      domain: [[-1, 1]],
      norm: 'inf',
    });
    assert.match(match.text, /^model m_3_pruned = "..\/other\/3-pruned.onnx"$/m);
    assert.equal(match.text.split('\n')[match.queryLine], 'match full m_3_pruned discrepancy on [-1, 1] norm inf');
    parsesCleanly(match.text);
    const prune = appendQuery(match.text, { kind: 'prune', model: { path: 'full.onnx', fixed: [] }, levels: [10, 30], domain: [[-1, 1]], center: [0.5], norm: 'inf' });
    assert.equal(prune.text.split('\n')[prune.queryLine], 'prune full levels 10, 30 on [-1, 1] at (0.5) norm inf');
    parsesCleanly(prune.text);
  });

  void it('keeps CRLF line endings of an existing file', () => {
    const { text, queryLine } = appendQuery('model a = "a.onnx"\r\n', { kind: 'radius', model: { path: 'a.onnx', fixed: [] }, query: 'pi', center: [0], domain: [[-1, 1]], norm: 'inf' });
    assert.equal(text, 'model a = "a.onnx"\r\n\r\nradius a pi at (0) within [-1, 1] norm inf\r\n');
    assert.equal(text.split('\r\n')[queryLine], 'radius a pi at (0) within [-1, 1] norm inf');
  });

  void it('derives identifiers from file names', () => {
    assert.equal(identifierFor('dir/brusselator_param.onnx'), 'brusselator_param');
    assert.equal(identifierFor('3-net.ONNX'), 'm_3_net');
  });

  void it('reads model and query kind back from a query line for the panel columns', () => {
    assert.deepEqual(describeQuery('radius brus bl at P1 norm inf'), { model: 'brus', query: 'radius bl' });
    assert.deepEqual(describeQuery('match full pruned transform on D'), { model: 'full vs pruned', query: 'match transform' });
    assert.deepEqual(describeQuery('prune full levels 10, 30 on D'), { model: 'full', query: 'prune sweep' });
  });
});
