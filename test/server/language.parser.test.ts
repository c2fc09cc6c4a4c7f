import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, parseLine } from '../../src/server/language/parser';
import { statementText, tokenizeLine } from '../../src/server/language/lexer';

const sample = `# Brusselator, the paper's case
model F = "brusselator_param.onnx"
fix F[2] = 2.1
domain D = [0, 3] x [0, 4]
point P1 = (1.96433, 1.24951)
radius F bl at P1 norm inf method direct tolerance 1e-3 within D timeout 60
certify F pi at (0.666201, 1.99221) radius 3 norm inf timeout 30
match F G discrepancy on D
match F G transform on [0, 1] × [0, 1]
prune F levels 10, 30, 50 on D at (1, 2) out "pruned/"
`;

void test('parses every statement kind of the language with its fields', () => {
  const doc = parseDocument(sample);
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(doc.statements.map((s) => s.kind), ['model', 'fix', 'domain', 'point', 'radius', 'certify', 'match', 'match', 'prune']);
  const [model, fix, domain, point, radius, certify, match, transform, prune] = doc.statements;
  assert.equal(model.kind === 'model' && model.path.value, 'brusselator_param.onnx');
  assert.ok(fix.kind === 'fix' && fix.index.value === 2 && fix.value.value === 2.1);
  assert.ok(domain.kind === 'domain' && domain.domain.intervals.length === 2 && domain.domain.intervals[1].upper.value === 4);
  assert.ok(point.kind === 'point' && point.point.coords[0].value === 1.96433);
  assert.ok(radius.kind === 'radius' && radius.query === 'bl' && radius.at.kind === 'name');
  assert.deepEqual(radius.kind === 'radius' && radius.options.map((o) => o.name), ['norm', 'method', 'tolerance', 'within', 'timeout']);
  assert.ok(certify.kind === 'certify' && certify.radius.value === 3 && certify.at.kind === 'literal' && certify.at.coords.length === 2);
  assert.ok(match.kind === 'match' && match.query === 'discrepancy' && match.modelB.name === 'G');
  assert.ok(transform.kind === 'match' && transform.on.kind === 'literal' && transform.on.intervals.length === 2);
  assert.ok(prune.kind === 'prune' && prune.levels.map((l) => l.value).join() === '10,30,50' && prune.out?.value === 'pruned/' && prune.at?.kind === 'literal');
});

void test('spans point at the characters of each node on its line', () => {
  const { statement } = parseLine('certify F bl at (1, 2) radius 0.5', 7);
  assert.ok(statement?.kind === 'certify');
  assert.deepEqual(statement.model.span, { line: 7, start: 8, end: 9 });
  assert.deepEqual(statement.at.span, { line: 7, start: 16, end: 22 });
  assert.deepEqual(statement.radius.span, { line: 7, start: 30, end: 33 });
  assert.deepEqual(statement.span, { line: 7, start: 0, end: 33 });
});

void test('a syntax error names what was expected and where, and other lines still parse', () => {
  const doc = parseDocument('model F = brusselator.onnx\ndomain D = [0, 3] x [0, 4]\ncertify F bl at (1, 2)\nradius F xx at (1, 2)');
  assert.equal(doc.statements.length, 1);
  assert.equal(doc.errors.length, 3);
  assert.match(doc.errors[0].message, /expected a quoted \.onnx path, found 'brusselator'/);
  assert.deepEqual(doc.errors[0].span, { line: 0, start: 10, end: 21 });
  assert.match(doc.errors[1].message, /certify needs 'radius <r>'/);
  assert.match(doc.errors[2].message, /expected a query \(bl \| pi\), found 'xx'/);
});

void test('errors at the end of a line point just past the last token', () => {
  const { error } = parseLine('fix F[2] =', 0);
  assert.match(error!.message, /expected a value at end of line/);
  assert.deepEqual(error!.span, { line: 0, start: 10, end: 11 });
});

void test('options are checked per query kind and may not repeat', () => {
  assert.match(parseLine('radius F bl at (1, 2) radius 3', 0).error!.message, /unknown option 'radius' for radius/);
  assert.match(parseLine('certify F bl at (1, 2) radius 1 norm inf norm 1', 0).error!.message, /'norm' given twice/);
  assert.match(parseLine('certify F bl at (1, 2) radius 1 norm 3', 0).error!.message, /expected a norm \(inf \| 1 \| 2\)/);
});

void test('comments, blank lines and strings containing # are handled', () => {
  const doc = parseDocument('\n   # only a comment\nmodel F = "a#b.onnx"  # trailing\n');
  assert.deepEqual(doc.errors, []);
  assert.ok(doc.statements[0].kind === 'model' && doc.statements[0].path.value === 'a#b.onnx');
  assert.equal(statementText('radius  F bl at P   # why'), 'radius F bl at P');
});

void test('numbers accept signs and exponents; glued junk is one bad token', () => {
  assert.deepEqual(tokenizeLine('-1.5e-3 +2 .5 10abc', 0).map((t) => [t.kind, t.text]), [
    ['number', '-1.5e-3'], ['number', '+2'], ['number', '.5'], ['bad', '10abc'],
  ]);
  assert.match(parseLine('model F = "x.onnx', 0).error!.message, /unterminated string/);
});
