// Bundles the extension-host test suite (test/integration/{suite,afterReload}) into out/test/integration/{suite,afterReload}/.
// `vscode` comes from the host; mocha stays external and resolves from the repository's node_modules.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'out', 'test', 'integration');
const entries = ['suite', 'afterReload'].flatMap((dir) =>
  readdirSync(join(root, 'test', 'integration', dir))
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(root, 'test', 'integration', dir, f)),
);
await build({
  entryPoints: entries,
  outdir,
  outbase: join(root, 'test', 'integration'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${entries.length} extension-host test files into ${outdir}`);
