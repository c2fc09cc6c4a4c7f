// Where invcert writes a failed query: one line on stderr as text (the README's exit-code contract), the
// QueryResult on stdout with --json; exit 3 either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { QueryResult } from '../../src/shared/results';
import { foldNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';
import { repoRoot } from '../helpers/sharedModels';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
}

void test('--radius 0 as text: exit 3, nothing on stdout, the error as one line on stderr', async () => {
  const { code, stdout, stderr } = await cli(['certify', onnxFixture(foldNet()), '--query', 'bl', '--center', '0,0', '--radius', '0']);
  assert.equal(code, 3);
  assert.equal(stdout, '');
  assert.match(stderr, /^error: --radius must be a positive number, got 0$/m);
});

void test('--radius 0 with --json: exit 3 and the error QueryResult on stdout', async () => {
  const { code, stdout } = await cli(['certify', onnxFixture(foldNet()), '--query', 'bl', '--center', '0,0', '--radius', '0', '--json']);
  assert.equal(code, 3);
  const r = JSON.parse(stdout) as QueryResult;
  assert.equal(r.status, 'error');
  assert.equal(r.error?.code, 'InvalidArgument');
});
