// Small LPs/MIPs with known answers, and one that is hard enough to hit a time limit (market split).
import { MipBuilder } from '../../src/engine/solver/mipBuilder';
import type { MipProblem } from '../../src/engine/solver/problem';
import { seededRandom } from './rng';

/** max 30c + 50t s.t. c + 2t ≤ 40, 2c + t ≤ 50: LP optimum 1100 at (20, 10) (also integral). */
export function workshop(integer: boolean): MipProblem {
  const b = new MipBuilder();
  const c = integer ? b.addInteger('chairs', 0, 100) : b.addContinuous('chairs', 0, Infinity);
  const t = integer ? b.addInteger('tables', 0, 100) : b.addContinuous('tables', 0, Infinity);
  b.addRow('carpentry', [{ col: c, coef: 1 }, { col: t, coef: 2 }], -Infinity, 40);
  b.addRow('finishing', [{ col: c, coef: 2 }, { col: t, coef: 1 }], -Infinity, 50);
  b.setObjective('maximize', [{ col: c, coef: 30 }, { col: t, coef: 50 }]);
  return b.build();
}

/** max x + y, x + 2y ≤ 4.5, 2x + y ≤ 4.5, x, y ∈ {0..3} integer: LP optimum 3, MIP optimum 2. */
export function smallKnapsack(): MipProblem {
  const b = new MipBuilder();
  const x = b.addInteger('x', 0, 3);
  const y = b.addInteger('y', 0, 3);
  b.addRow('r1', [{ col: x, coef: 1 }, { col: y, coef: 2 }], -Infinity, 4.5);
  b.addRow('r2', [{ col: x, coef: 2 }, { col: y, coef: 1 }], -Infinity, 4.5);
  b.setObjective('maximize', [{ col: x, coef: 1 }, { col: y, coef: 1 }]);
  return b.build();
}

/** x + y ≥ 3 with x, y ∈ [0, 1]: infeasible. */
export function infeasibleLp(): MipProblem {
  const b = new MipBuilder();
  const x = b.addContinuous('x', 0, 1);
  const y = b.addContinuous('y', 0, 1);
  b.addRow('cover', [{ col: x, coef: 1 }, { col: y, coef: 1 }], 3, Infinity);
  b.setObjective('minimize', [{ col: x, coef: 1 }]);
  return b.build();
}

/** Market split (Cornuéjols–Dawande): equality knapsacks on binaries, notoriously hard for branch and bound. */
export function marketSplit(rows: number, cols: number, seed: number): MipProblem {
  const rand = seededRandom(seed);
  const b = new MipBuilder();
  const xs = Array.from({ length: cols }, (_, j) => b.addBinary(`x${j}`));
  const objective = [];
  for (let i = 0; i < rows; i++) {
    const a = xs.map(() => Math.floor(rand() * 100));
    const rhs = Math.floor(a.reduce((s, v) => s + v, 0) / 2);
    const plus = b.addContinuous(`sp${i}`, 0, Infinity);
    const minus = b.addContinuous(`sm${i}`, 0, Infinity);
    b.addRow(`split${i}`, [...xs.map((col, j) => ({ col, coef: a[j] })), { col: plus, coef: 1 }, { col: minus, coef: -1 }], rhs, rhs);
    objective.push({ col: plus, coef: 1 }, { col: minus, coef: 1 });
  }
  b.setObjective('minimize', objective);
  return b.build();
}
