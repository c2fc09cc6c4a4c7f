// One acceptance rule for a colliding pair, on every path: a pair that fails it (here: onnxruntime-web evaluates a
// different, real model — the Brusselator with 30% of its weights pruned — so it disagrees with the float64 pass)
// never ends a radius bracket and never makes an answer 'certified' or 'counterexample'.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { parseOnnx, writeOnnx } from '../../src/engine/onnx';
import { pruneByMagnitude } from '../../src/engine/prune/magnitude';
import { CheckedModel, queryContextFor } from '../../src/engine/queries/checkedModel';
import { runCertify } from '../../src/engine/queries/certify';
import { runRadius } from '../../src/engine/queries/radius';
import { SolverPool } from '../../src/engine/solver';
import { join } from 'node:path';
import { repoRoot } from '../helpers/sharedModels';

const pool = new SolverPool({ size: 1 });
const P1 = Float64Array.of(1.96433, 1.24951);
const domain = { lower: Float64Array.of(0, 0), upper: Float64Array.of(3, 4) };
const fixed = new Map([[2, 2.1]]);
let models: CheckedModel[] = [];
after(async () => {
  for (const m of models) await m.release();
  await pool.dispose();
});

/** The Brusselator analysed in float64, but "re-checked" in onnxruntime-web against its 30%-pruned copy. */
function mismatchedContext(): ReturnType<typeof queryContextFor> {
  const path = join(repoRoot, 'examples', 'brusselator_param.onnx');
  const original = parseOnnx(readFileSync(path), path);
  const otherBytes = writeOnnx(pruneByMagnitude(original, 30));
  const other = new CheckedModel(fixInputs(parseOnnx(otherBytes, 'pruned30.onnx'), fixed), otherBytes);
  models = [...models, other];
  const ctx = queryContextFor({ solver: pool }, other);
  return { ...ctx, state: fixInputs(original, fixed) };
}

void test('a BL radius whose pairs fail the onnxruntime-web check is unresolved with only its proved lower end, never certified', async () => {
  const r = await runRadius(mismatchedContext(), { query: 'bl', center: P1, norm: 'inf', domain, tolerance: 1e-2 });
  assert.equal(r.status, 'unresolved', r.message);
  assert.equal(r.witness, undefined, 'no pair is shown');
  assert.equal(r.radiusUpper ?? null, null, 'a failed pair sets no upper end');
  assert.match(r.message, /failed re-checking/);
  assert.doesNotMatch(r.message, /verified colliding pair/);
  // The lower end is a proof about the float64 network alone: still below 0.656045, where the network has a
  // verified colliding pair (README: r_BL ∈ [0.655445, 0.656045]).
  assert.ok((r.radiusLower ?? Infinity) <= 0.656045, `lower ${r.radiusLower}`);
});

void test('a certify query whose colliding pair fails the onnxruntime-web check is unresolved, on the split and on the MILP path', async () => {
  const ctx = mismatchedContext();
  const split = await runCertify(ctx, { query: 'bl', center: P1, radius: 0.66, norm: 'inf' });
  assert.equal(split.status, 'unresolved', split.message);
  assert.equal(split.witness, undefined);
  assert.match(split.message, /failed re-checking/);
  const milp = await runCertify({ ...ctx, deadlineAt: Date.now() + 30_000 }, { query: 'bl', center: P1, radius: 0.66, norm: 'inf', method: 'direct' });
  assert.notEqual(milp.status, 'counterexample', milp.message);
  assert.notEqual(milp.status, 'certified', milp.message);
  assert.equal(milp.witness, undefined);
});
