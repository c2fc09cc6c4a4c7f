// BL radii of the residual models by the split path: the 2-D time-stepper x + τ·g(x) (residual_step_2x32) where no
// fold lies in the box, and the 4-input folding map (residual_fold_4x20), its bracket holding the radius HiGHS proved
// minimal under --method direct and its upper end a pair that collides (the step map's (0, 0) radius is pinned in
// queries.residualModels.test.ts); and the fold scan's fold-free cells (foldFreeCells.ts), whose certified
// sign det DF keeps at every sampled point of the cell.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import { loadOnnxModel } from '../../src/engine/onnx';
import { createEngine } from '../../src/engine/engine';
import { allFree } from '../../src/engine/queries/state';
import { blRadius } from '../../src/engine/split/blRadius';
import { splitPairAcceptor } from '../../src/engine/split/lowDimQuery';
import { defaultGrid } from '../../src/engine/split/pairSearch';
import { detField } from '../../src/engine/split/foldScan';
import { FoldFreeCells } from '../../src/engine/split/foldFreeCells';
import { DEFAULT_SPLIT_OPTIONS } from '../../src/engine/split/types';
import { SolverPool } from '../../src/engine/solver';
import type { Network } from '../../src/engine/ir/network';
import type { Witness } from '../../src/shared/results';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 1 } });
const pool = new SolverPool({ size: 1 });
after(async () => { await engine.dispose(); await pool.dispose(); });

const model = (file: string) => ({ path: sharedModel(`residual/${file}`), fixed: [] as Array<[number, number]> });
const load = (file: string): Promise<Network> => loadOnnxModel(sharedModel(`residual/${file}`));
const box = (n: number, lo: number, hi: number) => ({ lower: new Float64Array(n).fill(lo), upper: new Float64Array(n).fill(hi) });

/**
 * The minimal reach of a colliding pair (separation ≥ 1e-4) at 0 in [−1, 1]⁴, proved by HiGHS with
 * `invcert radius … --method direct` (212 nodes).
 */
const FOLD_RADIUS_MILP = 0.2092198770;

function assertCollides(net: Network, w: Pick<Witness, 'x' | 'y'>): void {
  const fx = forward(net, w.x), fy = forward(net, w.y);
  const gap = Math.max(...fx.map((v, i) => Math.abs(v - fy[i])));
  assert.ok(gap <= 1e-6, `F(x) and F(y) differ by ${gap}`);
  assert.ok(Math.max(...w.x.map((v, i) => Math.abs(v - w.y[i]))) >= 5e-5, 'x and y are distinct');
}

void test('residual_step_2x32 at (−1, −1): injective on the whole box [−2, 0]², and det DF keeps one sign on a dense grid of it', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'radius', model: model('residual_step_2x32.onnx'), query: 'bl', center: [-1, -1], norm: 'inf', tolerance: 1e-3, domain: [[-2, 2], [-2, 2]] });
  assert.equal(r.status, 'certified', r.message);
  assert.equal(r.stats.method, 'auto:split');
  assert.equal(r.radiusLower, 1);
  assert.equal(r.radiusUpper, null);
  const det = detField(await load('residual_step_2x32.onnx'));
  const signs = new Set<number>();
  for (let i = 0; i <= 200; i++) for (let j = 0; j <= 200; j++) signs.add(Math.sign(det([-2 + i / 100, -2 + j / 100])));
  assert.equal(signs.size, 1, 'no fold inside the box');
});

void test('residual_fold_4x20 at 0: the split BL radius (4 inputs) brackets the MILP radius within 1e-3 and ends at a colliding pair', { skip: skipWithoutSharedModels }, async () => {
  const net = await load('residual_fold_4x20.onnx');
  const domain = box(4, -1, 1);
  const opts = { ...DEFAULT_SPLIT_OPTIONS, gridPerDim: defaultGrid(4), maxDepth: 12, epsilon: 1e-4, solver: pool };
  const out = await blRadius(net, new Float64Array(4), domain, 1e-3, opts, { accept: splitPairAcceptor(allFree(net), domain, 1e-4, null) });
  assert.ok(out.resolved, out.reason);
  assert.ok(out.upper - out.lower <= 1e-3);
  assert.ok(out.lower <= FOLD_RADIUS_MILP + 1e-7 && FOLD_RADIUS_MILP <= out.upper + 1e-7, `[${out.lower}, ${out.upper}]`);
  assert.ok(out.witness);
  assertCollides(net, out.witness);
});

void test('residual_fold_4x20 at 0 through engine.run: a radius whose bracket holds the MILP radius, with a pair re-checked in onnxruntime-web', { skip: skipWithoutSharedModels }, async () => {
  const r = await engine.run({ kind: 'radius', model: model('residual_fold_4x20.onnx'), query: 'bl', center: [0, 0, 0, 0], norm: 'inf', tolerance: 1e-3, domain: [[-1, 1], [-1, 1], [-1, 1], [-1, 1]] });
  assert.equal(r.status, 'certified', r.message);
  assert.ok((r.radiusLower ?? NaN) <= FOLD_RADIUS_MILP + 1e-7 && FOLD_RADIUS_MILP <= (r.radiusUpper ?? NaN) + 1e-7, `[${r.radiusLower}, ${r.radiusUpper}]`);
  assert.ok(r.witness);
  assert.deepEqual(r.witness.checkedBy, ['float64', 'onnxruntime-web']);
  assertCollides(await load('residual_fold_4x20.onnx'), r.witness);
});

void test('a cell the fold scan skips as fold-free keeps its certified sign of det DF at every sampled point', { skip: skipWithoutSharedModels }, async () => {
  const net = await load('residual_step_2x32.onnx');
  const det = detField(net);
  const scanned = box(2, -2, 2);
  const cells = new FoldFreeCells(net, scanned, 400, det);
  let proved = 0;
  for (let i = 0; i <= 160; i++) {
    for (let j = 0; j <= 160; j++) {
      const p = [-2 + i / 40, -2 + j / 40];
      const s = cells.provedSign(p);
      if (s === 0) continue;
      proved++;
      assert.equal(Math.sign(det(p)), s, `det DF at (${p.join(', ')})`);
    }
  }
  assert.ok(proved > 1000, `${proved} of 25921 points answered by certified cells`);
});
