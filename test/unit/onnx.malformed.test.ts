// Hostile or broken files never crash the reader: each gets a typed EngineError with the expected
// code (or, for random garbage that happens to decode, either a typed error or a valid network).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EngineError } from '../../src/engine/errors';
import { parseOnnx } from '../../src/engine/onnx';
import { malformedCorpus } from '../helpers/onnxFixtures';

void test('a corpus of 120 malformed files gets typed errors and never crashes', () => {
  const corpus = malformedCorpus(120, 42);
  assert.equal(new Set(corpus.map((c) => c.name)).size, corpus.length, 'case names are unique');
  for (const c of corpus) {
    let outcome: string;
    try {
      parseOnnx(c.bytes, c.name);
      outcome = 'parsed';
    } catch (e) {
      assert.ok(e instanceof EngineError, `${c.name}: threw a non-engine error: ${String(e)}`);
      assert.equal(e.location.file, c.name, `${c.name}: the error names the file`);
      outcome = e.code;
    }
    if (c.expect.kind === 'codes') assert.ok(c.expect.codes.includes(outcome as never), `${c.name}: got ${outcome}, want ${c.expect.codes.join('|')}`);
  }
});

void test('the corpus generator is deterministic and scales to the 200+ files the resilience tests need', () => {
  const a = malformedCorpus(210, 7);
  const b = malformedCorpus(210, 7);
  assert.equal(a.length, 210);
  assert.deepEqual(a.map((c) => c.name), b.map((c) => c.name));
  assert.deepEqual(a[1].bytes, b[1].bytes);
  assert.notDeepEqual(malformedCorpus(3, 8)[1].bytes, a[1].bytes, 'another seed gives other random bytes');
});

void test('node errors carry the node name, operator and index', () => {
  const unsupported = malformedCorpus(7, 1).find((c) => c.name.includes('unsupported-'));
  assert.ok(unsupported);
  assert.throws(() => parseOnnx(unsupported.bytes, 'm.onnx'), (e: unknown) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.code, 'UnsupportedOperator');
    assert.deepEqual(e.location, { file: 'm.onnx', nodeName: 'Sigmoid_1', opType: 'Sigmoid', nodeIndex: 1 });
    return true;
  });
});
