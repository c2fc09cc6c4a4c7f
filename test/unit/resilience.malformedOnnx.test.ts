// Every malformed ONNX file gets a clear, typed error from the reader (or, for damage that leaves a well-formed
// model, loads as one); nothing throws an untyped error, crashes or hangs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EngineError } from '../../src/engine/errors';
import { parseOnnx } from '../../src/engine/onnx/read';
import type { MalformedCase } from '../resilience/malformedOnnx';
import { categories, malformedOnnxCorpus } from '../resilience/malformedOnnx';
import { malformedCorpus } from '../helpers/onnxFixtures';

const corpus = malformedOnnxCorpus();

type Outcome = { kind: 'loaded' } | { kind: 'typed'; error: EngineError } | { kind: 'untyped'; error: unknown };

function read(c: MalformedCase): Outcome {
  try {
    const network = parseOnnx(c.bytes, c.name);
    assert.ok(network.layers.length > 0);
    return { kind: 'loaded' };
  } catch (error) {
    return error instanceof EngineError ? { kind: 'typed', error } : { kind: 'untyped', error };
  }
}

/** What is wrong with the outcome of one case, or undefined. */
function problem(c: MalformedCase, outcome: Outcome): string | undefined {
  if (outcome.kind === 'untyped') return `untyped ${String(outcome.error)}`;
  if (outcome.kind === 'loaded') return c.expect === 'error' ? 'loaded without an error' : undefined;
  const { error } = outcome;
  if (c.codes && c.expect === 'error' && !c.codes.includes(error.code)) return `${error.code} instead of ${c.codes.join('|')}: ${error.message}`;
  if (error.location.file !== c.name) return `the error does not name the file: ${error.describe()}`;
  if (error.message.trim().length < 15) return `unclear message '${error.message}'`;
  return undefined;
}

void test('the generated corpus holds more than 200 malformed files', () => {
  assert.ok(corpus.length >= 200, `${corpus.length} cases`);
  assert.equal(new Set(corpus.map((c) => c.name)).size, corpus.length, 'case names are unique');
});

for (const category of categories) {
  void test(`${category} files: each gets a typed error naming the file, or loads when still well-formed`, () => {
    const cases = corpus.filter((c) => c.category === category);
    assert.ok(cases.length > 0, `the corpus has ${category} files`);
    const problems = cases.map((c) => [c.name, problem(c, read(c))] as const).filter(([, p]) => p !== undefined);
    assert.deepEqual(problems, [], problems.map(([n, p]) => `${n}: ${p}`).join('\n'));
  });
}

void test('most truncations and bit flips are refused rather than loaded', () => {
  const damaged = corpus.filter((c) => c.expect === 'errorOrValid');
  const refused = damaged.filter((c) => read(c).kind === 'typed').length;
  assert.ok(refused / damaged.length > 0.6, `${refused}/${damaged.length} refused`);
});

void test('an unsupported operator error names the node and its operator', () => {
  const c = corpus.find((x) => x.name.includes('replaced by Sigmoid'))!;
  const outcome = read(c);
  assert.equal(outcome.kind, 'typed');
  const { error } = outcome as { error: EngineError };
  assert.equal(error.code, 'UnsupportedOperator');
  assert.equal(error.location.opType, 'Sigmoid');
  assert.match(error.describe(), /Sigmoid/);
});

void test("the reader's own generated corpus (test/helpers/onnxFixtures) gets typed errors too", () => {
  const problems: string[] = [];
  for (const c of malformedCorpus(200, 11)) {
    const asCase: MalformedCase = {
      name: c.name, bytes: c.bytes, category: 'garbage',
      expect: c.expect.kind === 'codes' ? 'error' : 'errorOrValid',
      ...(c.expect.kind === 'codes' ? { codes: c.expect.codes } : {}),
    };
    const p = problem(asCase, read(asCase));
    if (p) problems.push(`${c.name}: ${p}`);
  }
  assert.deepEqual(problems, []);
});
