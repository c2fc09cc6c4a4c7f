// summarizeNetwork reports the numbers `invcert inspect --json` and hovers show.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeNetwork, summarizeNetwork } from '../../src/engine/ir/summary';
import { parseOnnx } from '../../src/engine/onnx';
import { repoRoot } from '../helpers/sharedModels';

void test('the Brusselator summary: 3 inputs, 64 → 64 → 2, 128 ReLUs, 4546 parameters counted layer by layer', () => {
  const net = parseOnnx(readFileSync(join(repoRoot, 'test/fixtures/models/brusselator_param.onnx')), 'b.onnx');
  const s = summarizeNetwork(net);
  assert.deepEqual(s, {
    inputs: [{ name: 'state_and_parameter', shape: [1, 3] }],
    outputs: [{ name: 'next_state', shape: [1, 2] }],
    layers: [{ width: 64, relu: true, parameters: 3 * 64 + 64 }, { width: 64, relu: true, parameters: 64 * 64 + 64 }, { width: 2, relu: false, parameters: 64 * 2 + 2 }],
    reluCount: 128,
    inputSize: 3,
    outputSize: 2,
    parameterCount: 3 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2,
  });
  assert.deepEqual(JSON.parse(JSON.stringify(s)) as unknown, s, 'the summary is plain JSON');
  assert.equal(describeNetwork(net), '3 → 64 (ReLU) → 64 (ReLU) → 2; 128 ReLUs, 4546 parameters');
});
