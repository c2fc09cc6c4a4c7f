// What each number of a result means: `radius` only when it is the radius, `objective` only when it is a proven
// optimum, the default method's name and what it ran, and matching results in matching words.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine/engine';
import * as P from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

const engine = createEngine();
void after(() => engine.dispose());

const model = (net: ReturnType<typeof P.absNet>) => ({ path: onnxFixture(net), fixed: [] as Array<[number, number]> });

void describe('a radius beyond the searched box', () => {
  void it('PI of an injective 2-D map: no radius, radiusLower = the cap, radiusUpper null, worded as a bound (default and direct)', async () => {
    for (const method of [undefined, 'direct'] as const) {
      const r = await engine.run({ kind: 'radius', model: model(P.residualNet()), query: 'pi', center: [0.2, 0.1], norm: 'inf', ...(method ? { method } : {}) });
      const label = method ?? 'default';
      assert.equal(r.status, 'certified', label);
      assert.equal(r.radius, undefined, `${label}: 10 is the search cap, not a radius`);
      assert.equal(r.radiusLower, 10, label);
      assert.equal(r.radiusUpper, null, label);
      assert.equal(r.invertibleOnDomain, true, label);
      assert.match(r.message, /no other preimage of F\(c\) within B∞\(c, 10\)/, label);
      assert.equal(r.stats.method, method ? 'direct' : 'auto:split', label);
    }
  });
  void it('a domain that cuts the ball is named: "∩ domain"', async () => {
    const r = await engine.run({ kind: 'radius', model: model(P.residualNet()), query: 'pi', center: [0.2, 0.1], norm: 'inf', domain: [[0, 1], [0, 2]] });
    assert.equal(r.radius, undefined);
    assert.equal(r.radiusUpper, null);
    assert.match(r.message, /within B∞\(c, [0-9.]+\) ∩ domain/);
  });
});

void describe('the default certify objective', () => {
  void it('on the reflection fold the default path reports its first pair with objective null; --method direct proves the maximum', async () => {
    const spec = { kind: 'certify', model: model(P.foldNet()), query: 'bl', center: [0, 0], radius: 0.5, norm: 'inf' } as const;
    const fast = await engine.run(spec);
    assert.equal(fast.status, 'counterexample');
    assert.equal(fast.objective, null, 'a first-found pair is not the maximum');
    assert.ok(fast.witness && fast.witness.separation > 0);
    assert.match(fast.message, /^counterexample: a colliding pair at separation [0-9.e-]+ \(first found; method direct gives the maximum\)/);
    assert.equal(fast.stats.method, 'auto:split');
    const named = await engine.run({ ...spec, method: 'auto' });
    assert.equal(named.stats.method, 'auto:split', 'method auto is the default, by name');
    const direct = await engine.run({ ...spec, method: 'direct' });
    assert.equal(direct.stats.method, 'direct');
    assert.ok(direct.objective !== null && Math.abs(direct.objective - 1) < 1e-6, `the maximum separation on B∞(0, 0.5) is 1, got ${direct.objective}`);
    assert.match(direct.message, /\(the maximum\)$/);
  });
  void it('certify with method bisection (a radius driver) is a clear error', async () => {
    const r = await engine.run({ kind: 'certify', model: model(P.foldNet()), query: 'bl', center: [0, 0], radius: 0.5, norm: 'inf', method: 'bisection' });
    assert.equal(r.status, 'error');
    assert.match(r.message, /bisection is a radius driver/);
  });
});

void describe('matching results in matching words', () => {
  const box: Array<[number, number]> = [[-1, 1]];
  void it('a discrepancy is a certified number with its attaining input (f₁, f₂ there) and the search\'s stats (boxes bounded), never a counterexample', async () => {
    const r = await engine.run({ kind: 'match', modelA: model(P.absNet()), modelB: model(P.reluNet()), query: 'discrepancy', domain: box, norm: 'inf' });
    assert.equal(r.status, 'certified');
    assert.ok(r.objective !== null && Math.abs(r.objective - 1) < 1e-6);
    assert.match(r.message, /^certified: max ‖f₁\(x\) − f₂\(x\)‖∞ = 1(\.0*)? on the box, at x = \(-1(\.0*)?\)/);
    const w = r.witness;
    assert.ok(w);
    const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
    assert.ok(near(w.x[0], -1) && w.y[0] === w.x[0], `one input, x = y = −1: ${w.x.join()}, ${w.y.join()}`);
    assert.ok(near(w.Fx[0], 1) && near(w.Fy[0], 0), `Fx = f₁(x) = |−1| = 1, Fy = f₂(x) = relu(−1) = 0: ${w.Fx.join()}, ${w.Fy.join()}`);
    assert.ok(near(w.outputGap, 1));
    assert.equal(w.separation, 0);
    assert.ok(r.stats.method === 'auto:split' && r.stats.nodes >= 1, `stats filled in: ${JSON.stringify(r.stats)}`);
  });
  void it('a transform refutation is a pair f₁ cannot tell apart and f₂ can', async () => {
    const r = await engine.run({ kind: 'match', modelA: model(P.reluNet()), modelB: model(P.absNet()), query: 'transform', domain: box, norm: 'inf' });
    assert.equal(r.status, 'counterexample');
    // Under auto (the input-space search): the maximum with the tolerance it is proved to and the proved bound.
    assert.match(r.message, /^counterexample: f₁\(x\) = f₁\(y\) but ‖f₂\(x\) − f₂\(y\)‖∞ = 1(\.0*)? \(the maximum to within 0\.001: every pair f₁ cannot tell apart proved ≤ 1(\.0*)?\): no map T with f₂ = T ∘ f₁ on the box$/);
    const w = r.witness;
    assert.ok(w && w.Gx && w.Gy);
    assert.ok(Math.abs(w.Fx[0] - w.Fy[0]) < 1e-9, 'f₁(x) = f₁(y)');
    assert.ok(Math.abs(Math.abs(w.Gx[0] - w.Gy[0]) - 1) < 1e-6, 'f₂ differs by 1');
    assert.ok(Math.abs(w.separation - Math.abs(w.x[0] - w.y[0])) < 1e-12, 'separation = ‖x − y‖∞');
    assert.ok(r.stats.method === 'auto:split' && r.stats.binaries > 0 && (r.stats.solves ?? 0) > 0, `stats filled in: ${JSON.stringify(r.stats)}`);
  });
});
