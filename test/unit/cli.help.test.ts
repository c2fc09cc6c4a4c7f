// `invcert help COMMAND` and `invcert COMMAND --help` come from the declarations the parser reads (src/cli/help.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { UsageError, parseCommandLine } from '../../src/cli/args';
import { parseRadius, radiusLine } from '../../src/cli/commands/radius';
import { listCommands } from '../../src/cli/registry';
import { repoRoot } from '../helpers/sharedModels';
import '../../src/cli/commands';

function invcert(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
}

void test('invcert help COMMAND prints what invcert COMMAND --help prints; help for no such command is a usage error', async () => {
  const [viaHelp, viaFlag, none] = await Promise.all([invcert('help', 'radius'), invcert('radius', '--help'), invcert('help', 'frobnicate')]);
  assert.equal(viaHelp.code, 0, viaHelp.stderr);
  assert.equal(viaHelp.stdout, viaFlag.stdout);
  assert.equal(none.code, 64);
  assert.match(none.stderr, /no command 'frobnicate'/);
});

void test('every option a command parses has a line in its help, and the usage line names the required ones without brackets', () => {
  for (const command of listCommands()) {
    for (const line of command.usage.split('\n').slice(2)) assert.doesNotMatch(line, /undefined/, `${command.name}: ${line}`);
  }
  const help = listCommands().find((c) => c.name === 'radius')!.usage;
  for (const name of Object.keys(radiusLine.options)) assert.match(help, new RegExp(`\\n  --${name} `), name);
  assert.match(help, /^usage: invcert radius MODEL --query bl\|pi --center a,b,\.\.\. \[/);
});

void test('a negative number may follow its option as a separate word; an unknown short flag is named', () => {
  const r = parseRadius(['m.onnx', '--query', 'bl', '--center', '-1,2', '--box', '-2:0,0:4']);
  assert.equal(r.spec.kind, 'radius');
  if (r.spec.kind === 'radius') {
    assert.deepEqual(r.spec.center, [-1, 2]);
    assert.deepEqual(r.spec.domain, [[-2, 0], [0, 4]]);
  }
  assert.throws(() => parseCommandLine(['m.onnx', '-x'], {}), (e: unknown) => e instanceof UsageError && e.message === 'unknown option -x');
  assert.ok(parseCommandLine(['-h'], {}).flags.has('help'));
});
