// Pruned copies of real models for the matching cases, made as the prune query makes its levels (runPrune:
// pruneByMagnitude on the whole network, fixed inputs' columns included, then writeOnnx), so a match against the
// copy asks what a sweep's level asks. Deterministic: the same model and level give the same file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseOnnx, writeOnnx } from '../src/engine/onnx';
import { pruneByMagnitude } from '../src/engine/prune/magnitude';

/** Writes `model` with `percent`% of each layer's weights pruned by magnitude into `dir`; returns the file. */
export function writePrunedCopy(model: string, percent: number, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${basename(model).replace(/\.onnx$/i, '')}_pruned${percent}.onnx`);
  writeFileSync(path, writeOnnx(pruneByMagnitude(parseOnnx(readFileSync(model), model), percent)));
  return path;
}
