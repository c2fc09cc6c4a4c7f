// Big-M encoding of one network copy into a MipBuilder (the paper's ReLU encoding, stable neurons fixed).
// h ≥ z, h ≥ 0, h ≤ z − l(1 − t), h ≤ u·t with one binary t per unstable neuron; u ≤ 0 → h = 0; l ≥ 0 → h = z.
import { hasRelu } from '../ir/network';
import type { Network } from '../ir/network';
import type { NetworkBounds } from '../bounds/types';
import type { LinearTerm, MipBuilder } from '../solver/mipBuilder';

/** An affine expression Σ coef·col + constant over builder columns. */
export interface AffineExpr {
  readonly terms: readonly LinearTerm[];
  readonly constant: number;
}

export interface EncodedCopy {
  /** One expression per network output: F(x) as an affine function of the columns. */
  readonly outputs: readonly AffineExpr[];
  /** Binary columns created (one per unstable neuron). */
  readonly binaries: readonly number[];
  readonly unstable: number;
  /**
   * For each ReLU layer, the column of each neuron's post-activation, or -1 when it has none: constant 0, or a
   * pass-through neuron, which stays the affine expression z (no column, no binary).
   */
  readonly hiddenCols: readonly Int32Array[];
}

export interface EncodeOptions {
  /** When false, stable neurons still get a binary (the paper's plain formulation). */
  readonly fixStable: boolean;
  /**
   * When true, a stably active neuron whose pre-activation has at most SUBSTITUTE_MAX_TERMS terms is carried as that
   * affine expression (h = z exactly on the box) instead of a column and an equality row. In a network with few free
   * inputs every such expression stays over the inputs and the unstable neurons' columns, so the MILP shrinks to
   * those: a leaf MILP of robot (5 inputs, 192 ReLUs, 5 unstable) has a few dozen columns instead of ~400.
   */
  readonly substituteStable?: boolean;
}

/** Longest pre-activation expression substituted for a stably active neuron (longer ones keep their column). */
export const SUBSTITUTE_MAX_TERMS = 32;

/** Encodes `net` applied to the input expressions `inputs` (one per network input), using `bounds` for big-M. */
export function encodeNetwork(
  b: MipBuilder, net: Network, inputs: readonly AffineExpr[], bounds: NetworkBounds, tag: string,
  opts: EncodeOptions = { fixStable: true },
): EncodedCopy {
  let h: AffineExpr[] = [...inputs];
  const binaries: number[] = [];
  const hiddenCols: Int32Array[] = [];
  let unstable = 0;
  net.layers.forEach((layer, k) => {
    const z = affineOf(layer.weights, layer.bias, layer.inSize, layer.outSize, h);
    if (!layer.relu) { h = z; return; }
    const { lower, upper } = bounds[k];
    const cols = new Int32Array(layer.outSize).fill(-1);
    const next: AffineExpr[] = [];
    for (let i = 0; i < layer.outSize; i++) {
      const l = lower[i], u = upper[i], zi = z[i];
      if (!hasRelu(layer, i)) { next.push(zi); continue; }
      const stableOff = u <= 0, stableOn = l >= 0;
      if (opts.fixStable && stableOff) { next.push({ terms: [], constant: 0 }); continue; }
      if (opts.fixStable && stableOn && opts.substituteStable && zi.terms.length <= SUBSTITUTE_MAX_TERMS) { next.push(zi); continue; }
      const hc = b.addContinuous(`${tag}_h${k}_${i}`, 0, Math.max(u, 0));
      cols[i] = hc;
      next.push({ terms: [{ col: hc, coef: 1 }], constant: 0 });
      const minusZ = zi.terms.map((t) => ({ col: t.col, coef: -t.coef }));
      if (opts.fixStable && stableOn) {
        b.addRow(`${tag}_id${k}_${i}`, [{ col: hc, coef: 1 }, ...minusZ], zi.constant, zi.constant);
        continue;
      }
      if (!stableOff && !stableOn) unstable++;
      const t = b.addBinary(`${tag}_t${k}_${i}`);
      binaries.push(t);
      const lEff = Math.min(l, 0), uEff = Math.max(u, 0);
      // h − z ≥ 0
      b.addRow(`${tag}_ge${k}_${i}`, [{ col: hc, coef: 1 }, ...minusZ], zi.constant, Infinity);
      // h − z − l·t ≤ −l   (h ≤ z − l(1 − t))
      b.addRow(`${tag}_lo${k}_${i}`, [{ col: hc, coef: 1 }, ...minusZ, { col: t, coef: -lEff }], -Infinity, zi.constant - lEff);
      // h − u·t ≤ 0
      b.addRow(`${tag}_up${k}_${i}`, [{ col: hc, coef: 1 }, { col: t, coef: -uEff }], -Infinity, 0);
    }
    hiddenCols.push(cols);
    h = next;
  });
  return { outputs: h, binaries, unstable, hiddenCols };
}

/** z = W h + b over affine expressions (terms merged per column). */
export function affineOf(
  weights: Float64Array, bias: Float64Array, inSize: number, outSize: number, h: readonly AffineExpr[],
): AffineExpr[] {
  const out: AffineExpr[] = [];
  for (let i = 0; i < outSize; i++) {
    const acc = new Map<number, number>();
    let c = bias[i];
    for (let j = 0; j < inSize; j++) {
      const w = weights[i * inSize + j];
      if (w === 0) continue;
      const hj = h[j];
      c += w * hj.constant;
      for (const t of hj.terms) acc.set(t.col, (acc.get(t.col) ?? 0) + w * t.coef);
    }
    const terms: LinearTerm[] = [];
    for (const [col, coef] of acc) if (coef !== 0) terms.push({ col, coef });
    out.push({ terms, constant: c });
  }
  return out;
}

export function colExpr(col: number): AffineExpr {
  return { terms: [{ col, coef: 1 }], constant: 0 };
}

export function constExpr(v: number): AffineExpr {
  return { terms: [], constant: v };
}

/** Adds the row lhs − rhs ∈ [lo, hi] for two affine expressions. */
export function addDifferenceRow(
  b: MipBuilder, name: string, lhs: AffineExpr, rhs: AffineExpr, lo: number, hi: number, scale = 1,
): number {
  const terms = [...lhs.terms.map((t) => ({ col: t.col, coef: scale * t.coef })), ...rhs.terms.map((t) => ({ col: t.col, coef: -scale * t.coef }))];
  const c = lhs.constant - rhs.constant;
  return b.addRow(name, terms, scale * (lo - c), scale * (hi - c));
}

/** Sets the objective: maximise sign · (lhs − rhs) (one output of two copies, e.g. G(x) − G(y) or f₁(x) − f₂(x)). */
export function setDifferenceObjective(b: MipBuilder, lhs: AffineExpr, rhs: AffineExpr, sign: number): void {
  const terms = [...lhs.terms.map((t) => ({ col: t.col, coef: sign * t.coef })), ...rhs.terms.map((t) => ({ col: t.col, coef: -sign * t.coef }))];
  b.setObjective('maximize', terms, sign * (lhs.constant - rhs.constant));
}

/**
 * F(x) = F(y) rows and separation floors are multiplied by this. HiGHS's feasibility tolerances (1e-7 LP,
 * 1e-6 MIP) are absolute, so a floor ε must stay well above 1e-6 (we use ε = 1e-4). Measured: scaling by
 * 100 or more made HiGHS report feasible fold problems as infeasible, so it stays 1 (unscaled).
 */
export const EQUALITY_ROW_SCALE = 1;
