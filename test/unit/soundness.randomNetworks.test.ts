// Soundness on 300 seeded random small networks, and 150 random residual graphs x ± τ·g(x) read from ONNX (so the
// lowering of the skip edge is under test too): whenever a dense grid finds two inputs at least ε apart with
// (bit-)equal outputs, the engine must not say 'certified'; every witness it reports must re-verify.
// Weights are small dyadic numbers and the grid dyadic, so exact collisions on the grid are common.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { forward } from '../../src/engine/ir/forward';
import type { Network } from '../../src/engine/ir/network';
import { runCertify } from '../../src/engine/queries/certify';
import { allFree } from '../../src/engine/queries/state';
import { SolverPool, defaultPoolSize } from '../../src/engine/solver';
import type { QueryResult } from '../../src/shared/results';
import { seededRandom } from '../helpers/rng';
import { parseOnnx } from '../../src/engine/onnx';
import { residualOnnx } from '../helpers/onnxFixtures';
import { dense, mlp } from '../helpers/paperCases';

const pool = new SolverPool({ size: defaultPoolSize() });
void after(() => pool.dispose());

const EPS = 1e-4;
const VALUES = [-2, -1, -0.5, 0.5, 1, 2];

function randomNet(rand: () => number, id: number): Network {
  const n = rand() < 0.5 ? 1 : 2;
  const widths = [n, 1 + Math.floor(rand() * 8), ...(rand() < 0.5 ? [1 + Math.floor(rand() * 8)] : []), n];
  const pick = (): number => VALUES[Math.floor(rand() * VALUES.length)];
  const layers = widths.slice(1).map((out, k) => {
    const inp = widths[k];
    const w = Array.from({ length: out * inp }, () => (rand() < 0.15 ? 0 : pick()));
    const b = Array.from({ length: out }, () => Math.round((rand() * 2 - 1) * 4) / 4);
    return dense(inp, out, w, b, k < widths.length - 2);
  });
  return mlp(`rand${id}`, layers);
}

function grid(center: Float64Array, r: number, steps: number): Float64Array[] {
  const n = center.length;
  const axis = Array.from({ length: steps + 1 }, (_, i) => -r + (2 * r * i) / steps);
  if (n === 1) return axis.map((a) => Float64Array.of(center[0] + a));
  return axis.flatMap((a) => axis.map((b) => Float64Array.of(center[0] + a, center[1] + b)));
}

function linf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A grid pair (BL) or grid point (PI) that collides exactly, at separation ≥ 2ε. */
function gridCollision(net: Network, center: Float64Array, r: number, query: 'bl' | 'pi'): boolean {
  const pts = grid(center, r, center.length === 1 ? 64 : 16);
  const outs = pts.map((p) => forward(net, p));
  if (query === 'pi') {
    const Fc = forward(net, center);
    return pts.some((p, i) => linf(p, center) >= 2 * EPS && linf(outs[i], Fc) < 1e-9);
  }
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      if (linf(outs[i], outs[j]) < 1e-9 && linf(pts[i], pts[j]) >= 2 * EPS) return true;
    }
  }
  return false;
}

function assertWitnessVerifies(net: Network, r: QueryResult, center: Float64Array, radius: number, label: string): void {
  const w = r.witness;
  if (!w) return;
  const x = Float64Array.from(w.x), y = Float64Array.from(w.y);
  const Fx = forward(net, x), Fy = forward(net, y);
  const scale = 1 + Math.max(...Array.from(Fx, Math.abs));
  assert.ok(linf(Fx, Fy) <= 1e-6 * scale, `${label}: witness outputs differ by ${linf(Fx, Fy)}`);
  assert.ok(linf(x, y) > 0, `${label}: witness points coincide`);
  for (const p of [x, y]) assert.ok(linf(p, center) <= radius * (1 + 1e-9) + 1e-8, `${label}: witness leaves the ball by ${linf(p, center) - radius}`);
}

/** x ± τ·g(x), g = Gemm → Relu → Gemm (→ Relu → Gemm), dyadic weights: the engine sees it through the ONNX reader. */
function randomResidual(rand: () => number): Network {
  const n = rand() < 0.5 ? 1 : 2;
  const widths = [n, 1 + Math.floor(rand() * 6), ...(rand() < 0.4 ? [1 + Math.floor(rand() * 5)] : []), n];
  const pick = (): number => VALUES[Math.floor(rand() * VALUES.length)];
  const layers = widths.slice(1).map((outSize, k) => ({
    inSize: widths[k], outSize,
    weights: Array.from({ length: outSize * widths[k] }, () => (rand() < 0.15 ? 0 : pick())),
    bias: Array.from({ length: outSize }, () => Math.round((rand() * 2 - 1) * 4) / 4),
  }));
  const tau = [0.5, 1, 2][Math.floor(rand() * 3)];
  return parseOnnx(residualOnnx({ layers, tau, subtract: rand() < 0.5 }), 'random-residual.onnx');
}

interface Tally { collisions: number; certified: number; counterexamples: number }

async function checkOne(net: Network, rand: () => number, id: number, tally: Tally): Promise<void> {
  const n = net.inputSize;
  const center = Float64Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 8) / 8);
  const radius = [0.25, 0.5, 1][Math.floor(rand() * 3)];
  const query = rand() < 0.7 ? 'bl' : 'pi';
  // Alternate the exact MILP path and the default path (which may take the low-dimensional fast path).
  const method = id % 2 === 0 ? 'direct' : undefined;
  const ctx = { state: allFree(net), solver: pool, timeLimitSeconds: 5 };
  const r = await runCertify(ctx, { query, center, radius, norm: 'inf', tolerance: EPS, ...(method ? { method } : {}) });
  const label = `${net.source} ${id} (${query}, ${method ?? 'default'}, r = ${radius})`;
  if (gridCollision(net, center, radius, query)) {
    tally.collisions++;
    assert.notEqual(r.status, 'certified', `${label}: certified although the grid finds a collision`);
  }
  if (r.status === 'certified') tally.certified++;
  if (r.status === 'counterexample') { tally.counterexamples++; assert.ok(r.witness, `${label}: counterexample without witness`); }
  assertWitnessVerifies(net, r, center, radius, label);
}

void test('random small networks: a grid collision is never certified away, and every witness re-verifies', async () => {
  const rand = seededRandom(20260125);
  const tally: Tally = { collisions: 0, certified: 0, counterexamples: 0 };
  for (let id = 0; id < 300; id++) await checkOne(randomNet(rand, id), rand, id, tally);
  // The sample must exercise both verdicts, or the test proves nothing.
  assert.ok(tally.collisions >= 30, `only ${tally.collisions} grid collisions`);
  assert.ok(tally.certified >= 30, `only ${tally.certified} certified`);
  assert.ok(tally.counterexamples >= 30, `only ${tally.counterexamples} counterexamples`);
});

void test('random residual graphs x ± τ·g(x): a grid collision is never certified away, and every witness re-verifies', async () => {
  const rand = seededRandom(20261205);
  const tally: Tally = { collisions: 0, certified: 0, counterexamples: 0 };
  for (let id = 0; id < 150; id++) await checkOne(randomResidual(rand), rand, id, tally);
  // Seed 20261205 gives 38 collisions, 101 certified, 49 counterexamples: both verdicts, and fold pairs found.
  assert.ok(tally.collisions >= 25, `only ${tally.collisions} grid collisions`);
  assert.ok(tally.certified >= 50, `only ${tally.certified} certified`);
  assert.ok(tally.counterexamples >= 25, `only ${tally.counterexamples} counterexamples`);
});
