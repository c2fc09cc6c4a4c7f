// Leaf pairs settled by their linear pieces (pieceLeaf.ts) instead of MILPs, and cell pairs whose images a slanted
// direction separates (imageSeparation.ts): checked against the leaf MILPs on real HiGHS, against sampled points,
// and on Brusselator pairs near the fold at (1.125, 0.5), where the leaf MILPs were most of the radius search.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeBounds, lowerBoundAlong, outputBox } from '../../src/engine/bounds';
import type { Box, NetworkBounds } from '../../src/engine/bounds';
import type { Network } from '../../src/engine/ir/network';
import { forward } from '../../src/engine/ir/forward';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { loadOnnxModel } from '../../src/engine/onnx/read';
import { disjoint, makeBox } from '../../src/engine/split/box';
import { imagesSeparated } from '../../src/engine/split/imageSeparation';
import { buildPairMilp, feasibleDirections } from '../../src/engine/split/pairMilp';
import { settleByPieces } from '../../src/engine/split/pieceLeaf';
import { SolverPool } from '../../src/engine/solver';
import { polishPreimage } from '../../src/engine/witness/polish';
import { randomNet } from '../helpers/splitNets';
import { sharedModel } from '../helpers/sharedModels';
import { seededRandom, uniform } from '../helpers/rng';

const pool = new SolverPool({ size: 1 });
after(() => pool.dispose());

const crown = (net: Parameters<typeof computeBounds>[0], b: Box) => computeBounds(net, b, { method: 'crown' });

function randomPair(rand: () => number, width: number, near: boolean): [Box, Box] {
  const box = (x: number, y: number, w: number): Box => makeBox([x, y], [x + w, y + w]);
  const x = uniform(rand, -1, 1), y = uniform(rand, -1, 1);
  const w = uniform(rand, 0.2, 1) * width;
  // Touching, overlapping or apart: the leaves of the split search are all three.
  const dx = near ? uniform(rand, -w, w) : uniform(rand, -3, 3) * w, dy = near ? w : uniform(rand, -3, 3) * w;
  return [box(x, y, w), box(x + dx, y + dy, uniform(rand, 0.2, 1) * width)];
}

void test('every real colliding pair a leaf MILP finds leaves its pieces a candidate (never clear), and a candidate solves the piece equations', async () => {
  const eps = 1e-3;
  /** The leaf MILPs' first point (x, y), or null when every direction is infeasible. */
  const milpPoint = async (net: Network, a: Box, ba: NetworkBounds, c: Box, bc: NetworkBounds, same: boolean): Promise<[number[], number[]] | null> => {
    for (const dir of feasibleDirections(a, c, eps, same)) {
      const m = buildPairMilp(net, a, ba, c, bc, dir, eps);
      const res = await pool.solve(m.problem, { timeLimitSeconds: 20, stopAtFirstSolution: true });
      assert.ok(res.status === 'infeasible' || res.colValue, `MILP ended ${res.status}`);
      if (res.status !== 'infeasible') return [m.xCols.map((k) => res.colValue![k]), m.yCols.map((k) => res.colValue![k])];
    }
    return null;
  };
  let clear = 0, feasible = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const net = randomNet(100 + seed, [2, 10, 8, 2]);
    const rand = seededRandom(seed);
    for (let t = 0; t < 10; t++) {
      const [a, c] = randomPair(rand, 0.4, t % 2 === 0);
      const same = t % 5 === 4;
      const cc = same ? a : c;
      const ba = crown(net, a), bc = same ? ba : crown(net, cc);
      const v = settleByPieces(net, a, ba, cc, bc, eps, same);
      if (v.kind === 'undecided') continue;
      const point = await milpPoint(net, a, ba, cc, bc, same);
      // HiGHS accepts points up to its tolerances (images ~1e-6 apart through big-M rows): Newton from the MILP's
      // point tells a real pair at separation ≥ ε from a near miss.
      const real = point && ((): boolean => {
        const y = polishPreimage(net, forward(net, point[0]), Float64Array.from(point[1]), cc);
        const gap = Math.max(...forward(net, point[0]).map((f, i) => Math.abs(f - forward(net, y)[i])));
        return gap < 1e-12 && Math.max(Math.abs(point[0][0] - y[0]), Math.abs(point[0][1] - y[1])) >= eps;
      })();
      if (real) { feasible++; assert.equal(v.kind, 'candidate', `seed ${seed} pair ${t}: the MILP found a real pair, the pieces said clear`); }
      if (v.kind === 'clear') clear++;
      else {
        // The candidate solves the piece equations: its images agree up to the polygon's slack.
        const gap = Math.max(...forward(net, v.x).map((f, i) => Math.abs(f - forward(net, v.y)[i])));
        assert.ok(gap < 1e-6, `seed ${seed} pair ${t}: candidate image gap ${gap}`);
      }
    }
  }
  assert.ok(clear > 10 && feasible > 5, `both kinds should occur (clear ${clear}, feasible ${feasible})`);
});

void test('a CROWN bound along a direction holds at sampled points and is no looser than the output box', () => {
  for (let seed = 1; seed <= 8; seed++) {
    const net = randomNet(200 + seed, [2, 12, 9, 2]);
    const rand = seededRandom(seed);
    const box = makeBox([uniform(rand, -1, 0), uniform(rand, -1, 0)], [uniform(rand, 0, 1), uniform(rand, 0, 1)]);
    const bounds = crown(net, box);
    const out = outputBox(net, bounds);
    for (let d = 0; d < 6; d++) {
      const w = [uniform(rand, -1, 1), uniform(rand, -1, 1)];
      const lb = lowerBoundAlong(net, box, bounds, w);
      const fromBox = w.reduce((s, wi, i) => s + (wi >= 0 ? wi * out.lower[i] : wi * out.upper[i]), 0);
      assert.ok(lb >= fromBox - 1e-7, `seed ${seed}: ${lb} looser than the output box's ${fromBox}`);
      for (let s = 0; s < 300; s++) {
        const x = [uniform(rand, box.lower[0], box.upper[0]), uniform(rand, box.lower[1], box.upper[1])];
        const f = forward(net, x);
        assert.ok(w[0] * f[0] + w[1] * f[1] >= lb - 1e-12, `seed ${seed}: sample below the bound`);
      }
    }
  }
});

void test('Brusselator cells near the fold whose output boxes overlap are separated along a slanted direction; touching cells never are', async () => {
  const net = fixInputs(await loadOnnxModel(sharedModel('brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  // Two cells of the (1.125, 0.5) search at r = 1.076 that went down to leaf MILPs before.
  const a = makeBox([1.8649, 0.0964], [1.9321, 0.1637]);
  const c = makeBox([2.1339, -0.1054], [2.2012, -0.0381]);
  const ba = crown(net, a), bc = crown(net, c);
  assert.equal(disjoint(outputBox(net, ba), outputBox(net, bc)), false, 'the output boxes should overlap, or this checks nothing');
  assert.equal(imagesSeparated(net, a, ba, c, bc), true);
  // Touching cells' images meet: never separated.
  const b = makeBox([1.9321, 0.0964], [1.9994, 0.1637]);
  assert.equal(imagesSeparated(net, a, ba, b, crown(net, b)), false);
});

void test('Brusselator leaf pairs at the fold are proved clear by their pieces inside the radius and give a colliding candidate across it', async () => {
  const net = fixInputs(await loadOnnxModel(sharedModel('brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  const eps = 1e-4;
  // Adjacent leaves at the point where B∞((1.125, 0.5), r) first meets the fold (x ≈ 2.2018, y ≈ 0.371).
  const inside = [makeBox([2.1928, 0.3697], [2.2012, 0.3739]), makeBox([2.1928, 0.3739], [2.2012, 0.3781])] as const;
  const bi = inside.map((b) => crown(net, b));
  assert.equal(settleByPieces(net, inside[0], bi[0], inside[1], bi[1], eps, false).kind, 'clear');
  // Across the fold (1e-3 past it), the same kind of pair holds a colliding pair.
  const across = makeBox([2.1968, 0.36], [2.2068, 0.38]);
  const bx = crown(net, across);
  const v = settleByPieces(net, across, bx, across, bx, eps, true);
  assert.equal(v.kind, 'candidate');
  if (v.kind === 'candidate') {
    const gap = Math.max(...forward(net, v.x).map((f, i) => Math.abs(f - forward(net, v.y)[i])));
    assert.ok(gap < 1e-7 && Math.max(Math.abs(v.x[0] - v.y[0]), Math.abs(v.x[1] - v.y[1])) >= eps * (1 - 1e-6));
  }
});
