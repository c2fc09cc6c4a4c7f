// Ctrl-C during a query: the CLI stops the solver and exits 130 with one line, as the README's exit codes say.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/sharedModels';

const acas = join(repoRoot, 'test', 'fixtures', 'models', 'acasxu_run2a_1_1.onnx');

void test('SIGINT during a long MILP query ends invcert with exit code 130 and "interrupted"', async () => {
  // The paper's formulation on ACAS Xu runs for minutes: the signal always lands mid-solve.
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'certify', acas,
    '--query', 'bl', '--center', '0,0,0,0,0', '--radius', '0.05', '--method', 'paper'], { cwd: repoRoot });
  let stderr = '';
  let signalled = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Progress from the MILP means the solver is busy: interrupt now.
    if (!signalled && stderr.includes('[mip]')) { signalled = true; child.kill('SIGINT'); }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.ok(signalled, `the query reached the MILP (stderr: ${stderr.slice(-300)})`);
  assert.equal(code, 130);
  assert.match(stderr, /^interrupted$/m);
});

void test('SIGINT during a radius search prints the unresolved result with the bracket found so far, then exits 130', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'radius', join(repoRoot, 'examples', 'brusselator_param.onnx'),
    '--fix', '2=2.1', '--center', '1.96433,1.24951', '--query', 'bl', '--json'], { cwd: repoRoot });
  let stderr = '', stdout = '';
  let signalled = false;
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // The bisection has started: the fold scan's pair (or a proved lower end) is already known.
    if (!signalled && /certifying r =/.test(stderr)) { signalled = true; child.kill('SIGINT'); }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.ok(signalled, `the search reached the bisection (stderr: ${stderr.slice(-300)})`);
  assert.equal(code, 130);
  assert.match(stderr, /^interrupted$/m);
  const result = JSON.parse(stdout) as { status: string; message: string; radiusLower?: number; radiusUpper?: number; witness?: { checkedBy: string[] } };
  assert.equal(result.status, 'unresolved');
  assert.match(result.message, /cancelled/);
  assert.equal(typeof result.radiusLower, 'number', result.message);
  if (result.radiusUpper !== undefined) assert.ok(result.witness?.checkedBy.includes('onnxruntime-web'), 'an upper end comes with its re-checked pair');
});
