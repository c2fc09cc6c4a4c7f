// The ONNX reader and the onnxruntime-web evaluator work from an esbuild CommonJS bundle with only
// the ORT WASM files beside it (as scripts/build.mjs lays out dist/), far from any node_modules.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { repoRoot } from '../helpers/sharedModels';

const ENTRY = `
import { readFileSync } from 'node:fs';
import { forward } from './src/engine/ir/forward';
import { parseOnnx } from './src/engine/onnx';
import { evaluateWithOnnxRuntime, ortWasmDirectory } from './src/engine/witness/onnxRuntime';
const bytes = readFileSync(process.argv[2]);
const x = [0.1, 0.2, 2.1];
evaluateWithOnnxRuntime(bytes, x).then((y) => {
  console.log(JSON.stringify({ dir: ortWasmDirectory(), ort: Array.from(y), ours: Array.from(forward(parseOnnx(bytes, 'b'), x)) }));
}, (e) => { console.error(e); process.exit(1); });
`;

interface BundleOutput { dir: string; ort: number[]; ours: number[] }

void test('a bundled parser + onnxruntime-web evaluator runs with the WASM runtime beside the bundle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'invcert-ort-bundle-'));
  try {
    await build({
      stdin: { contents: ENTRY, resolveDir: repoRoot, loader: 'ts', sourcefile: 'entry.ts' },
      outfile: join(dir, 'bundle.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent',
    });
    for (const f of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) {
      copyFileSync(join(repoRoot, 'node_modules/onnxruntime-web/dist', f), join(dir, f));
    }
    const model = join(repoRoot, 'test/fixtures/models/brusselator_param.onnx');
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'bundle.js'), model], { cwd: dir, timeout: 120_000 });
    const out = JSON.parse(stdout) as BundleOutput;
    assert.equal(out.dir, dir, 'the runtime is taken from beside the bundle');
    assert.equal(out.ort.length, 2);
    out.ort.forEach((v, i) => assert.ok(Math.abs(v - out.ours[i]) <= 1e-5, `${v} vs ${out.ours[i]}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
