import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber, verdictText } from '../../src/client/verdict';
import type { QueryResult } from '../../src/shared/results';

function result(overrides: Partial<QueryResult>): QueryResult {
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
  };
}

void describe('inline verdicts', () => {
  void it('shows a certified BL radius with 4 significant digits and the time', () => {
    assert.equal(verdictText(result({ radius: 0.655344 })), '✓ certified r = 0.6553 (4.1 s)');
  });

  void it('names the PI radius R', () => {
    assert.equal(verdictText(result({ query: 'radius-pi', radius: 2.773821, stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 37.4 } })), '✓ certified R = 2.774 (37 s)');
  });

  void it('shows a counterexample pair and its separation in the query norm', () => {
    const text = verdictText(
      result({
        query: 'bl',
        status: 'counterexample',
        witness: { x: [2.618, 0.5953], y: [2.624, 0.59], Fx: [1, 1], Fy: [1, 1], separation: 0.0061, outputGap: 1e-9, checkedBy: ['float64'] },
        stats: { binaries: 1, unstable: 1, nodes: 1, seconds: 0.5 },
      }),
    );
    assert.equal(text, '✗ x = (2.618, 0.5953), y = (2.624, 0.59), ‖x−y‖∞ = 0.0061 (0.5 s)');
  });

  void it('prints a counterexample pair 6.7e-4 apart with enough decimals that x and y differ', () => {
    const text = verdictText(
      result({
        query: 'bl',
        status: 'counterexample',
        witness: { x: [2.54512, 0.5918], y: [2.54445, 0.5912], Fx: [1, 1], Fy: [1, 1], separation: 6.7e-4, outputGap: 1e-9, checkedBy: ['float64'] },
        stats: { binaries: 1, unstable: 1, nodes: 1, seconds: 0.5 },
      }),
    );
    const [, x, y] = /x = (\(.*?\)), y = (\(.*?\))/.exec(text)!;
    assert.notEqual(x, y);
    assert.notEqual(x.split(', ')[0], y.split(', ')[0]);
    assert.equal(text, '✗ x = (2.54512, 0.5918), y = (2.54445, 0.5912), ‖x−y‖∞ = 0.00067 (0.5 s)');
  });

  void it('shows an unresolved result with its gap in percent', () => {
    assert.equal(verdictText(result({ status: 'unresolved', gap: 0.12, stats: { binaries: 1, unstable: 1, nodes: 9, seconds: 60 } })), '? unresolved, gap 12% (60 s)');
  });

  void it('shows L2 radius bounds as an interval, never as one number', () => {
    assert.equal(verdictText(result({ norm: '2', radiusLower: 1.06, radiusUpper: 1.0612 })), '✓ certified r ∈ [1.06, 1.061] (4.1 s)');
  });

  void it('says so when the radius driver found no non-invertibility in the whole domain', () => {
    assert.equal(verdictText(result({ invertibleOnDomain: true, radius: 3 })), '✓ invertible on the whole domain (4.1 s)');
  });

  void it('shows errors with their message and no timing', () => {
    assert.equal(verdictText(result({ status: 'error', error: { code: 'UnsupportedOperator', message: 'Sigmoid at node /act' } })), '⚠ Sigmoid at node /act');
  });

  void it('formats tiny and huge numbers in exponent form and drops trailing zeros', () => {
    assert.equal(formatNumber(1.5e-7), '1.50e-7');
    assert.equal(formatNumber(2.5), '2.5');
    assert.equal(formatNumber(1200), '1200');
  });
});
