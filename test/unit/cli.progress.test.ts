// invcert's progress on stderr: plain lines at most every 5 s on a pipe, one line rewritten in place on a terminal
// (cli-progress), in the editor's words rather than the engine's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { PIPE_INTERVAL_MS, pipeLines, progressLineFor } from '../../src/cli/format/progressLine';
import { repoRoot } from '../helpers/sharedModels';

const radiusArgs = ['radius', join(repoRoot, 'examples', 'brusselator_param.onnx'), '--fix', '2=2.1', '--query', 'bl', '--center', '1.96433,1.24951', '--box', '0:3,0:4'];

void test('on a pipe, progress lines come at most once per interval (the first at once)', () => {
  const written: string[] = [];
  const line = pipeLines(PIPE_INTERVAL_MS, (t) => written.push(t));
  for (let i = 0; i < 1000; i++) line.update(`update ${i}`);
  line.done();
  assert.deepEqual(written, ['update 0\n']);
});

void test('a stream that is not a terminal gets plain lines, a terminal the updating line', () => {
  const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
  const written: string[] = [];
  pipe.write = ((c: string) => { written.push(c); return true; });
  progressLineFor(pipe).update('x');
  assert.deepEqual(written, [], 'the pipe renderer writes to stderr, never through the terminal renderer');
});

void test('invcert radius on a pipe: a few plain progress lines in words, then the result on stdout', async () => {
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...radiusArgs], { cwd: repoRoot, timeout: 300_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  const seconds = Number(/\(([\d.]+) s\)/.exec(r.stdout)?.[1] ?? /time: ([\d.]+)/.exec(r.stdout)?.[1] ?? NaN);
  assert.ok(lines.length >= 1, r.stderr);
  // One at once, then one per 5 s of the run at most (the run's own time is printed; allow the start-up around it).
  if (Number.isFinite(seconds)) assert.ok(lines.length <= Math.ceil(seconds / 5) + 2, `${lines.length} lines in ${seconds} s`);
  for (const l of lines) {
    assert.match(l, /^BL radius around \(1\.964, 1\.25\): /, l);
    assert.doesNotMatch(l, /det DF|survive|gap \d+%|\x1b\[/, l);
  }
  assert.doesNotMatch(r.stdout, /BL radius around/, 'progress stays off stdout');
});

// A pseudo-terminal through util-linux's script(1), where present: the line is redrawn in place (carriage returns,
// no new line per update) and cleared before the result.
const hasScript = spawnSync('script', ['--version']).status === 0;
void test('invcert radius on a terminal: one line redrawn in place, cleared before the result', { skip: hasScript ? false : 'no script(1) for a pseudo-terminal' }, () => {
  const command = [process.execPath, '--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...radiusArgs].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qfec', `${command} 2>&1 >/dev/null`, '/dev/null'], { cwd: repoRoot, encoding: 'utf8', timeout: 300_000, env: { ...process.env, COLUMNS: '100', LINES: '30' } });
  assert.equal(r.status, 0, r.stdout);
  const screen = r.stdout;
  assert.match(screen, /BL radius around \(1\.964, 1\.25\): /);
  // Updates return the cursor to the line's start instead of starting new lines.
  const redraws = (screen.match(/\r|\x1b\[\d*G/g) ?? []).length;
  const newlines = (screen.match(/BL radius around[^\n]*\n/g) ?? []).length;
  assert.ok(redraws >= 2, `the line was redrawn in place (${redraws} redraws)`);
  assert.ok(newlines <= 1, `at most one progress line ended with a new line: ${JSON.stringify(screen.slice(0, 400))}`);
});
