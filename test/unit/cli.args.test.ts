// The shared CLI argument parser: accepted forms and the one-line usage errors it raises.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { UsageError, parseBoxArg, parseChoice, parseCommandLine, parseFixArgs, parseNumberList, parseTimeLimit } from '../../src/cli/args';
import { findCommand, listCommands } from '../../src/cli/registry';
import '../../src/cli/commands';

const SPECS = { fix: { repeatable: true }, box: {}, tighten: {}, 'time-limit': {} };

void test('positionals, --name value, --name=value, flags and repeatable options are parsed', () => {
  const p = parseCommandLine(['model.onnx', '--fix', '2=2.1', '--fix=0=1', '--box=0:3,0:4', '--json'], SPECS);
  assert.deepEqual(p.positional, ['model.onnx']);
  assert.deepEqual(p.values.get('fix'), ['2=2.1', '0=1']);
  assert.deepEqual(p.values.get('box'), ['0:3,0:4']);
  assert.ok(p.flags.has('json'));
});

void test('unknown options, missing values and repeated single options are usage errors', () => {
  assert.throws(() => parseCommandLine(['--bogus'], SPECS), (e: unknown) => e instanceof UsageError && /unknown option --bogus/.test(e.message));
  assert.throws(() => parseCommandLine(['--box'], SPECS), /--box needs a value/);
  assert.throws(() => parseCommandLine(['--box', '--json'], SPECS), /--box needs a value/);
  assert.throws(() => parseCommandLine(['--box', '0:1', '--box', '0:2'], SPECS), /given more than once/);
  assert.throws(() => parseCommandLine(['--json=yes'], SPECS), /takes no value/);
});

void test('--box parses lo:hi lists and refuses reversed or malformed parts', () => {
  assert.deepEqual(parseBoxArg('0:3, -1.5:4e0'), [[0, 3], [-1.5, 4]]);
  assert.throws(() => parseBoxArg('0-3'), /expects lo:hi/);
  assert.throws(() => parseBoxArg('3:0'), /exceeds upper/);
  assert.throws(() => parseBoxArg('0:x'), /not a finite number/);
});

void test('--fix parses IDX=VAL (repeatable or comma-separated) and refuses duplicates', () => {
  assert.deepEqual([...parseFixArgs(['2=2.1', '0=1,1=-3'])], [[2, 2.1], [0, 1], [1, -3]]);
  assert.throws(() => parseFixArgs(['x=1']), /IDX=VAL/);
  assert.throws(() => parseFixArgs(['1=1', '1=2']), /fixed twice/);
  assert.throws(() => parseFixArgs(['1=NaN']), /not a finite number/);
});

void test('choices, number lists and time limits are validated', () => {
  const p = parseCommandLine(['--tighten', 'lp', '--time-limit', '2.5'], SPECS);
  assert.equal(parseChoice(p, 'tighten', ['none', 'interval', 'lp'], 'interval'), 'lp');
  assert.equal(parseTimeLimit(p), 2.5);
  assert.throws(() => parseChoice(parseCommandLine(['--tighten', 'milp'], SPECS), 'tighten', ['none', 'interval', 'lp'], 'interval'), /must be one of/);
  assert.throws(() => parseTimeLimit(parseCommandLine(['--time-limit', '-1'], SPECS)), /must be positive/);
  assert.deepEqual(parseNumberList('1, 2.5,-3', '--center'), [1, 2.5, -3]);
});

void test('the registry holds inspect and the query commands, each with usage text', () => {
  const names = listCommands().map((c) => c.name);
  assert.ok(names.includes('inspect'));
  for (const c of listCommands()) assert.match(c.usage, /usage: invcert /);
  assert.equal(findCommand('nope'), undefined);
});
