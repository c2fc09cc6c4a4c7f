// The solver host under failure: a HiGHS worker killed in the middle of a query, and models whose MIP would not
// fit the WebAssembly heap.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../../src/engine/errors';
import type { DenseLayer, Network } from '../../src/engine/ir/network';
import { writeOnnx } from '../../src/engine/onnx';
import { createEngine } from '../../src/engine/engine';
import { SolverPool, WASM_HEAP_BUDGET_BYTES } from '../../src/engine/solver';
import type { MipProblem, SolveOptions, SolveResult } from '../../src/engine/solver';
import type { QuerySpec } from '../../src/shared/querySpec';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', 'workspace', name);
const engine = createEngine({ solver: { size: 1 } });
const pool = engine.solverPool;
const scratch = mkdtempSync(join(tmpdir(), 'invcert-resilience-'));
after(async () => {
  await engine.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

// mlp_gemm (2 → 10 → 10 → 2) with the paper's method: the MILP path, never the low-dimensional split path.
const mipQuery: QuerySpec = {
  kind: 'certify', model: { path: fixture('mlp_gemm.onnx'), fixed: [] }, query: 'bl',
  center: [0.1, -0.2], radius: 0.05, norm: 'inf', method: 'paper',
};

/** Kills its worker right after the first MIP was handed to it (solve() dispatches synchronously). */
class KillingPool extends SolverPool {
  kills = 0;
  override solve(problem: MipProblem, options?: SolveOptions): Promise<SolveResult> {
    const solving = super.solve(problem, options);
    if (this.kills === 0) {
      this.kills++;
      void this.killWorkers();
    }
    return solving;
  }
}

void test('a solver worker killed mid-solve fails the query with a typed SolverFailed, and the next query succeeds', async () => {
  const killing = new KillingPool({ size: 1 });
  const killingEngine = createEngine({ solver: killing });
  try {
    await assert.rejects(killingEngine.run(mipQuery), (e: unknown) => {
      assert.ok(e instanceof EngineError, `typed error, got ${String(e)}`);
      assert.equal(e.code, 'SolverFailed');
      assert.match(e.message, /killed|worker|died|crash/i);
      return true;
    });
    assert.equal(killing.kills, 1, 'a MIP was dispatched and its worker killed');
    const next = await killingEngine.run(mipQuery);
    assert.ok(next.status === 'certified' || next.status === 'counterexample', `next query: ${next.status} ${next.message}`);
    assert.ok(killing.workersStarted >= 2, 'a fresh worker replaced the killed one');
  } finally {
    await killingEngine.dispose();
  }
});

function denseNetwork(widths: readonly number[]): Network {
  const layers: DenseLayer[] = [];
  for (let k = 0; k + 1 < widths.length; k++) {
    const [inSize, outSize] = [widths[k], widths[k + 1]];
    const weights = new Float64Array(inSize * outSize).map((_, i) => ((i * 7919) % 13) / 13 - 0.5);
    layers.push({ inSize, outSize, weights, bias: new Float64Array(outSize), relu: k + 2 < widths.length });
  }
  const [inputSize, outputSize] = [widths[0], widths[widths.length - 1]];
  return {
    layers, inputSize, outputSize, source: 'generated',
    inputs: [{ name: 'input', shape: [1, inputSize] }], outputs: [{ name: 'output', shape: [1, outputSize] }],
  };
}

void test('a model too large for the WebAssembly solver is refused before any solve, with the reason', async () => {
  // 100 → 2400 → 2400 → 100: 6.2 M weights; its pair MIP alone would need well over the heap budget.
  const path = join(scratch, 'too_large.onnx');
  writeFileSync(path, writeOnnx(denseNetwork([100, 2400, 2400, 100])));
  const startedBefore = pool.workersStarted;
  const result = await engine.run({ ...mipQuery, model: { path, fixed: [] }, center: new Array<number>(100).fill(0), radius: 0.1 });
  assert.equal(result.status, 'error');
  assert.equal(result.error?.code, 'ModelTooLarge');
  assert.match(result.message, /weights|ReLUs|MiB|limit/);
  assert.equal(pool.workersStarted, startedBefore, 'no solver worker was started for it');
});

void test('the solver host refuses a MIP beyond the WebAssembly heap up front, naming its size', async () => {
  // A sparse but enormous problem: 1.4 M columns (1 nonzero each) — beyond the 1.5 GiB budget by the column count.
  const numCols = Math.ceil(WASM_HEAP_BUDGET_BYTES / 1200) + 10;
  const problem: MipProblem = {
    numCols, numRows: 1, sense: 'maximize', offset: 0,
    colCost: new Float64Array(numCols), colLower: new Float64Array(numCols), colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array([0]), rowUpper: new Float64Array([1]),
    aStart: new Int32Array([0, numCols]), aIndex: Int32Array.from({ length: numCols }, (_, i) => i), aValue: new Float64Array(numCols).fill(1),
  };
  const startedBefore = pool.workersStarted;
  await assert.rejects(pool.solve(problem), (e: unknown) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.code, 'ModelTooLarge');
    assert.match(e.message, /MiB/);
    return true;
  });
  assert.equal(pool.workersStarted, startedBefore, 'refused before reaching a worker');
});

void test('a match whose four network copies would not fit the WebAssembly heap is refused before bounds or encoding, with the size it needs', async () => {
  // 100 → 1700 → 1700 → 100: 3.2 M weights each, under the reader's limit; transform encodes each network twice.
  const path = join(scratch, 'large_pair.onnx');
  writeFileSync(path, writeOnnx(denseNetwork([100, 1700, 1700, 100])));
  const startedBefore = pool.workersStarted;
  const domain = Array.from({ length: 100 }, () => [0, 0.1] as const);
  const result = await engine.run({ kind: 'match', query: 'transform', modelA: { path, fixed: [] }, modelB: { path, fixed: [] }, domain, norm: 'inf' });
  assert.equal(result.status, 'error');
  assert.equal(result.error?.code, 'ModelTooLarge');
  assert.match(result.message, /would need about \d+ MiB/);
  assert.equal(pool.workersStarted, startedBefore, 'no solver worker was started for it');
});
