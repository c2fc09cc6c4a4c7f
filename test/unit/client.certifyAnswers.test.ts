import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { inputCountFromMarkdown } from '../../src/client/certify/inputCount';
import { parseOnnx } from '../../src/engine/onnx';
import { modelSummaryMarkdown } from '../../src/server/models/modelSummary';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';
import { extractNumbers, freeInputIndices, parseBox, parsePoint, resolveAnswers } from '../../src/client/certify/answers';

void describe('certify flow answers', () => {
  void it('defaults to no fixed inputs, [-1, 1] per input, the midpoint, the BL radius and the ∞-norm', () => {
    assert.deepEqual(resolveAnswers({}, 2), { fixed: [], domain: [[-1, 1], [-1, 1]], center: [0, 0], query: 'radius-bl', norm: 'inf' });
  });

  void it('takes the scripted answers of an integration test (Brusselator with b fixed at 2.1)', () => {
    const answers = resolveAnswers({ fixed: [[2, 2.1]], domain: [[0, 3], [0, 4]], query: 'radius-pi', norm: '1' }, 3);
    assert.deepEqual(answers, { fixed: [[2, 2.1]], domain: [[0, 3], [0, 4]], center: [1.5, 2], query: 'radius-pi', norm: '1' });
  });

  void it('sizes the default domain by the free inputs only', () => {
    const answers = resolveAnswers({ fixed: [[2, 2.1]] }, 3);
    assert.ok(typeof answers !== 'string');
    assert.equal(answers.domain.length, 2);
  });

  void it('rejects a centre outside the domain, a wrong-sized domain, and fixing every input', () => {
    assert.match(resolveAnswers({ domain: [[0, 1]], center: [2] }, 1) as string, /outside the domain/);
    assert.match(resolveAnswers({ domain: [[0, 1]] }, 2) as string, /needs 2 intervals/);
    assert.match(resolveAnswers({ fixed: [[0, 1]] }, 1) as string, /must stay free/);
  });

  void it('requires a positive radius for certify-at-r queries', () => {
    assert.match(resolveAnswers({ query: 'bl' }, 2) as string, /needs a radius/);
    const ok = resolveAnswers({ query: 'pi', radius: 0.5 }, 2);
    assert.ok(typeof ok !== 'string' && ok.radius === 0.5);
  });

  void it('parses boxes and points written with any separators', () => {
    assert.deepEqual(extractNumbers('[-1, 1] × [0, 2.5e-1]'), [-1, 1, 0, 0.25]);
    assert.deepEqual(parseBox('[0, 3] x [0, 4]', 2), [[0, 3], [0, 4]]);
    assert.match(parseBox('[3, 0]', 1) as string, /lower < upper/);
    assert.match(parsePoint('(1, 2, 3)', 2) as string, /Expected 2 numbers/);
  });

  void it('lists the free inputs once some are fixed', () => {
    assert.deepEqual(freeInputIndices(3, [[1, 0.5]]), [0, 2]);
  });
});

void describe('input count for the quick inputs', () => {
  void it("reads the input count from the server's own model summary of the Brusselator network", { skip: skipWithoutSharedModels }, () => {
    const model = sharedModel('brusselator_param.onnx');
    const net = parseOnnx(readFileSync(model), model);
    assert.equal(inputCountFromMarkdown(modelSummaryMarkdown(net, { path: model })), 3);
  });

  void it('returns undefined when the summary has no inputs row', () => {
    assert.equal(inputCountFromMarkdown('# Model summary unavailable'), undefined);
  });
});
