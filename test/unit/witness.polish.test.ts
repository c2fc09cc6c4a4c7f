// The one pair polish (witness/polish.ts) on the real Brusselator model, from each path that polishes: a MILP
// witness handed to verifyPair (off by the solver's tolerances), a PI witness against its fixed centre, and the
// split path's leaf pairs (from a piece polygon), each then confirmed by onnxruntime-web against the same file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { forward } from '../../src/engine/ir/forward';
import type { RestrictedNetwork } from '../../src/engine/ir/network';
import { loadModelRef } from '../../src/engine/dispatchQuery';
import { ballBox } from '../../src/engine/queries/box';
import { certifyInjectiveOnBox } from '../../src/engine/split/pairSearch';
import { splitPairAcceptor } from '../../src/engine/split/lowDimQuery';
import { SolverPool } from '../../src/engine/solver';
import { OnnxRuntimeModel } from '../../src/engine/witness/onnxRuntime';
import { verifyPair } from '../../src/engine/witness/check';
import { polishPair } from '../../src/engine/witness/polish';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const path = sharedModel('brusselator_param.onnx');
const P1 = Float64Array.of(1.96433, 1.24951);
const skip = skipWithoutSharedModels;
const pool = new SolverPool({ size: 1 });
let state: RestrictedNetwork;
let ort: OnnxRuntimeModel;

before(async () => {
  if (skip) return;
  state = (await loadModelRef({ path, fixed: [[2, 2.1]] })).state;
  ort = await OnnxRuntimeModel.load(readFileSync(path), path);
});
after(async () => {
  await pool.dispose();
  await ort?.release();
});

const gap = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

/** A colliding pair of the Brusselator inside B∞(P1, 0.66), from the split path's leaves (polished there). */
let leaf: Promise<{ x: Float64Array; y: Float64Array; leafMilps: number }> | null = null;
function leafPair(): Promise<{ x: Float64Array; y: Float64Array; leafMilps: number }> {
  leaf ??= searchLeafPair();
  return leaf;
}

async function searchLeafPair(): Promise<{ x: Float64Array; y: Float64Array; leafMilps: number }> {
  const out = await certifyInjectiveOnBox(state.net, ballBox(P1, 0.66),
    { gridPerDim: 16, maxDepth: 6, maxEnumerate: 9, epsilon: 1e-4, milpTimeLimitSeconds: 20, solver: pool, workers: 1 });
  assert.equal(out.status, 'collision');
  return { x: out.collision!.x, y: out.collision!.y, leafMilps: out.stats.leafMilps };
}

void test('a split leaf pair of the Brusselator (a piece polygon\'s point, no MILP) is polished to float64 rounding and confirmed by onnxruntime-web', { skip }, async () => {
  const { x, y, leafMilps } = await leafPair();
  assert.equal(leafMilps, 0, 'the pair came from the leaf\'s pieces');
  assert.ok(gap(forward(state.net, x), forward(state.net, y)) < 1e-12, 'polished where it was found');
  const v = await splitPairAcceptor(state, ballBox(P1, 0.66), 1e-4, null, (f) => ort.evaluate(f))({ x, y, fx: forward(state.net, x), fy: forward(state.net, y), separation: gap(x, y), outputGap: 0 });
  assert.ok('witness' in v, 'reason' in v ? v.reason : '');
  assert.deepEqual(v.witness.checkedBy, ['float64', 'onnxruntime-web']);
});

void test('a Brusselator MILP witness off by 1e-7 and 5e-8 outside its box is snapped in, polished and confirmed by onnxruntime-web', { skip }, async () => {
  const { x, y } = await leafPair();
  // The box's upper edge in input 0 runs through max(x₀, y₀): the solver reports that point 5e-8 past it, and y
  // misses F(x) by about 1e-7 — what HiGHS's feasibility tolerance allows.
  const edge = Math.max(x[0], y[0]);
  const box = { lower: Float64Array.of(-10, -10), upper: Float64Array.of(edge, 10) };
  const [hi, lo] = x[0] >= y[0] ? [x, y] : [y, x];
  const off = Float64Array.of(hi[0] + 5e-8, hi[1]);
  const near = Float64Array.of(lo[0] + 1e-7, lo[1] - 1e-7);
  assert.ok(gap(forward(state.net, off), forward(state.net, near)) > 1e-8, 'the raw pair is only approximately colliding');
  const v = await verifyPair({ state, box, norm: 'inf', minSeparation: 1e-4, ortEvaluate: (f) => ort.evaluate(f) }, off, near, null);
  assert.ok(v.ok, v.ok ? '' : v.reason);
  assert.ok(v.witness.outputGap < 1e-12, `gap ${v.witness.outputGap}`);
  assert.ok(v.x[0] <= edge && v.y[0] <= edge, 'both points inside the box');
  assert.deepEqual(v.witness.checkedBy, ['float64', 'onnxruntime-web']);
});

void test('a Brusselator PI witness off by 1e-7 is moved onto F(P1) with the centre fixed, and confirmed by onnxruntime-web', { skip }, async () => {
  // The nearest other preimage of F(P1) (the PI radius witness, to 6 digits), perturbed as a solver would leave it.
  const x = Float64Array.of(4.73825 + 1e-7, -1.10571 - 1e-7);
  const box = { lower: Float64Array.of(-8, -8), upper: Float64Array.of(11, 11) };
  const v = await verifyPair({ state, box, norm: 'inf', minSeparation: 1e-4, ortEvaluate: (f) => ort.evaluate(f) }, x, null, P1);
  assert.ok(v.ok, v.ok ? '' : v.reason);
  assert.deepEqual(v.witness.y, Array.from(P1), 'the centre does not move');
  assert.ok(v.witness.outputGap < 1e-12, `gap ${v.witness.outputGap}`);
  assert.deepEqual(v.witness.checkedBy, ['float64', 'onnxruntime-web']);
});

void test('polishing returns the smallest gap among the admitted candidates, and among all only when none is admitted', { skip }, async () => {
  const { x, y } = await leafPair();
  const box = ballBox(P1, 0.66);
  // Newton from a point near x onto F(x) finds x itself: gap 0 but separation 0, which the floor refuses.
  const nearX = Float64Array.of(x[0] + 1e-6, x[1]);
  const p = polishPair(state.net, box, x, nearX, (c) => c.separation >= 1e-4);
  assert.ok(p.separation < 1e-4, 'no admissible candidate: the smallest gap among all is returned');
  const q = polishPair(state.net, box, x, y, (c) => c.separation >= 1e-4);
  assert.ok(q.separation >= 1e-4 && q.outputGap < 1e-12);
});
