// A sweep run one level per instance (invcert batch) joins into one table: the rows in the sweep's order, a level
// whose run failed kept as not run with its reason, and the table certified only when every level is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinLevelTables } from '../../src/engine/prune/runPrune';
import type { PruneResult, PruneRow } from '../../src/shared/results';

function row(level: number, certified: boolean): PruneRow {
  return {
    level, file: `m_pruned${level}.onnx`, discrepancy: certified ? 0.1 * level : null, discrepancyLower: 0.1 * level, discrepancyBound: 0.1 * level + 1,
    radius: 0.5, radiusLower: 0.4995, radiusUpper: 0.5005, radiusStatus: 'certified', radiusMessage: '', notRun: false, seconds: 1,
  };
}
function part(r: PruneRow): PruneResult {
  return {
    query: 'prune', status: r.discrepancy === null ? 'unresolved' : 'certified', norm: 'inf', objective: null, bound: null, gap: null, tolerance: 1e-6,
    center: [1, 0.5], domain: [[-2, 2], [-2, 2]], prune: [r], message: '', stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 2, method: 'prune' },
  } as unknown as PruneResult;
}
const failed = { query: 'prune', status: 'error', norm: 'inf', error: { code: 'SolverFailed', message: 'the solver worker crashed' }, message: 'the solver worker crashed', stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 3, method: 'prune' } } as unknown as PruneResult;

void test('levels run apart join in the sweep\'s order; the table is certified when every level is, its time their sum', () => {
  const t = joinLevelTables([10, 50], [part(row(10, true)), part(row(50, true))]);
  assert.equal(t.status, 'certified');
  assert.deepEqual(t.prune?.map((r) => r.level), [10, 50]);
  assert.deepEqual(t.center, [1, 0.5]);
  assert.equal(t.stats.seconds, 4);
  assert.match(t.message, /^pruned at 10, 50%: 10% → discrepancy 1, radius 0\.5; 50% → discrepancy 5, radius 0\.5$/);
});

void test('a level whose run failed stays in the table as not run, with its reason, and the table is unresolved', () => {
  const t = joinLevelTables([10, 30, 50], [part(row(10, true)), failed, part(row(50, false))]);
  assert.equal(t.status, 'unresolved');
  assert.deepEqual(t.prune?.map((r) => [r.level, r.notRun]), [[10, false], [30, true], [50, false]]);
  assert.match(t.message, /30%: the solver worker crashed/);
});
