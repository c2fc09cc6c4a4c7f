// One builder for every invertibility MILP: two copies (BL) or one copy against a fixed point (PI), a domain
// (box, optionally cut to an L1 ball or a polytope), and an objective on d = x − y. The queries pick the pieces.
import type { Box, NetworkBounds } from '../bounds/types';
import { forward } from '../ir/forward';
import type { Network } from '../ir/network';
import { MipBuilder } from '../solver/mipBuilder';
import type { LinearTerm } from '../solver/mipBuilder';
import type { MipProblem } from '../solver/problem';
import type { AffineExpr } from './encodeNetwork';
import { EQUALITY_ROW_SCALE, addDifferenceRow, colExpr, constExpr, encodeNetwork } from './encodeNetwork';

/** Extra domain constraint on every free point p (x, and y for BL) beyond the box. */
export type BallConstraint =
  | { readonly norm: '1'; readonly center: Float64Array; readonly radius: number | 'variable' }
  | { readonly norm: 'inf'; readonly center: Float64Array; readonly radius: 'variable' }
  /** ⟨v_j, p − c⟩ ≤ radius for each (unit) direction v_j: a polyhedral outer/inner approximation of a ball. */
  | { readonly norm: 'poly'; readonly center: Float64Array; readonly radius: number | 'variable'; readonly dirs: readonly Float64Array[] };

export type PairObjective =
  /** The paper's max ‖d‖∞: one-hot r_i, r'_i with Σ = 1, M = 2·box width; |d_i| ≤ w. No symmetry breaking. */
  | { readonly kind: 'paperInf' }
  /** max ⟨u, d⟩ subject to ⟨u, d⟩ ≥ floor (floor > 0 turns "d = 0" into infeasibility). */
  | { readonly kind: 'linear'; readonly u: Float64Array; readonly floor: number }
  /** max ‖d‖₁ with a sign binary per coordinate; d₀ ≥ 0 breaks the (x, y) symmetry for BL unless a floor is given. */
  | { readonly kind: 'l1'; readonly floor?: { readonly u: Float64Array; readonly value: number } }
  /** min t (the ball radius, which must be 'variable') subject to ⟨u, d⟩ ≥ floor. */
  | { readonly kind: 'minRadius'; readonly u: Float64Array; readonly floor: number; readonly tLower?: number; readonly tUpper: number };

export interface PairMipSpec {
  readonly net: Network;
  readonly box: Box;
  readonly bounds: NetworkBounds;
  /** PI: the second point is this fixed centre, F(centre) evaluated in float64. */
  readonly fixedSecond?: Float64Array;
  readonly ball?: BallConstraint;
  readonly objective: PairObjective;
  readonly fixStable?: boolean;
}

export interface PairMip {
  readonly problem: MipProblem;
  readonly xCols: Int32Array;
  /** BL only. */
  readonly yCols: Int32Array | null;
  /** Objective column (w or t), when there is one. */
  readonly objCol: number | null;
  readonly binaries: number;
  readonly unstable: number;
}

export function buildPairMip(spec: PairMipSpec): PairMip {
  const { net, box, bounds } = spec;
  const n = net.inputSize;
  const b = new MipBuilder();
  const fixStable = spec.fixStable ?? true;
  const xCols = Int32Array.from({ length: n }, (_, i) => b.addContinuous(`x${i}`, box.lower[i], box.upper[i]));
  const xs = Array.from(xCols, colExpr);
  const cx = encodeNetwork(b, net, xs, bounds, 'X', { fixStable });
  let yCols: Int32Array | null = null;
  let ys: AffineExpr[];
  let binaries = cx.binaries.length;
  let unstable = cx.unstable;
  if (spec.fixedSecond) {
    const c = spec.fixedSecond;
    ys = Array.from(c, constExpr);
    const Fc = forward(net, c);
    cx.outputs.forEach((o, i) => addDifferenceRow(b, `eq${i}`, o, constExpr(Fc[i]), 0, 0, EQUALITY_ROW_SCALE));
  } else {
    yCols = Int32Array.from({ length: n }, (_, i) => b.addContinuous(`y${i}`, box.lower[i], box.upper[i]));
    ys = Array.from(yCols, colExpr);
    const cy = encodeNetwork(b, net, ys, bounds, 'Y', { fixStable });
    binaries += cy.binaries.length;
    unstable += cy.unstable;
    // F(x) = F(y): the output bias cancels inside the difference.
    cx.outputs.forEach((o, i) => addDifferenceRow(b, `eq${i}`, o, cy.outputs[i], 0, 0, EQUALITY_ROW_SCALE));
  }
  const d: AffineExpr[] = xs.map((x, i) => ({
    terms: [...x.terms, ...ys[i].terms.map((t) => ({ col: t.col, coef: -t.coef }))],
    constant: x.constant - ys[i].constant,
  }));
  let tCol: number | null = null;
  if (spec.ball) {
    const ball = spec.ball;
    const maxR = Math.max(...Array.from({ length: n }, (_, i) => box.upper[i] - box.lower[i])) * n + 1;
    tCol = ball.radius === 'variable' ? b.addContinuous('t', 0, maxR) : null;
    const points = yCols ? [xCols, yCols] : [xCols];
    points.forEach((cols, pIdx) => addBall(b, ball, cols, tCol, pIdx === 0 ? 'bx' : 'by', box));
  }
  const width = Math.max(...Array.from({ length: n }, (_, i) => box.upper[i] - box.lower[i]));
  const obj = addObjective(b, spec, d, width, tCol, yCols !== null);
  binaries += obj.binaries;
  return { problem: b.build(), xCols, yCols, objCol: obj.col, binaries, unstable };
}

function addBall(b: MipBuilder, ball: BallConstraint, cols: Int32Array, tCol: number | null, tag: string, box: Box): void {
  const c = ball.center;
  const rhsTerms = (extra: LinearTerm[]): LinearTerm[] => (tCol === null ? extra : [...extra, { col: tCol, coef: -1 }]);
  const rhs = ball.radius === 'variable' ? 0 : ball.radius;
  if (ball.norm === 'inf') {
    cols.forEach((col, i) => {
      b.addRow(`${tag}_ip${i}`, rhsTerms([{ col, coef: 1 }]), -Infinity, rhs + c[i]);
      b.addRow(`${tag}_in${i}`, rhsTerms([{ col, coef: -1 }]), -Infinity, rhs - c[i]);
    });
  } else if (ball.norm === '1') {
    const a = Array.from(cols, (col, i) => {
      const ai = b.addContinuous(`${tag}_a${i}`, 0, box.upper[i] - box.lower[i]);
      b.addRow(`${tag}_ap${i}`, [{ col: ai, coef: 1 }, { col, coef: -1 }], -c[i], Infinity);
      b.addRow(`${tag}_an${i}`, [{ col: ai, coef: 1 }, { col, coef: 1 }], c[i], Infinity);
      return ai;
    });
    b.addRow(`${tag}_sum`, rhsTerms(a.map((col) => ({ col, coef: 1 }))), -Infinity, rhs);
  } else {
    ball.dirs.forEach((v, j) => {
      let vc = 0;
      const terms = Array.from(cols, (col, i) => { vc += v[i] * c[i]; return { col, coef: v[i] }; });
      b.addRow(`${tag}_v${j}`, rhsTerms(terms), -Infinity, rhs + vc);
    });
  }
}

function addObjective(
  b: MipBuilder, spec: PairMipSpec, d: AffineExpr[], width: number, tCol: number | null, pair: boolean,
): { col: number | null; binaries: number } {
  const o = spec.objective;
  const n = d.length;
  const dot = (u: Float64Array): AffineExpr => ({
    terms: d.flatMap((di, i) => (u[i] === 0 ? [] : di.terms.map((t) => ({ col: t.col, coef: u[i] * t.coef })))),
    constant: d.reduce((s, di, i) => s + u[i] * di.constant, 0),
  });
  if (o.kind === 'linear') {
    const e = dot(o.u);
    addFloor(b, e, o.floor);
    b.setObjective('maximize', e.terms, e.constant);
    return { col: null, binaries: 0 };
  }
  if (o.kind === 'minRadius') {
    if (tCol === null) throw new RangeError('minRadius needs a variable-radius ball');
    b.setColumnBounds(tCol, o.tLower ?? 0, o.tUpper);
    addFloor(b, dot(o.u), o.floor);
    b.setObjective('minimize', [{ col: tCol, coef: 1 }]);
    return { col: tCol, binaries: 0 };
  }
  const M = 2 * width;
  if (o.kind === 'paperInf') {
    const w = b.addContinuous('w', 0, M);
    const r: LinearTerm[] = [];
    for (let i = 0; i < n; i++) {
      for (const sign of [1, -1]) {
        const ri = b.addBinary(`r${sign > 0 ? 'p' : 'n'}${i}`);
        r.push({ col: ri, coef: 1 });
        // sign·d_i ≥ w − M(1 − r_i)  ⇔  sign·d_i − w − M·r_i ≥ −M
        const terms = [...d[i].terms.map((t) => ({ col: t.col, coef: sign * t.coef })), { col: w, coef: -1 }, { col: ri, coef: -M }];
        b.addRow(`sel${sign > 0 ? 'p' : 'n'}${i}`, terms, -M - sign * d[i].constant, Infinity);
        // sign·d_i ≤ w
        const cap = [...d[i].terms.map((t) => ({ col: t.col, coef: sign * t.coef })), { col: w, coef: -1 }];
        b.addRow(`cap${sign > 0 ? 'p' : 'n'}${i}`, cap, -Infinity, -sign * d[i].constant);
      }
    }
    b.addRow('onehot', r, 1, 1);
    b.setObjective('maximize', [{ col: w, coef: 1 }]);
    return { col: w, binaries: 2 * n };
  }
  if (o.floor) {
    addFloor(b, dot(o.floor.u), o.floor.value);
  }
  // L1: d_i = p_i − q_i, p_i ≤ M s_i, q_i ≤ M (1 − s_i), maximise Σ p_i + q_i.
  const obj: LinearTerm[] = [];
  for (let i = 0; i < n; i++) {
    const p = b.addContinuous(`p${i}`, 0, M);
    const q = b.addContinuous(`q${i}`, 0, M);
    const s = b.addBinary(`s${i}`);
    if (pair && i === 0 && !o.floor) b.setColumnBounds(s, 1, 1);
    b.addRow(`split${i}`, [...d[i].terms, { col: p, coef: -1 }, { col: q, coef: 1 }], -d[i].constant, -d[i].constant);
    b.addRow(`ps${i}`, [{ col: p, coef: 1 }, { col: s, coef: -M }], -Infinity, 0);
    b.addRow(`qs${i}`, [{ col: q, coef: 1 }, { col: s, coef: M }], -Infinity, M);
    obj.push({ col: p, coef: 1 }, { col: q, coef: 1 });
  }
  b.setObjective('maximize', obj);
  return { col: null, binaries: n };
}

/**
 * The pair MILP `mip` (built with a 'linear' objective, whose floor row is the last row) retargeted to another
 * direction u: only the floor row and the objective change, so the certify drivers encode the network once
 * instead of once per direction (on 784 inputs the encoding costs more than solving the LP).
 */
export function retargetLinear(mip: PairMip, u: Float64Array, floor: number, fixedSecond?: Float64Array): MipProblem {
  const p = mip.problem;
  const S = EQUALITY_ROW_SCALE;
  const index: number[] = [], value: number[] = [];
  const cost = new Float64Array(p.numCols);
  let constant = 0;
  mip.xCols.forEach((col, i) => {
    if (u[i] === 0) return;
    index.push(col); value.push(S * u[i]); cost[col] += u[i];
    if (mip.yCols) { index.push(mip.yCols[i]); value.push(-S * u[i]); cost[mip.yCols[i]] -= u[i]; }
    else if (fixedSecond) constant -= u[i] * fixedSecond[i];
  });
  const last = p.numRows - 1;
  const head = p.aStart[last];
  const aIndex = new Int32Array(head + index.length);
  aIndex.set(p.aIndex.subarray(0, head));
  aIndex.set(index, head);
  const aValue = new Float64Array(head + value.length);
  aValue.set(p.aValue.subarray(0, head));
  aValue.set(value, head);
  const aStart = Int32Array.from(p.aStart);
  aStart[p.numRows] = aIndex.length;
  const rowLower = Float64Array.from(p.rowLower);
  rowLower[last] = S * (floor - constant);
  return { ...p, sense: 'maximize', offset: constant, colCost: cost, aStart, aIndex, aValue, rowLower };
}

/** ⟨u, d⟩ ≥ floor, scaled like the equality rows: HiGHS's MIP feasibility tolerance (1e-6) is absolute. */
function addFloor(b: MipBuilder, e: AffineExpr, floor: number): void {
  const S = EQUALITY_ROW_SCALE;
  b.addRow('floor', e.terms.map((t) => ({ col: t.col, coef: S * t.coef })), S * (floor - e.constant), Infinity);
}
