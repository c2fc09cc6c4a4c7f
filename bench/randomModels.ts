// Three seeded random MLPs (2 → hidden → 2), written as ONNX so the bench drives them through engine.run
// exactly like a user model. Deterministic: the same seed gives the same file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DenseLayer, Network } from '../src/engine/ir/network';
import { writeOnnx } from '../src/engine/onnx/write';
import { seededRandom } from '../test/helpers/rng';

export interface RandomModel {
  readonly name: string;
  readonly path: string;
}

function randomMlp(name: string, seed: number, hidden: number[]): Network {
  const rand = seededRandom(seed);
  const widths = [2, ...hidden, 2];
  const layers: DenseLayer[] = widths.slice(1).map((out, k) => {
    const inn = widths[k];
    const scale = 1.5 / Math.sqrt(inn);
    return {
      inSize: inn, outSize: out, relu: k < widths.length - 2,
      weights: Float64Array.from({ length: out * inn }, () => (2 * rand() - 1) * scale),
      bias: Float64Array.from({ length: out }, () => rand() - 0.5),
    };
  });
  return {
    layers, inputSize: 2, outputSize: 2, source: name,
    inputs: [{ name: 'input', shape: [1, 2] }], outputs: [{ name: 'output', shape: [1, 2] }],
  };
}

export function writeRandomModels(dir: string): RandomModel[] {
  mkdirSync(dir, { recursive: true });
  const specs: Array<[string, number, number[]]> = [['mlp_1x40', 11, [40]], ['mlp_2x10', 12, [10, 10]], ['mlp_3x6', 13, [6, 6, 6]]];
  return specs.map(([name, seed, hidden]) => {
    const path = join(dir, `${name}.onnx`);
    writeFileSync(path, writeOnnx(randomMlp(name, seed, hidden), { dtype: 'double' }));
    return { name, path };
  });
}
