// `invcert` end to end from TypeScript sources: help, inspect (text and JSON, interval and LP), one-line errors
// (also the query commands' usage errors).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCommand } from '../../src/cli/registry';
import '../../src/cli/commands';
import { repoRoot, sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const brusselator = join(repoRoot, 'test', 'fixtures', 'models', 'brusselator_param.onnx');

interface Run { code: number; stdout: string; stderr: string }

function invcert(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

interface InspectJson {
  inputs: Array<{ name: string; shape: number[] }>;
  outputs: Array<{ name: string; shape: number[] }>;
  freeInputs: number;
  layers: Array<{ width: number; relu: boolean; neurons?: { active: number; inactive: number; unstable: number } }>;
  reluCount: number;
  neurons?: { active: number; inactive: number; unstable: number; perLayer: Array<{ layer: number; unstable: number }> };
  tighten?: string;
  seconds?: number;
  lpLayers?: Array<{ layer: number; outcome: string; targets: number; tightened: number }>;
  budgetSpent?: boolean;
}

void test('invcert --help lists the registered commands and exits 0', async () => {
  const r = await invcert('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /usage: invcert COMMAND/);
  assert.match(r.stdout, /inspect/);
});

void test('inspect --json reports inputs, outputs, layer widths and ReLU count without a box', async () => {
  const r = await invcert('inspect', brusselator, '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as InspectJson;
  assert.deepEqual(j.layers.map((l) => l.width), [64, 64, 2]);
  assert.equal(j.reluCount, 128);
  assert.equal(j.inputs.length, 1);
  assert.equal(j.outputs.length, 1);
  assert.equal(j.neurons, undefined);
});

void test('inspect with --fix and --box counts neuron phases; CROWN leaves fewer unstable than interval, LP no more than CROWN', async () => {
  const args = ['inspect', brusselator, '--fix', '2=2.1', '--box', '0:3,0:4', '--json'];
  const runs = await Promise.all(['interval', 'crown', 'lp'].map((m) => invcert(...args, '--tighten', m)));
  for (const r of runs) assert.equal(r.code, 0, r.stderr);
  const [a, c, b] = runs.map((r) => JSON.parse(r.stdout) as InspectJson);
  assert.deepEqual([a.tighten, c.tighten, b.tighten], ['interval', 'crown', 'lp']);
  assert.ok(c.neurons!.unstable < a.neurons!.unstable, `crown ${c.neurons!.unstable} vs interval ${a.neurons!.unstable}`);
  assert.ok(b.neurons!.unstable <= c.neurons!.unstable, `lp ${b.neurons!.unstable} vs crown ${c.neurons!.unstable}`);
  for (const j of [a, c, b]) {
    assert.equal(j.freeInputs, 2);
    assert.deepEqual(j.layers.map((l) => l.width), [64, 64, 2]);
    assert.equal(j.neurons!.active + j.neurons!.inactive + j.neurons!.unstable, 128);
    assert.equal(j.neurons!.perLayer.length, 2);
    assert.equal(typeof j.seconds, 'number');
  }
  assert.ok(b.neurons!.unstable < a.neurons!.unstable, `lp ${b.neurons!.unstable} vs interval ${a.neurons!.unstable}`);
  // The first layer is exact either way.
  assert.deepEqual(a.layers[0].neurons, b.layers[0].neurons);
});

void test("inspect --tighten none, the older name of interval arithmetic, is still accepted and reported as 'interval'", async () => {
  const args = ['inspect', brusselator, '--fix', '2=2.1', '--box', '0:3,0:4', '--json'];
  const [none, interval] = await Promise.all([invcert(...args, '--tighten', 'none'), invcert(...args)]);
  assert.equal(none.code, 0, none.stderr);
  const a = JSON.parse(none.stdout) as InspectJson;
  const b = JSON.parse(interval.stdout) as InspectJson;
  assert.equal(a.tighten, 'interval');
  assert.deepEqual(a.neurons, b.neurons);
});

void test('inspect without --json prints a readable layer table', async () => {
  const r = await invcert('inspect', brusselator, '--fix', '2=2.1', '--box', '0:3,0:4');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /layer\s+width\s+relu\s+active\s+inactive\s+unstable/);
  assert.match(r.stdout, /free inputs: 2/);
});

void test('a corrupt model file fails with exit 3 and one line on stderr naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'invcert-cli-'));
  const bad = join(dir, 'corrupt.onnx');
  writeFileSync(bad, Buffer.from('this is not a protobuf \x00\xff\xfe garbage'));
  const r = await invcert('inspect', bad, '--json');
  assert.equal(r.code, 3);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^error: /);
  assert.ok(lines[0].includes('corrupt.onnx'), lines[0]);
});

void test('a box with the wrong number of intervals is a one-line domain error', async () => {
  const r = await invcert('inspect', brusselator, '--fix', '2=2.1', '--box', '0:3,0:4,0:1');
  assert.equal(r.code, 3);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  assert.match(r.stderr, /3 interval\(s\) but the model has 2 free input\(s\)/);
});

void test('malformed arguments are one-line usage errors with exit 64', async () => {
  // (The parser's other refusals are unit-tested in cli.args.test.ts, without a process each.)
  for (const args of [['inspect', brusselator, '--box', '0-3'], ['frobnicate']]) {
    const r = await invcert(...args);
    assert.equal(r.code, 64, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /usage error/);
  }
});

void test('a query command prints its usage for --help (exit 0); an unknown or repeated option is one usage line (exit 64)', async () => {
  const [help, unknown, repeated] = await Promise.all([
    invcert('radius', '--help'),
    invcert('radius', brusselator, '--fix', '2=2.1', '--center', '1,1', '--query', 'bl', '--domain', '0:1,0:1'),
    invcert('certify', brusselator, '--query', 'bl', '--center', '1,1', '--radius', '0.5', '--radius', '0.6'),
  ]);
  assert.equal(help.code, 0, help.stderr);
  assert.equal(help.stdout, `${findCommand('radius')!.usage}\n`);
  assert.equal(unknown.code, 64);
  assert.equal(unknown.stdout, '');
  assert.equal(unknown.stderr, "usage error: unknown option --domain (see 'invcert radius --help')\n");
  assert.equal(repeated.code, 64);
  assert.equal(repeated.stderr, "usage error: --radius given more than once (see 'invcert certify --help')\n");
});

const bundledCli = join(repoRoot, 'dist', 'cli.js');
void test('the bundled CLI (dist/cli.js via bin/invcert.js) finds its solver worker and highs.wasm beside it',
  { skip: existsSync(bundledCli) ? false : 'dist/cli.js not built (npm run compile)' }, async () => {
    const r = await new Promise<Run>((resolve) => {
      execFile(process.execPath, [join(repoRoot, 'bin', 'invcert.js'), 'inspect', brusselator, '--fix', '2=2.1', '--box', '0:3,0:4', '--tighten', 'lp', '--json'],
        { cwd: tmpdir(), timeout: 120_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
    });
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as InspectJson;
    assert.equal(j.tighten, 'lp');
    assert.ok(j.neurons!.unstable < 94, `lp unstable ${j.neurons!.unstable}`);
  });


void test('inspect --tighten lp --budget 3 on a 784-input 9×200 network returns near its budget, saying which layers kept CROWN bounds',
  { skip: skipWithoutSharedModels }, async () => {
    const box = Array.from({ length: 784 }, () => '0.49:0.51').join(',');
    const args = ['inspect', sharedModel('extra/eran_mnist_relu_9_200.onnx'), '--box', box, '--tighten', 'lp', '--budget', '3'];
    const started = Date.now();
    const [json, text] = await Promise.all([invcert(...args, '--json'), invcert(...args)]);
    const elapsed = (Date.now() - started) / 1000;
    assert.equal(json.code, 0, json.stderr);
    const j = JSON.parse(json.stdout) as InspectJson;
    assert.equal(j.budgetSpent, true);
    const layers = j.lpLayers ?? [];
    assert.deepEqual(layers.map((l) => l.layer), [2, 3, 4, 5, 6, 7, 8, 9], 'one entry per layer after the first');
    const stopped = layers.filter((l) => l.outcome === 'stopped');
    assert.ok(stopped.length > 0 && stopped.at(-1)?.layer === 9, 'the last layers stopped at the budget');
    // A stopped layer is never counted as LP-tightened.
    assert.ok(stopped.every((l) => l.tightened === 0));
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /budget +spent: layers [\d, ]*9 kept their CROWN\/interval bounds \(not LP-tightened\)/);
    assert.ok(elapsed < 3 + 60, `returned after ${elapsed} s on a 3 s budget`);
  });
