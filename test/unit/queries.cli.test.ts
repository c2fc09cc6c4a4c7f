// The invcert query commands' contract: verdict line first, --json is the QueryResult, exit code by status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { QueryResult } from '../../src/shared/results';
import { absNet, foldNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';
import { repoRoot } from '../helpers/sharedModels';

/** Runs `invcert` from sources in a child process (main.ts runs the CLI when executed directly). */
function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, timeout: 300_000 },
      (error, stdout) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout }));
  });
}

void test('certify prints the verdict line first and exits 0 when certified', async () => {
  const { code, out } = await cli(['certify', onnxFixture(foldNet()), '--query', 'bl', '--center', '1,0.5', '--radius', '0.5', '--method', 'direct']);
  assert.equal(code, 0);
  assert.match(out.split('\n')[0], /^certified: injective on B∞\(c, 0\.5\)/);
});

void test('radius --json is the QueryResult; PI of |x| at 0.5 is 1 with witness −0.5 (exit 0)', async () => {
  const { code, out } = await cli(['radius', onnxFixture(absNet()), '--query', 'pi', '--center', '0.5', '--method', 'direct', '--json']);
  const r = JSON.parse(out) as QueryResult;
  assert.equal(code, 0);
  assert.equal(r.query, 'radius-pi');
  assert.ok(Math.abs((r.radius ?? 0) - 1) < 1e-6);
  assert.ok(Math.abs((r.witness?.x[0] ?? 0) + 0.5) < 1e-6);
});

void test('a counterexample exits 1; a wrong --center length is an error result (exit 3), --fix indexes all inputs', async () => {
  const ce = await cli(['certify', onnxFixture(absNet()), '--query', 'bl', '--center', '0.5', '--radius', '1', '--method', 'direct']);
  assert.equal(ce.code, 1);
  assert.match(ce.out.split('\n')[0], /^counterexample/);
  const bad = await cli(['certify', onnxFixture(foldNet()), '--query', 'bl', '--center', '1', '--radius', '1', '--json']);
  assert.equal(bad.code, 3);
  assert.equal((JSON.parse(bad.out) as QueryResult).error?.code, 'InvalidArgument');
  const fixed = await cli(['certify', onnxFixture(foldNet()), '--query', 'pi', '--center', '1', '--fix', '1=0.5', '--radius', '0.5', '--method', 'direct', '--json']);
  assert.equal((JSON.parse(fixed.out) as QueryResult).status, 'certified');
});
