// Ctrl-C during a query: the CLI stops the solver and exits 130 with one line, as the README's exit codes say.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/sharedModels';

const acas = join(repoRoot, 'test', 'fixtures', 'models', 'acasxu_run2a_1_1.onnx');
/** Every progress line on the pipe (not one per 5 s), so the signal lands at the stage each test waits for. */
const EVERY_LINE = { ...process.env, INVCERT_PROGRESS_INTERVAL_MS: '0' };

/** The child's exit code; a child still running after 3 min (its stage never came, so no signal) is killed, so the
 * test fails on its assertions instead of hanging the suite. */
function exitCode(child: ChildProcess): Promise<number | null> {
  const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
  return new Promise((resolve) => child.on('exit', (c) => { clearTimeout(guard); resolve(c); }));
}

void test('SIGINT during a long MILP query ends invcert with exit code 130 and "interrupted"', async () => {
  // The paper's formulation on ACAS Xu runs for minutes: the signal always lands mid-solve.
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'certify', acas,
    '--query', 'bl', '--center', '0,0,0,0,0', '--radius', '0.05', '--method', 'paper'], { cwd: repoRoot, env: EVERY_LINE });
  let stderr = '';
  let signalled = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Progress from the MILP means the solver is busy: interrupt now.
    if (!signalled && stderr.includes('solving an exact MILP')) { signalled = true; child.kill('SIGINT'); }
  });
  const code = await exitCode(child);
  assert.ok(signalled, `the query reached the MILP (stderr: ${stderr.slice(-300)})`);
  assert.equal(code, 130);
  assert.match(stderr, /^interrupted$/m);
});

void test('SIGINT during a radius search prints the unresolved result with the bracket found so far, then exits 130', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'radius', join(repoRoot, 'examples', 'brusselator_param.onnx'),
    '--fix', '2=2.1', '--center', '1.96433,1.24951', '--query', 'bl', '--json'], { cwd: repoRoot, env: EVERY_LINE });
  let stderr = '', stdout = '';
  let signalled = false;
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // The radius has a bracket: the fold scan's pair (or a proved lower end) is already known.
    if (!signalled && /bracket \[/.test(stderr)) { signalled = true; child.kill('SIGINT'); }
  });
  const code = await exitCode(child);
  assert.ok(signalled, `the search reached the bisection (stderr: ${stderr.slice(-300)})`);
  assert.equal(code, 130);
  assert.match(stderr, /^interrupted$/m);
  const result = JSON.parse(stdout) as { status: string; message: string; radiusLower?: number; radiusUpper?: number; witness?: { checkedBy: string[] } };
  assert.equal(result.status, 'unresolved');
  assert.match(result.message, /cancelled/);
  assert.equal(typeof result.radiusLower, 'number', result.message);
  if (result.radiusUpper !== undefined) assert.ok(result.witness?.checkedBy.includes('onnxruntime-web'), 'an upper end comes with its re-checked pair');
});
