// The query commands through `invcert` itself: their --help text, and a usage error as one stderr line with exit 64.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { findCommand } from '../../src/cli/registry';
import '../../src/cli/commands';
import { repoRoot } from '../helpers/sharedModels';

const brusselator = join(repoRoot, 'test', 'fixtures', 'models', 'brusselator_param.onnx');

function invcert(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
}

/** The --help text of each query command, word for word (README points users at it). */
const HELP: Record<string, string> = {
  certify: 'usage: invcert certify MODEL --query bl|pi --center a,b,... --radius R [--norm inf|1|2] [--fix IDX=VAL ...] [--method direct|paper] [--time-limit S] [--export-lp FILE|--export-mps FILE] [--json]',
  radius: 'usage: invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] [--fix IDX=VAL ...] [--method direct|bisection|paper] [--tolerance 1e-3] [--box lo:hi,...] [--time-limit S] [--export-lp FILE|--export-mps FILE] [--json]',
  match: 'usage: invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--norm inf] [--fix IDX=VAL ...] [--time-limit S] [--json]',
  prune: 'usage: invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center a,b,...] [--fix IDX=VAL ...] [--time-limit S] [--json]',
};

void test('each query command keeps its --help text', () => {
  for (const [name, usage] of Object.entries(HELP)) assert.equal(findCommand(name)?.usage, usage, name);
});

void test('radius --help prints the usage and exits 0; an unknown option is one usage line with exit 64', async () => {
  const [help, unknown, repeated] = await Promise.all([
    invcert('radius', '--help'),
    invcert('radius', brusselator, '--fix', '2=2.1', '--center', '1,1', '--query', 'bl', '--domain', '0:1,0:1'),
    invcert('certify', brusselator, '--query', 'bl', '--center', '1,1', '--radius', '0.5', '--radius', '0.6'),
  ]);
  assert.equal(help.code, 0, help.stderr);
  assert.equal(help.stdout, `${HELP.radius}\n`);
  assert.equal(unknown.code, 64);
  assert.equal(unknown.stdout, '');
  assert.equal(unknown.stderr, "usage error: unknown option --domain (see 'invcert radius --help')\n");
  assert.equal(repeated.code, 64);
  assert.equal(repeated.stderr, "usage error: --radius given more than once (see 'invcert certify --help')\n");
});
