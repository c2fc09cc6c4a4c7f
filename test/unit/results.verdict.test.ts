// The one-line verdicts the server words for every view (inline annotation, hover title, panel list).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { annotationText } from '../../src/server/results/format';
import type { QueryResult, Witness } from '../../src/shared/results';

// Fixtures hold only the fields each wording reads (a certified radius without its pair, say), so they are cast.
function result(overrides: Record<string, unknown>): QueryResult {
  return {
    query: 'radius-bl',
    status: 'certified',
    norm: 'inf',
    objective: 0,
    bound: 0,
    gap: 0,
    tolerance: 1e-6,
    stats: { binaries: 10, unstable: 5, nodes: 1, seconds: 4.1 },
    message: 'certified',
    ...overrides,
  } as QueryResult;
}

function witness(overrides: Partial<Witness>): Witness {
  return { x: [0, 0], y: [0, 0], Fx: [1, 1], Fy: [1, 1], separation: 0, outputGap: 1e-9, checkedBy: ['float64'], ...overrides };
}

void describe('verdicts', () => {
  void it('shows a certified BL radius with 4 significant digits and the time', () => {
    assert.equal(annotationText(result({ radius: 0.655344 })), '✓ certified r = 0.6553 (4.1 s)');
  });

  void it('names the PI radius R', () => {
    assert.equal(annotationText(result({ query: 'radius-pi', radius: 2.773821, stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 37.4 } })), '✓ certified R = 2.774 (37 s)');
  });

  void it('shows L2 radius bounds as an interval, never as one number', () => {
    assert.equal(annotationText(result({ norm: '2', radiusLower: 1.06, radiusUpper: 1.0612 })), '✓ certified r ∈ [1.06, 1.061] (4.1 s)');
  });

  void it('shows the certified ball of a certify query in its norm', () => {
    assert.equal(annotationText(result({ query: 'bl', norm: '1', boxRadius: 0.6 })), '✓ certified on B₁(c, 0.6) (4.1 s)');
  });

  void it('gives long runs in minutes', () => {
    assert.equal(annotationText(result({ radius: 0.5, stats: { binaries: 1, unstable: 1, nodes: 1, seconds: 600 } })), '✓ certified r = 0.5 (10.0 min)');
  });

  void it('shows a counterexample pair and its separation in the query norm, with enough decimals that x and y differ', () => {
    const text = annotationText(result({ query: 'bl', status: 'counterexample', witness: witness({ x: [2.54512, 0.5918], y: [2.54445, 0.5912], separation: 6.7e-4 }) }));
    const [, x, y] = /x = (\(.*?\)), y = (\(.*?\))/.exec(text)!;
    assert.notEqual(x.split(', ')[0], y.split(', ')[0]);
    // The fewest digits that still tell x from y in every coordinate where they differ.
    assert.equal(text, '✗ x = (2.5451, 0.5918), y = (2.5444, 0.5912), ‖x−y‖∞ = 6.7e-4');
  });

  void it('leads a radius counterexample with the radius found', () => {
    const text = annotationText(result({ status: 'counterexample', radius: 0.6553, witness: witness({ x: [2.618, 0.5953], y: [2.624, 0.59], separation: 0.0061 }) }));
    assert.equal(text, '✗ r = 0.6553; x = (2.618, 0.5953), y = (2.624, 0.59), ‖x−y‖∞ = 0.0061');
  });

  void it('shows a PI counterexample as another preimage of F(c), not as a pair', () => {
    const text = annotationText(result({ query: 'pi', status: 'counterexample', witness: witness({ x: [1.2, 0.4], y: [1, 0.5], separation: 0.2 }) }));
    assert.equal(text, '✗ x = (1.2, 0.4), F(x) = F(c), ‖x−c‖∞ = 0.2');
  });

  void it('shows a discrepancy as a number and where it is attained: certified when proved, an interval when not', () => {
    const at = witness({ x: [-1, -0.944], y: [-1, -0.944], separation: 0, outputGap: 0.27123 });
    const text = annotationText(result({ query: 'discrepancy', objective: 0.27123, witness: at }));
    assert.equal(text, '✓ max ‖f₁−f₂‖∞ = 0.2712 at x = (-1, -0.944) (4.1 s)');
    assert.doesNotMatch(text, /‖x−y‖/);
    assert.equal(annotationText(result({ query: 'discrepancy', status: 'unresolved', objective: null, bound: 0.4, witness: at })),
      '? unresolved, max ‖f₁−f₂‖∞ ∈ [0.2712, 0.4] at x = (-1, -0.944) (4.1 s)');
  });

  void it('shows a transform counterexample as two inputs f₁ cannot tell apart but f₂ can', () => {
    const pair = witness({ x: [0.5, 0], y: [-0.5, 0], separation: 1, Gx: [0.75], Gy: [0] });
    const text = annotationText(result({ query: 'transform', status: 'counterexample', objective: null, witness: pair }));
    assert.equal(text, '✗ no T with f₂ = T∘f₁: f₁(x) = f₁(y) but ‖f₂(x)−f₂(y)‖∞ = 0.75 for x = (0.5, 0), y = (-0.5, 0)');
    assert.equal(annotationText(result({ query: 'transform' })), '✓ certified f₂ = T∘f₁ on the domain (4.1 s)');
  });

  void it('shows a pruning sweep by its per-level message, certified or not', () => {
    const message = 'pruned at 20, 50%: 20% → discrepancy 0.05, radius 0.3; 50% → discrepancy ?, radius 0.2';
    assert.equal(annotationText(result({ query: 'prune', status: 'unresolved', gap: null, bound: null, message })), `? ${message} (4.1 s)`);
  });

  void it('shows an unresolved result with its gap in percent, or its bound when there is no gap', () => {
    assert.equal(annotationText(result({ status: 'unresolved', gap: 0.12, stats: { binaries: 1, unstable: 1, nodes: 9, seconds: 60 } })), '? unresolved, gap 12% (60 s)');
    assert.equal(annotationText(result({ query: 'bl', status: 'unresolved', gap: null, bound: 0.25 })), '? unresolved, bound 0.25 (4.1 s)');
  });

  void it('says the radius is only bounded below when no pair exists in the searched box', () => {
    const r = result({ invertibleOnDomain: true, radiusLower: 10, radiusUpper: null, center: [0.2, 0.1], domain: [[-9.8, 10.2], [-9.9, 10.1]] });
    assert.equal(annotationText(r), '✓ r ≥ 10: injective on the whole searched box B∞(c, 10) (4.1 s)');
    assert.equal(annotationText({ ...r, query: 'radius-pi' } as QueryResult), '✓ R ≥ 10: no other preimage within B∞(c, 10) (4.1 s)');
  });

  void it('shows errors with their message and no timing', () => {
    assert.equal(annotationText(result({ status: 'error', error: { code: 'UnsupportedOperator', message: 'Sigmoid at node /act' } })), '⚠ Sigmoid at node /act');
  });
});
