// The query commands (certify / radius / match / prune) on the shared parser: what each command line becomes, and
// the one-line usage errors for repeated, unknown and value-less options and malformed values.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { UsageError } from '../../src/cli/args';
import { parseCertify } from '../../src/cli/commands/certify';
import { parseMatch } from '../../src/cli/commands/match';
import { parsePrune } from '../../src/cli/commands/prune';
import type { QueryInvocation } from '../../src/cli/commands/queryArgs';
import { parseRadius } from '../../src/cli/commands/radius';
import { findCommand } from '../../src/cli/registry';
import '../../src/cli/commands';

type Parse = (argv: readonly string[]) => QueryInvocation;

/** A valid command line per command, to which each case adds or changes one thing. */
const valid: ReadonlyArray<readonly [string, Parse, readonly string[]]> = [
  ['certify', parseCertify, ['m.onnx', '--query', 'bl', '--center', '1,2', '--radius', '0.5']],
  ['radius', parseRadius, ['m.onnx', '--query', 'pi', '--center', '1,2']],
  ['match', parseMatch, ['a.onnx', 'b.onnx', '--box', '0:1,0:1', '--query', 'transform']],
  ['prune', parsePrune, ['m.onnx', '--levels', '10,30', '--out', 'pruned', '--box', '0:1,0:1']],
];

const usageError = (pattern: RegExp) => (e: unknown): boolean => e instanceof UsageError && pattern.test(e.message);

void test('certify: every option lands in the spec; --json and --export-lp shape the output', () => {
  const r = parseCertify(['m.onnx', '--query', 'pi', '--center=1.5,-2', '--radius', '0.25', '--norm', '1', '--fix', '2=2.1',
    '--method', 'paper', '--time-limit', '30', '--export-lp', 'out.lp', '--json']);
  assert.deepEqual(r.spec, {
    kind: 'certify', model: { path: 'm.onnx', fixed: [[2, 2.1]] }, query: 'pi', center: [1.5, -2], radius: 0.25, norm: '1',
    method: 'paper', timeLimitSeconds: 30,
  });
  assert.equal(r.json, true);
  assert.deepEqual(r.exportModel, { path: 'out.lp', format: 'lp' });
  const plain = parseCertify(valid[0][2]);
  assert.deepEqual(plain.spec, { kind: 'certify', model: { path: 'm.onnx', fixed: [] }, query: 'bl', center: [1, 2], radius: 0.5, norm: 'inf' });
  assert.equal(plain.json, false);
  assert.equal(plain.exportModel, undefined);
});

void test('--fix IDX=VAL may be repeated, comma-joined or written --fix=IDX=VAL; values are kept in order', () => {
  for (const [name, parse, argv] of valid) {
    const r = parse([...argv, '--fix', '2=2.1', '--fix=0=1,1=-3', '--fix', '4=1e-2']);
    const models = r.spec.kind === 'match' ? [r.spec.modelA, r.spec.modelB] : [r.spec.model];
    for (const m of models) assert.deepEqual(m.fixed, [[2, 2.1], [0, 1], [1, -3], [4, 0.01]], name);
  }
});

void test('--box is the domain of radius (optional), match and prune (required)', () => {
  const withBox = parseRadius([...valid[1][2], '--box', '0:3, -1.5:4e0', '--tolerance', '1e-3', '--method', 'bisection']);
  assert.equal(withBox.spec.kind, 'radius');
  if (withBox.spec.kind !== 'radius') return;
  assert.deepEqual(withBox.spec.domain, [[0, 3], [-1.5, 4]]);
  assert.equal(withBox.spec.tolerance, 1e-3);
  assert.equal(withBox.spec.method, 'bisection');
  assert.equal('domain' in parseRadius(valid[1][2]).spec, false, 'no --box: the engine picks the domain');
  const match = parseMatch([...valid[2][2], '--norm', '2', '--time-limit', '5']);
  assert.deepEqual(match.spec, {
    kind: 'match', modelA: { path: 'a.onnx', fixed: [] }, modelB: { path: 'b.onnx', fixed: [] }, query: 'transform',
    domain: [[0, 1], [0, 1]], norm: '2', timeLimitSeconds: 5,
  });
  const prune = parsePrune([...valid[3][2], '--center', '0.5,0.25']);
  assert.deepEqual(prune.spec, {
    kind: 'prune', model: { path: 'm.onnx', fixed: [] }, levels: [10, 30], outDir: 'pruned', domain: [[0, 1], [0, 1]], center: [0.5, 0.25], norm: 'inf',
  });
  const direct = parseMatch([...valid[2][2], '--method', 'direct']).spec;
  assert.ok(direct.kind === 'match' && direct.method === 'direct', 'match takes --method');
  const paper = parsePrune([...valid[3][2], '--method', 'paper']).spec;
  assert.ok(paper.kind === 'prune' && paper.method === 'paper', 'prune takes --method for its discrepancies');
  assert.throws(() => parseMatch([...valid[2][2], '--method', 'bisection']), usageError(/--method/));
  assert.throws(() => parseMatch(['a.onnx', 'b.onnx', '--query', 'transform']), usageError(/^--box is required$/));
  assert.throws(() => parsePrune(['m.onnx', '--levels', '10', '--out', 'x']), usageError(/^--box is required$/));
  // Reversed intervals are the engine's to refuse (a domain error, exit 3), as before; malformed ones are usage errors.
  assert.doesNotThrow(() => parseRadius([...valid[1][2], '--box', '1:0,0:1']));
  assert.throws(() => parseRadius([...valid[1][2], '--box', '0-1,0:1']), usageError(/^--box expects lo:hi,\.\.\. got '0-1'$/));
  assert.throws(() => parseRadius([...valid[1][2], '--box', '0:x,0:1']), usageError(/^--box: 'x' is not a number$/));
});

void test('a single-valued option given twice is refused, for every query command; --fix is not', () => {
  const single: Record<string, readonly string[]> = {
    certify: ['--query', '--center', '--radius', '--method'],
    radius: ['--query', '--center', '--method', '--tolerance', '--box'],
    match: ['--query', '--box', '--method'],
    prune: ['--levels', '--out', '--box', '--center', '--method'],
  };
  for (const [name, parse, argv] of valid) {
    for (const opt of ['--norm', '--time-limit', '--export-lp', '--export-mps', ...single[name]]) {
      assert.throws(() => parse([...argv, opt, '1', opt, '2']), usageError(new RegExp(`^${opt} given more than once$`)), `${name} ${opt}`);
    }
    assert.doesNotThrow(() => parse([...argv, '--fix', '0=1', '--fix', '1=2']), name);
  }
});

void test('options a command does not take, and --domain, are unknown options', () => {
  const foreign: Record<string, readonly string[]> = {
    certify: ['--tolerance', '--box', '--levels', '--tighten'],
    radius: ['--radius', '--levels', '--out'],
    match: ['--center', '--radius', '--tolerance'],
    prune: ['--query', '--radius'],
  };
  for (const [name, parse, argv] of valid) {
    for (const opt of ['--domain', '--bogus', ...foreign[name]]) {
      assert.throws(() => parse([...argv, opt, '1']), usageError(new RegExp(`^unknown option ${opt}$`)), `${name} ${opt}`);
    }
  }
});

void test('an option without its value, or a flag with one, is refused', () => {
  for (const [name, parse, argv] of valid) {
    assert.throws(() => parse([...argv, '--fix']), usageError(/^--fix needs a value$/), name);
    assert.throws(() => parse([...argv, '--norm', '--json']), usageError(/^--norm needs a value$/), name);
    assert.throws(() => parse([...argv, '--json=yes']), usageError(/^--json takes no value$/), name);
  }
  // A negative number is a value, not an option.
  const r = parseCertify(['m.onnx', '--query', 'bl', '--center', '-1,-2', '--radius', '0.5']);
  assert.deepEqual(r.spec.kind === 'certify' && r.spec.center, [-1, -2]);
});

void test('malformed values keep the query commands\' messages', () => {
  const certify = (...more: string[]): QueryInvocation => parseCertify([...valid[0][2], ...more]);
  assert.throws(() => certify('--fix', 'x=1'), usageError(/^--fix expects IDX=VAL, got 'x=1'$/));
  assert.throws(() => certify('--fix', '2=abc'), usageError(/^--fix value: 'abc' is not a number$/));
  assert.throws(() => certify('--norm', '3'), usageError(/^--norm must be inf, 1 or 2, got '3'$/));
  assert.throws(() => certify('--method', 'bisection'), usageError(/^--method must be one of auto, direct, paper, got 'bisection'$/));
  assert.throws(() => certify('--time-limit', 'x'), usageError(/^--time-limit: 'x' is not a number$/));
  assert.throws(() => certify('--export-lp', 'a.lp', '--export-mps', 'b.mps'), usageError(/^give either --export-lp or --export-mps$/));
  assert.throws(() => parseCertify(['m.onnx', '--query', 'xx', '--center', '1', '--radius', '1']), usageError(/^--query must be one of bl, pi, got 'xx'$/));
  assert.throws(() => parseCertify(['m.onnx', '--center', '1', '--radius', '1']), usageError(/^--query is required \(bl\|pi\)$/));
  assert.throws(() => parseCertify(['m.onnx', '--query', 'bl', '--center', '1,x', '--radius', '1']), usageError(/^--center: 'x' is not a number$/));
  assert.throws(() => parseCertify(['m.onnx', '--query', 'bl', '--center', '1']), usageError(/^--radius is required$/));
  assert.throws(() => parseMatch(['a.onnx', 'b.onnx', '--box', '0:1']), usageError(/^--query is required \(transform\|discrepancy\)$/));
  assert.throws(() => parsePrune(['m.onnx', '--levels', '10,x', '--out', 'o', '--box', '0:1']), usageError(/^--levels: 'x' is not a number$/));
});

void test('the wrong number of model paths is answered with the command\'s usage line', () => {
  for (const [name, parse, argv] of valid) {
    const models = name === 'match' ? 2 : 1;
    const options = argv.slice(models);
    for (const positional of [[], ['x.onnx', 'y.onnx', 'z.onnx']]) {
      assert.throws(() => parse([...positional, ...options]), usageError(new RegExp(`^usage: invcert ${name} MODEL`)), `${name} with ${positional.length}`);
    }
  }
});

/** The --help text of each query command, word for word (README points users at it). */
const HELP: Record<string, string> = {
  certify: 'usage: invcert certify MODEL --query bl|pi --center a,b,... --radius R [--method auto|direct|paper] [--norm inf|1|2] [--fix IDX=VAL ...] [--time-limit S] [--budget S] [--export-lp FILE] [--export-mps FILE] [--json]',
  radius: 'usage: invcert radius MODEL --query bl|pi --center a,b,... [--method auto|direct|bisection|paper] [--tolerance T] [--box lo:hi,...] [--norm inf|1|2] [--fix IDX=VAL ...] [--time-limit S] [--budget S] [--export-lp FILE] [--export-mps FILE] [--json]',
  match: 'usage: invcert match MODEL_A MODEL_B --box lo:hi,... --query transform|discrepancy [--method auto|direct|paper] [--norm inf|1|2] [--fix IDX=VAL ...] [--time-limit S] [--budget S] [--export-lp FILE] [--export-mps FILE] [--json]',
  prune: 'usage: invcert prune MODEL --levels 10,30,50 --out DIR --box lo:hi,... [--center a,b,...] [--method auto|direct|paper] [--norm inf|1|2] [--fix IDX=VAL ...] [--time-limit S] [--budget S] [--export-lp FILE] [--export-mps FILE] [--json]',
};

void test('each query command keeps its usage line (the first line of its generated --help)', () => {
  for (const [name, usage] of Object.entries(HELP)) assert.equal(findCommand(name)?.usage.split('\n')[0], usage, name);
});


void test('--method auto names the default method for certify and radius', () => {
  const certify = parseCertify([...valid[0][2], '--method', 'auto']).spec;
  const radius = parseRadius([...valid[1][2], '--method', 'auto']).spec;
  assert.ok(certify.kind === 'certify' && certify.method === 'auto');
  assert.ok(radius.kind === 'radius' && radius.method === 'auto');
});
