// The transform query under method auto (the input-space branch and bound over f₁'s BL cell pairs) through
// engine.run, on the real Brusselator file and copies written as ONNX: pruned (pruneByMagnitude, then b = 2.1 fixed as
// the product fixes it) and composed with an affine map.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/engine/engine';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { forward } from '../../src/engine/ir/forward';
import type { Network } from '../../src/engine/ir/network';
import { parseOnnx, writeOnnx } from '../../src/engine/onnx';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import type { QueryResult } from '../../src/shared/results';
import type { QuerySpec } from '../../src/shared/querySpec';
import { Cancelled } from '../../src/engine/errors';
import { onnxFixture } from '../helpers/queryFixtures';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';
import { randomNet } from '../helpers/splitNets';

const engine = createEngine();
after(() => engine.dispose());
const dir = mkdtempSync(join(tmpdir(), 'invcert-transform-'));
const brusselator = sharedModel('brusselator_param.onnx');
const fixed: Array<[number, number]> = [[2, 2.1]];
const wholeBox: Array<[number, number]> = [[0, 3], [0, 4]];

function written(name: string, net: Network, dtype: 'float' | 'double' = 'float'): string {
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, writeOnnx(net, { dtype }));
  return path;
}

function transform(a: string, b: string, domain: Array<[number, number]>, extra: { budgetSeconds?: number; method?: 'direct' } = {}, fix = fixed): Promise<QueryResult> {
  return engine.run({ kind: 'match', modelA: { path: a, fixed: fix }, modelB: { path: b, fixed: fix }, query: 'transform', domain, norm: 'inf', ...extra });
}

/** f₂ = T ∘ f₁ with T(u) = (2u₀ − u₁ + 0.5, u₀ + 3u₁ − 1): a new last layer, the hidden layers unchanged. */
function affineAfter(net: Network): Network {
  const A = [[2, -1], [1, 3]], c = [0.5, -1];
  const last = net.layers[net.layers.length - 1];
  const n = last.inSize;
  const weights = new Float64Array(2 * n), bias = Float64Array.from(c);
  for (let k = 0; k < 2; k++) {
    for (let j = 0; j < 2; j++) {
      bias[k] += A[k][j] * last.bias[j];
      for (let i = 0; i < n; i++) weights[k * n + i] += A[k][j] * last.weights[j * n + i];
    }
  }
  return { ...net, layers: [...net.layers.slice(0, -1), { ...last, weights, bias }] };
}

void test('Brusselator against its 30% pruned copy on [0,3]×[0,4]: a verified pair f₁ cannot tell apart, its value the maximum to within 1e-3', { skip: skipWithoutSharedModels }, async () => {
  const full = parseOnnx(readFileSync(brusselator), brusselator);
  const copyPath = written('brusselator-30', pruneByMagnitude(full, 30));
  const r = await transform(brusselator, copyPath, wholeBox);
  assert.equal(r.status, 'counterexample', r.message);
  assert.equal(r.stats.method, 'auto:split');
  const w = r.witness;
  assert.deepEqual(w.checkedBy, ['float64', 'onnxruntime-web']);
  // f₁ maps both points to one image (float64 rule), f₂ (the copy as written, b fixed) does not.
  const f1 = fixInputs(full, new Map(fixed)).net, f2 = fixInputs(parseOnnx(readFileSync(copyPath), copyPath), new Map(fixed)).net;
  const [fx, fy] = [forward(f1, w.x), forward(f1, w.y)];
  assert.ok(Math.max(...fx.map((v, i) => Math.abs(v - fy[i]))) <= 1e-6 * (1 + Math.max(...fx.map(Math.abs))));
  const [gx, gy] = [forward(f2, w.x), forward(f2, w.y)];
  const value = Math.max(...gx.map((v, i) => Math.abs(v - gy[i])));
  assert.ok(Math.abs(value - (r.objective ?? NaN)) < 1e-9, `objective ${r.objective} is the pair's value ${value}`);
  assert.ok(value > 0.05, `f₂ tells the points apart by ${value}`);
  assert.ok(r.bound !== null && r.bound >= value && r.bound - value <= 1e-3 + 1e-12, `bracket [${value}, ${r.bound}] within 1e-3`);
});

void test('a network against itself, and against T∘f₁ with T affine, is certified on the whole box with a fold', { skip: skipWithoutSharedModels }, async () => {
  const full = parseOnnx(readFileSync(brusselator), brusselator);
  for (const other of [brusselator, written('brusselator-affine', affineAfter(full), 'double')]) {
    const r = await transform(brusselator, other, wholeBox);
    assert.equal(r.status, 'certified', r.message);
    assert.equal(r.stats.method, 'auto:split');
    assert.ok(r.bound !== null && r.bound <= 1e-3, `bound ${r.bound}`);
  }
});

void test('auto and direct agree on a small network against its 40% pruned copy', async () => {
  const net = randomNet(3, [2, 8, 8, 2]);
  const a = onnxFixture(net), b = onnxFixture(pruneByMagnitude(net, 40));
  const box: Array<[number, number]> = [[-1, 1], [-1, 1]];
  const auto = await transform(a, b, box, {}, []);
  const direct = await transform(a, b, box, { method: 'direct' }, []);
  assert.equal(auto.stats.method, 'auto:split');
  assert.equal(direct.status, auto.status, `${auto.message} / ${direct.message}`);
  assert.ok(direct.objective !== null && auto.objective !== null);
  assert.ok(Math.abs(direct.objective - auto.objective) <= 1e-3, `direct ${direct.objective}, auto ${auto.objective}`);
});

void test('a spent budget returns unresolved with a finite bound', { skip: skipWithoutSharedModels }, async () => {
  const full = parseOnnx(readFileSync(brusselator), brusselator);
  const r = await transform(brusselator, written('brusselator-10', pruneByMagnitude(full, 10)), wholeBox, { budgetSeconds: 0.01 });
  assert.equal(r.status, 'unresolved', r.message);
  assert.ok(r.bound !== null && Number.isFinite(r.bound) && r.bound > 0 && r.bound < 10, `bound ${r.bound}`);
  assert.match(r.message, /budget/);
});

void test('a cancel keeps the bracket found so far as an unresolved result', { skip: skipWithoutSharedModels }, async () => {
  const full = parseOnnx(readFileSync(brusselator), brusselator);
  const abort = new AbortController();
  const spec: QuerySpec = { kind: 'match', modelA: { path: brusselator, fixed }, modelB: { path: written('brusselator-10c', pruneByMagnitude(full, 10)), fixed }, query: 'transform', domain: wholeBox, norm: 'inf' };
  const progress: string[] = [];
  const error = await engine.run(spec, { signal: abort.signal, onProgress: (p) => { progress.push(p.message); if (p.message.startsWith('transform: max')) abort.abort(); } }).then(
    (r) => assert.fail(`the query finished: ${r.message}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof Cancelled, String(error));
  const partial = error.partial;
  assert.ok(partial, 'the cancelled query keeps a result');
  assert.equal(partial.status, 'unresolved');
  assert.match(partial.message, /cancelled.*in \[[0-9.e-]+, [0-9.e-]+\]/);
  assert.ok(partial.bound !== null && Number.isFinite(partial.bound), `bound ${partial.bound}`);
  // Progress reads as a bracket with what is left, never as a percentage gap.
  assert.match(progress.find((m) => m.startsWith('transform: max')) ?? '', /^transform: max ‖f₂\(x\) − f₂\(y\)‖∞ in \[[0-9.e+-]+, [0-9.e+-]+\], \d+ pairs left, [0-9.]+ s$/);
});
