// The float64 forward pass of every model that parses agrees with onnxruntime-web on seeded random
// inputs: the normalisation (folded Sub/Div, Flatten, MatMul+Add, Gemm flags, skip connections carried across
// ReLUs) preserves the function.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx } from '../../src/engine/onnx';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { seededRandom, uniform } from '../helpers/rng';
import { repoRoot, sharedModelsDir, sharedModelsPresent, skipWithoutSharedModels } from '../helpers/sharedModels';

/** |ours − ort| ≤ 1e-5 · max(1, ‖ort‖∞): ORT computes in float32, we in float64. */
export function assertCloseToOrt(ours: Float64Array, ort: Float64Array, what: string): void {
  assert.equal(ours.length, ort.length, `${what}: output length`);
  const scale = Math.max(1, ...Array.from(ort, Math.abs));
  for (let i = 0; i < ort.length; i++) {
    assert.ok(Math.abs(ours[i] - ort[i]) <= 1e-5 * scale, `${what} output ${i}: ours ${ours[i]}, onnxruntime ${ort[i]}`);
  }
}

function onnxFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.onnx')).map((f) => join(dir, f));
}

async function checkAgainstOrt(path: string, seed: number): Promise<boolean> {
  const bytes = readFileSync(path);
  let net;
  try {
    net = parseOnnx(bytes, path);
  } catch {
    return false; // refusals are pinned down by onnx.models.test.ts
  }
  const model = await OnnxRuntimeModel.load(bytes, path);
  try {
    const rand = seededRandom(seed);
    for (let k = 0; k < 3; k++) {
      // Inputs exactly representable in float32, so both sides see the same point.
      const x = Float64Array.from({ length: net.inputSize }, () => Math.fround(uniform(rand, -1, 1)));
      assertCloseToOrt(forward(net, x), await model.evaluate(x), `${path} point ${k}`);
    }
  } finally {
    await model.release();
  }
  return true;
}

const sharedFiles = sharedModelsPresent
  ? [...onnxFiles(sharedModelsDir), ...onnxFiles(join(sharedModelsDir, 'extra')), ...onnxFiles(join(sharedModelsDir, 'residual'))]
  : [];

void test('../shared/models and extra/ hold the expected number of ONNX models', { skip: skipWithoutSharedModels }, () => {
  assert.ok(sharedFiles.length >= 28, `${sharedFiles.length} models`);
});

for (const [k, path] of sharedFiles.entries()) {
  const refused = basename(path).includes('sigmoid');
  const title = refused ? 'is refused, so it is not compared' : 'the IR forward pass agrees with onnxruntime-web';
  void test(`${basename(path)}: ${title}`, async () => {
    assert.equal(await checkAgainstOrt(path, 100 + k), !refused);
  });
}

void test('the repository fixture models agree with onnxruntime-web', async () => {
  const files = onnxFiles(join(repoRoot, 'test/fixtures/models'));
  for (const [k, path] of files.entries()) assert.ok(await checkAgainstOrt(path, 7 + k), `${path} parses`);
});
