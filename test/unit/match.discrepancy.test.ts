// The discrepancy of a network and its pruned copy under the default method 'auto' (the input-space branch and bound):
// the Brusselator's values as an independent probe computed them, certified to 1e-4 with the attaining input
// re-checked in onnxruntime-web; the same number as the MILP of --method direct; and a budget or a cancel that
// stops it keeps a bracket that holds the true value.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/engine/engine';
import { Cancelled } from '../../src/engine/errors';
import { parseOnnx, writeOnnx } from '../../src/engine/onnx';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import type { QuerySpec } from '../../src/shared/querySpec';
import type { QueryResult } from '../../src/shared/results';
import { randomNetwork } from '../helpers/onnxFixtures';
import { onnxFixture } from '../helpers/queryFixtures';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 2 } });
after(() => engine.dispose());

const dir = mkdtempSync(join(tmpdir(), 'invcert-discrepancy-'));
const FIXED: Array<[number, number]> = [[2, 2.1]];
const BOX: Array<[number, number]> = [[0, 3], [0, 4]];

function copies(file: string, level: number): { original: { path: string; fixed: Array<[number, number]> }; pruned: { path: string; fixed: Array<[number, number]> } } {
  const path = sharedModel(file);
  const out = join(dir, `${file}.pruned${level}.onnx`);
  writeFileSync(out, writeOnnx(pruneByMagnitude(parseOnnx(readFileSync(path), path), level)));
  return { original: { path, fixed: FIXED }, pruned: { path: out, fixed: FIXED } };
}

function discrepancy(level: number, extra: Partial<Extract<QuerySpec, { kind: 'match' }>> = {}): Extract<QuerySpec, { kind: 'match' }> {
  const { original, pruned } = copies('brusselator_param.onnx', level);
  return { kind: 'match', modelA: original, modelB: pruned, query: 'discrepancy', domain: BOX, norm: 'inf', ...extra };
}

/** The found value of a discrepancy result: the objective when certified, the witness's output gap otherwise. */
function found(r: QueryResult): number {
  return r.objective ?? r.witness?.outputGap ?? NaN;
}

for (const [level, probe] of [[10, 0.094293], [30, 0.692139]] as const) {
  void test(`Brusselator against its ${level}% pruned copy on [0,3]×[0,4]: certified discrepancy ${probe} to within 1e-4, at an input re-checked in onnxruntime-web`, { skip: skipWithoutSharedModels }, async () => {
    const r = await engine.run(discrepancy(level));
    assert.equal(r.status, 'certified', r.message);
    assert.equal(r.stats.method, 'auto:split');
    assert.equal(r.tolerance, 1e-4);
    assert.ok(Math.abs((r.objective ?? NaN) - probe) <= 1e-4, `${r.objective} vs ${probe}`);
    assert.ok((r.bound ?? NaN) - (r.objective ?? NaN) <= 1e-4, `bracket [${r.objective}, ${r.bound}]`);
    const w = r.witness;
    assert.ok(w && w.checkedBy.includes('onnxruntime-web'), `checked by ${w?.checkedBy.join(', ')}`);
    assert.ok(Math.abs(w.outputGap - (r.objective ?? NaN)) <= 1e-12, 'the discrepancy is attained at the witness');
    assert.ok(w.x.every((v, i) => v >= BOX[i][0] && v <= BOX[i][1]), `x = ${w.x.join(', ')} lies in the box`);
    assert.match(r.message, /^certified: max ‖f₁\(x\) − f₂\(x\)‖∞ = \S+ on the box, at x = \(.*\) \(proved to within 0\.0001 by input branch and bound, [\d,]+ boxes\)$/);
  });
}

void test('the input-space search and the MILP of --method direct give the same discrepancy on a small network and its pruned copy', async () => {
  const net = randomNetwork(7, [2, 8, 8, 2]);
  const spec = (method: 'auto' | 'direct'): QuerySpec => ({
    kind: 'match', modelA: { path: onnxFixture(net), fixed: [] }, modelB: { path: onnxFixture({ ...pruneByMagnitude(net, 40), source: 'random-7-pruned40' }), fixed: [] },
    query: 'discrepancy', domain: [[-1, 1], [-1, 1]], norm: 'inf', method,
  });
  const auto = await engine.run(spec('auto'));
  const direct = await engine.run(spec('direct'));
  assert.equal(auto.status, 'certified', auto.message);
  assert.equal(direct.status, 'certified', direct.message);
  assert.equal(direct.stats.method, 'direct');
  assert.ok((auto.objective ?? NaN) > 0, 'the copies differ');
  assert.ok(Math.abs((auto.objective ?? NaN) - (direct.objective ?? NaN)) <= 1e-4, `auto ${auto.objective} vs direct ${direct.objective}`);
});

void test('a discrepancy out of budget is unresolved with a finite bracket that holds the certified value', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run(discrepancy(10, { budgetSeconds: 0.001 }));
  assert.equal(r.status, 'unresolved', r.message);
  assert.equal(r.objective, null, 'an unproved discrepancy is not called one');
  assert.match(r.message, /^unresolved: max ‖f₁\(x\) − f₂\(x\)‖∞ in \[\S+, \S+\] .*time budget was spent after [\d,]+ boxes/);
  assert.ok(Number.isFinite(r.bound ?? NaN), `bound ${r.bound}`);
  // The certified value (previous test) is 0.094293 to within 1e-4.
  assert.ok(found(r) <= 0.094293 + 1e-4 && (r.bound ?? NaN) >= 0.094293, `[${found(r)}, ${r.bound}]`);
  assert.ok(r.witness?.checkedBy.includes('onnxruntime-web'), 'the best input so far is re-checked before it is shown');
});

void test('a cancelled discrepancy keeps its bracket as an unresolved result', { skip: skipWithoutSharedModels }, async () => {
  const abort = new AbortController();
  const messages: string[] = [];
  const error = await engine.run(discrepancy(10), {
    signal: abort.signal,
    onProgress: (p) => { messages.push(p.message); if (p.message.startsWith('discrepancy in')) abort.abort(); },
  }).then((r) => assert.fail(`the search finished: ${r.message}`), (e: unknown) => e);
  assert.ok(error instanceof Cancelled, String(error));
  const partial = error.partial;
  assert.equal(partial?.status, 'unresolved', partial?.message);
  assert.match(partial.message, /^unresolved \(cancelled\): max ‖f₁\(x\) − f₂\(x\)‖∞ in \[\S+, \S+\]/);
  assert.ok(found(partial) <= 0.094293 + 1e-4 && (partial.bound ?? NaN) >= 0.094293, `[${found(partial)}, ${partial.bound}]`);
  assert.ok(messages.some((m) => /^discrepancy in \[\S+, \S+\], [\d,]+ boxes left, \d+\.\d s$/.test(m)), messages.join(' | '));
});

void test('over more free inputs than the search splits (mnist_256x2 against its 50% copy on a 0.02 ball), auto answers by the MILPs and certifies the discrepancy', { skip: skipWithoutSharedModels }, async () => {
  const path = sharedModel('mnist_256x2.onnx');
  const out = join(dir, 'mnist_256x2.pruned50.onnx');
  writeFileSync(out, writeOnnx(pruneByMagnitude(parseOnnx(readFileSync(path), path), 50)));
  const domain = Array.from({ length: 784 }, (): [number, number] => [0.48, 0.52]);
  const r = await engine.run({ kind: 'match', modelA: { path, fixed: [] }, modelB: { path: out, fixed: [] }, query: 'discrepancy', domain, norm: 'inf' });
  assert.equal(r.status, 'certified', r.message);
  assert.equal(r.stats.method, 'auto:direct');
  assert.ok((r.stats.solves ?? 0) > 0, 'answered by MILPs');
  assert.ok(Math.abs((r.objective ?? NaN) - 0.111976) <= 1e-5, `${r.objective}`);
  assert.ok(r.witness?.checkedBy.includes('onnxruntime-web'));
});
