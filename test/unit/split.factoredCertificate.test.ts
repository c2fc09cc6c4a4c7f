// The enumeration-free Jacobian certificate: on maps whose unstable ReLUs sit in one layer, ‖I − P·J‖ < 1 over the
// whole enclosure J(D) = A + Post·D·Pre proves injectivity on a box in any dimension; the certify BL query uses it
// first under the default method (the paper's SI residual cases), and never on a map that folds.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeBounds } from '../../src/engine/bounds';
import { forward } from '../../src/engine/ir/forward';
import type { Network } from '../../src/engine/ir/network';
import { parseOnnx } from '../../src/engine/onnx';
import { runCertify } from '../../src/engine/queries/certify';
import { allFree } from '../../src/engine/queries/state';
import { SolverPool } from '../../src/engine/solver';
import { factoredCertificate, spectralNormUpperBound } from '../../src/engine/split/factoredCertificate';
import { jacobianCertificate, phases } from '../../src/engine/split/jacobian';
import { matMul, transpose } from '../../src/engine/split/linalg';
import { residualOnnx } from '../helpers/onnxFixtures';
import { seededRandom, uniform } from '../helpers/rng';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const pool = new SolverPool({ size: 1 });
void after(() => pool.dispose());

function residualModel(name: string): Network {
  const path = sharedModel(`residual/${name}.onnx`);
  return parseOnnx(readFileSync(path), path);
}

function cube(n: number, r: number): { lower: Float64Array; upper: Float64Array } {
  return { lower: new Float64Array(n).fill(-r), upper: new Float64Array(n).fill(r) };
}

for (const [name, r] of [['residual_invertible_8x10', 10], ['residual_invertible_8x10', 20], ['residual_invertible_6x50', 15]] as const) {
  void test(`certify BL on ${name} at r = ${r} is certified by the Jacobian certificate, with no MILP`, { skip: skipWithoutSharedModels }, async () => {
    const net = residualModel(name);
    const res = await runCertify({ state: allFree(net), solver: pool }, { query: 'bl', center: new Float64Array(net.inputSize), radius: r, norm: 'inf' });
    assert.equal(res.status, 'certified', res.message);
    assert.equal(res.stats.method, 'auto:jacobian');
    assert.equal(res.stats.solves, 0);
    assert.match(res.message, /factored-contraction/);
  });
}

void test('--method direct does not take the certificate: its answer stays a MILP\'s', { skip: skipWithoutSharedModels }, async () => {
  const net = residualModel('residual_invertible_8x10');
  const res = await runCertify({ state: allFree(net), solver: pool, timeLimitSeconds: 1 }, { query: 'bl', center: new Float64Array(8), radius: 0.01, norm: 'inf', method: 'direct' });
  assert.notEqual(res.stats.method, 'jacobian');
  assert.ok((res.stats.solves ?? 0) >= 1);
});

void test('the folding residual map is not certified on [−1, 1]⁴, where det DF changes sign', { skip: skipWithoutSharedModels }, () => {
  const net = residualModel('residual_fold_4x20');
  const bounds = computeBounds(net, cube(4, 1), { method: 'crown' });
  assert.equal(factoredCertificate(net, phases(net, bounds)).certified, false);
  assert.equal(jacobianCertificate(net, bounds).certified, false);
});

void test('random one-hidden-layer residual maps: whenever the factored test certifies a box, sampled pairs never collide', () => {
  const rand = seededRandom(11);
  let certifiedBoxes = 0;
  for (let id = 0; id < 60; id++) {
    const n = 2 + Math.floor(rand() * 3), h = 2 + Math.floor(rand() * 6);
    const gain = uniform(rand, 0.3, 3);
    const w = (o: number, i: number, s: number): number[] => Array.from({ length: o * i }, () => uniform(rand, -s, s));
    const net = parseOnnx(residualOnnx({ layers: [
      { inSize: n, outSize: h, weights: w(h, n, gain), bias: w(h, 1, 1) },
      { inSize: h, outSize: n, weights: w(n, h, 1 / Math.sqrt(h)), bias: w(n, 1, 0.5) },
    ] }), 'r.onnx');
    const box = cube(n, uniform(rand, 0.2, 2));
    if (!factoredCertificate(net, phases(net, computeBounds(net, box, { method: 'crown' }))).certified) continue;
    certifiedBoxes++;
    // Injective: F(x) − F(y) is at least a positive multiple of x − y, so a pair of close images needs close inputs.
    for (let k = 0; k < 200; k++) {
      const x = Array.from({ length: n }, (_, i) => uniform(rand, box.lower[i], box.upper[i]));
      const y = Array.from({ length: n }, (_, i) => uniform(rand, box.lower[i], box.upper[i]));
      const dF = Math.max(...forward(net, x).map((v, i) => Math.abs(v - forward(net, y)[i])));
      const dx = Math.max(...x.map((v, i) => Math.abs(v - y[i])));
      assert.ok(dF > 0 || dx === 0, `net ${id}: certified, yet F(x) = F(y) for x ≠ y`);
    }
  }
  assert.ok(certifiedBoxes >= 10, `only ${certifiedBoxes} boxes certified`);
});

void test('spectralNormUpperBound is never below the largest singular value, and close to it', () => {
  const rand = seededRandom(12);
  for (let id = 0; id < 40; id++) {
    const r = 1 + Math.floor(rand() * 12), c = 1 + Math.floor(rand() * 12);
    const b = Float64Array.from({ length: r * c }, () => uniform(rand, -2, 2));
    // σ_max² = λ_max(BᵀB) by 500 power steps from a random start, a reference that only approaches from below.
    const g = matMul(transpose(b, r, c), b, c, r, c);
    let v = Float64Array.from({ length: c }, () => uniform(rand, -1, 1));
    let lambda = 0;
    for (let it = 0; it < 500; it++) {
      const wv = matMul(g, v, c, c, 1);
      lambda = Math.hypot(...wv) / Math.hypot(...v);
      v = wv.map((x) => x / Math.hypot(...wv));
    }
    const bound = spectralNormUpperBound(b, r, c);
    assert.ok(bound >= Math.sqrt(lambda) * (1 - 1e-12), `${r}×${c}: bound ${bound} < σ ${Math.sqrt(lambda)}`);
    assert.ok(bound <= Math.sqrt(lambda) * 1.05 + 1e-12, `${r}×${c}: bound ${bound} far above σ ${Math.sqrt(lambda)}`);
  }
});
