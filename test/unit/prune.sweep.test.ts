// The pruning sweep analyses each written copy as that file: its radius and witness are what `invcert radius` gives on
// the file, the witness is re-checked in onnxruntime-web against the file, and a row calls a number a radius only
// when it is one. Stopped early (cancel), the sweep keeps the rows it finished.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cancelled } from '../../src/engine/errors';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { forward } from '../../src/engine/ir/forward';
import { parseOnnx } from '../../src/engine/onnx';
import { createEngine } from '../../src/engine/engine';
import { expandFree } from '../../src/engine/witness/check';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import type { QuerySpec } from '../../src/shared/querySpec';
import { residualNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';
import { repoRoot } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 2 } });
after(() => engine.dispose());

const brusselator = { path: join(repoRoot, 'examples', 'brusselator_param.onnx'), fixed: [[2, 2.1]] as Array<[number, number]> };
const P1 = [1.96433, 1.24951];
// A box around P1 that holds the radius at every level (cap 0.836) but keeps the discrepancy MILPs small.
const box: Array<[number, number]> = [[1.1, 2.8], [0.4, 2.1]];
const TOLERANCE = 1e-3;

void test('each prune level reports the BL radius and witness that the radius query gives on the written file, re-checked against that file, and its discrepancy or bracket attained at a re-checked input', async () => {
  const out = mkdtempSync(join(tmpdir(), 'invcert-sweep-'));
  // No MILP time limit: a radius leaf cut short would leave a level unresolved on a loaded machine.
  const sweep = await engine.run({ kind: 'prune', model: brusselator, levels: [10, 30], outDir: out, domain: box, center: P1, norm: 'inf' });
  assert.ok(sweep.prune?.length === 2, sweep.message);
  assert.doesNotMatch(sweep.message, /\?/, 'every level states a number or a bracket');
  const full = fixInputs(parseOnnx(readFileSync(brusselator.path), brusselator.path), new Map(brusselator.fixed));
  for (const row of sweep.prune) {
    // The discrepancy: both ends (equal when proved), the lower one attained at its input.
    const lower = row.discrepancyLower, upper = row.discrepancyBound, at = row.discrepancyWitness;
    assert.ok(lower !== null && upper !== null && lower <= upper, `level ${row.level}: discrepancy bracket [${lower}, ${upper}]`);
    assert.ok(row.discrepancy === null || row.discrepancy === lower, 'a proved discrepancy is its lower end');
    assert.ok(at && at.checkedBy.includes('onnxruntime-web'), `level ${row.level}: the attaining input was re-checked in onnxruntime-web`);
    const copy = fixInputs(parseOnnx(readFileSync(row.file), row.file), new Map(brusselator.fixed));
    const attained = Math.max(...Array.from(forward(full.net, at.x), (v, k) => Math.abs(v - forward(copy.net, at.x)[k])));
    assert.ok(Math.abs(attained - lower) <= 1e-9 * (1 + attained), `level ${row.level}: ‖f(x) − f_pruned(x)‖∞ = ${attained} at the input, row says ${lower}`);
    const alone = await engine.run({ kind: 'radius', model: { path: row.file, fixed: brusselator.fixed }, query: 'bl', center: P1, norm: 'inf', domain: box } satisfies QuerySpec);
    assert.equal(row.radiusStatus, alone.status, `level ${row.level}: ${row.radiusMessage} vs ${alone.message}`);
    assert.equal(row.radiusStatus, 'certified', `level ${row.level}: ${row.radiusMessage}`);
    assert.ok(Math.abs((row.radiusLower ?? NaN) - (alone.radiusLower ?? NaN)) <= TOLERANCE, `level ${row.level}: lower ${row.radiusLower} vs ${alone.radiusLower}`);
    assert.ok(Math.abs((row.radiusUpper ?? NaN) - (alone.radiusUpper ?? NaN)) <= TOLERANCE, `level ${row.level}: upper ${row.radiusUpper} vs ${alone.radiusUpper}`);
    assert.equal(row.radius, row.radiusLower, 'a certified row states its radius');
    const w = row.radiusWitness;
    assert.ok(w && alone.witness, `level ${row.level}: both have a witness`);
    assert.ok(w.checkedBy.includes('onnxruntime-web'), `level ${row.level}: checked by ${w.checkedBy.join(', ')}`);
    // The pair collides in the written file, by both runtimes.
    const bytes = readFileSync(row.file);
    const state = fixInputs(parseOnnx(bytes, row.file), new Map(brusselator.fixed));
    const ort = await OnnxRuntimeModel.load(bytes, row.file);
    try {
      const [fx, fy] = [await ort.evaluate(expandFree(state, w.x)), await ort.evaluate(expandFree(state, w.y))];
      assert.ok(Math.max(...Array.from(fx, (v, i) => Math.abs(v - fy[i]))) <= 1e-4, `level ${row.level}: onnxruntime-web F(x) ≠ F(y) on the file`);
    } finally {
      await ort.release();
    }
    const gap = Math.max(...Array.from(forward(state.net, w.x), (v, i) => Math.abs(v - forward(state.net, w.y)[i])));
    assert.ok(gap <= 1e-6 * (1 + Math.max(...w.Fx.map(Math.abs))), `level ${row.level}: float64 gap ${gap}`);
    const reach = Math.max(...[...w.x, ...w.y].map((v, i) => Math.abs(v - P1[i % 2])));
    assert.ok(Math.abs(reach - (row.radiusUpper ?? NaN)) <= 1e-9, 'the upper end is the distance of the witness');
  }
});

void test('a sweep cancelled after its first level keeps that row, with its bounds, and marks the other levels as not run', async () => {
  const out = mkdtempSync(join(tmpdir(), 'invcert-sweep-cancel-'));
  const abort = new AbortController();
  const spec: QuerySpec = { kind: 'prune', model: { path: onnxFixture(residualNet()), fixed: [] }, levels: [0, 30, 60], outDir: out, domain: [[-1, 1], [-1, 1]], center: [0.3, -0.2], norm: 'inf' };
  const error = await engine.run(spec, { signal: abort.signal, onProgress: (p) => { if (p.message.startsWith('level 30% (2 of 3)')) abort.abort(); } }).then(
    (r) => assert.fail(`the sweep finished: ${r.message}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof Cancelled, String(error));
  const partial = error.partial;
  assert.ok(partial, 'the cancelled sweep keeps a result');
  assert.equal(partial.status, 'unresolved');
  assert.match(partial.message, /cancelled/);
  const rows = partial.prune ?? [];
  assert.deepEqual(rows.map((r) => [r.level, r.notRun]), [[0, false], [30, true], [60, true]]);
  assert.ok(rows[0].discrepancy !== null && rows[0].radiusLower !== null, `level 0 kept its bounds: ${rows[0].radiusMessage}`);
  assert.ok(rows.slice(1).every((r) => r.radius === null && r.radiusLower === null && r.discrepancy === null));
});

void test('a sweep under a whole-query budget comes back unresolved once it is spent, with the bounds of the levels it ran and the rest not run', async () => {
  const out = mkdtempSync(join(tmpdir(), 'invcert-sweep-budget-'));
  // Six levels under 5 s: each level's BL radius alone takes seconds, so the budget ends inside the sweep.
  const levels = [10, 20, 30, 40, 50, 60];
  const r = await engine.run({ kind: 'prune', model: brusselator, levels, outDir: out, domain: [[0, 3], [0, 4]], center: P1, norm: 'inf', budgetSeconds: 5 });
  assert.equal(r.status, 'unresolved', r.message);
  const rows = r.prune ?? [];
  assert.deepEqual(rows.map((row) => row.level), levels);
  assert.ok(rows.some((row) => row.notRun), `a level was left for lack of time: ${r.message}`);
  assert.ok(rows.every((row) => row.radius === null || row.radiusStatus === 'certified'), 'only a certified row states a radius');
  assert.ok(r.stats.seconds < 120, `the sweep stopped near its budget (${r.stats.seconds} s)`);
});
