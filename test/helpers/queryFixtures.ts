// Writes IR networks as ONNX files (double weights, exact) so query tests go through the real reader,
// engine.run and the onnxruntime-web re-check.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Network } from '../../src/engine/ir/network';
import { writeOnnx } from '../../src/engine/onnx';

const dir = mkdtempSync(join(tmpdir(), 'invcert-queries-'));

export function onnxFixture(net: Network): string {
  const path = join(dir, `${net.source}.onnx`);
  writeFileSync(path, writeOnnx(net, { dtype: 'double' }));
  return path;
}
