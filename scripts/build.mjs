// Bundles every entry point with esbuild into dist/, and copies the WASM runtimes beside them.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

const nodeEntry = (entry, outfile, external = []) => ({
  entryPoints: [join(root, entry)],
  outfile: join(dist, outfile),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['vscode', 'tsx/cjs/api', ...external],
  logLevel: 'warning',
});

const entries = [
  nodeEntry('src/cli/main.ts', 'cli.js'),
  nodeEntry('src/engine/solver/worker.ts', 'solverWorker.js'),
];
// Worker threads of the parallel split search (src/engine/split/parallelPool.ts finds it beside the bundle).
if (existsSync(join(root, 'src/engine/split/parallelWorker.ts'))) entries.push(nodeEntry('src/engine/split/parallelWorker.ts', 'splitWorker.js'));
if (existsSync(join(root, 'src/client/extension.ts'))) entries.push(nodeEntry('src/client/extension.ts', 'extension.js'));
if (existsSync(join(root, 'src/server/main.ts'))) entries.push(nodeEntry('src/server/main.ts', 'server.js'));
// The language server runs queries in this worker thread (src/server/jobs/workerExecutor.ts finds it beside server.js).
if (existsSync(join(root, 'src/server/jobs/queryWorker.ts'))) entries.push(nodeEntry('src/server/jobs/queryWorker.ts', 'queryWorker.js'));
if (existsSync(join(root, 'src/webview/main.ts'))) {
  entries.push({
    entryPoints: [join(root, 'src/webview/main.ts')],
    outfile: join(dist, 'webview.js'),
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, minify: true, logLevel: 'warning',
  });
}

// The model viewer's page (src/client/viewer serves it), bundled like the panel's.
if (existsSync(join(root, 'src/webview/viewer/main.ts'))) {
  entries.push({
    entryPoints: [join(root, 'src/webview/viewer/main.ts')],
    outfile: join(dist, 'viewer.js'),
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, minify: true, logLevel: 'warning',
  });
}

function copyRuntimes() {
  mkdirSync(dist, { recursive: true });
  copyFileSync(join(root, 'node_modules/highs/build/highs.wasm'), join(dist, 'highs.wasm'));
  for (const f of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']) {
    copyFileSync(join(root, 'node_modules/onnxruntime-web/dist', f), join(dist, f));
  }
}

const present = entries.filter((e) => existsSync(e.entryPoints[0]));
copyRuntimes();
if (watch) {
  for (const e of present) await (await context(e)).watch();
  console.log('watching', present.length, 'bundles');
} else {
  await Promise.all(present.map((e) => build(e)));
  console.log(`built ${present.length} bundles into dist/`);
}
