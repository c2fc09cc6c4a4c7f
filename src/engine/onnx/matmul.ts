// MatMul (numpy semantics, batch broadcasting, 1-D promotion) and Gemm (alpha, beta, transA, transB).
// One operand may be symbolic, the other must be constant: the product of two input-dependent
// tensors is not affine.
import { ShapeMismatch, UnsupportedOperator } from '../errors';
import { binaryOp } from './elementwise';
import { checkAffineSize, checkTensorElements } from './limits';
import type { NodeContext } from './nodeContext';
import { broadcastIndexMap, broadcastShapes, numel } from './shapes';
import type { Shape } from './shapes';
import { constValue } from './values';
import type { ConstValue, SymValue, Value } from './values';

/**
 * Where an operand's elements sit: element (batch b, row r, column c) is at
 * batchBase[b] + r · rowStride + c · colStride (covers transposes and broadcast batches).
 */
interface Strided {
  batchBase: (b: number) => number;
  rowStride: number;
  colStride: number;
}

interface Contraction {
  batch: number;
  m: number;
  k: number;
  n: number;
  /** X is batch × m × k, Y is batch × k × n. */
  x: Strided;
  y: Strided;
  shape: Shape;
  alpha: number;
}

export function matMul(ctx: NodeContext, x: Value, y: Value): Value {
  if (x.shape.length === 0 || y.shape.length === 0) throw new ShapeMismatch('MatMul of a scalar', ctx.location);
  const xs = x.shape.length === 1 ? [1, x.shape[0]] : x.shape;
  const ys = y.shape.length === 1 ? [y.shape[0], 1] : y.shape;
  const m = xs[xs.length - 2];
  const k = xs[xs.length - 1];
  const n = ys[ys.length - 1];
  if (ys[ys.length - 2] !== k) {
    throw new ShapeMismatch(`MatMul of [${x.shape.join(', ')}] by [${y.shape.join(', ')}]: inner dimensions differ`, ctx.location);
  }
  const xBatch = xs.slice(0, -2);
  const yBatch = ys.slice(0, -2);
  const batchShape = broadcastShapes(xBatch, yBatch);
  if (!batchShape) throw new ShapeMismatch(`MatMul batch dimensions [${xBatch.join(', ')}] and [${yBatch.join(', ')}] do not broadcast`, ctx.location);
  const bx = broadcastIndexMap(batchShape, xBatch);
  const by = broadcastIndexMap(batchShape, yBatch);
  const shape = [...batchShape];
  if (x.shape.length > 1) shape.push(m);
  if (y.shape.length > 1) shape.push(n);
  return contract(ctx, x, y, {
    batch: numel(batchShape), m, k, n, shape, alpha: 1,
    x: { batchBase: (b) => bx[b] * m * k, rowStride: k, colStride: 1 },
    y: { batchBase: (b) => by[b] * k * n, rowStride: n, colStride: 1 },
  });
}

export function gemm(ctx: NodeContext, a: Value, b: Value, c: Value | undefined): Value {
  const transA = ctx.int('transA', 0) !== 0;
  const transB = ctx.int('transB', 0) !== 0;
  const alpha = ctx.float('alpha', 1);
  const beta = ctx.float('beta', 1);
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeMismatch(`Gemm needs 2-D operands, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`, ctx.location);
  }
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [k2, n] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== k2) {
    throw new ShapeMismatch(
      `Gemm of [${a.shape.join(', ')}]${transA ? 'ᵀ' : ''} by [${b.shape.join(', ')}]${transB ? 'ᵀ' : ''}: inner dimensions ${k} and ${k2} differ`,
      ctx.location,
    );
  }
  const product = contract(ctx, a, b, {
    batch: 1, m, k, n, shape: [m, n], alpha,
    x: transA ? { batchBase: () => 0, rowStride: 1, colStride: m } : { batchBase: () => 0, rowStride: k, colStride: 1 },
    y: transB ? { batchBase: () => 0, rowStride: 1, colStride: k } : { batchBase: () => 0, rowStride: n, colStride: 1 },
  });
  if (c === undefined || beta === 0) return product;
  const scaledC = beta === 1 ? c : binaryOp(ctx, 'Mul', c, constValue([], Float64Array.of(beta)));
  const sum = binaryOp(ctx, 'Add', product, scaledC);
  if (sum.shape.length !== 2 || sum.shape[0] !== m || sum.shape[1] !== n) {
    throw new ShapeMismatch(`Gemm bias C of shape [${c.shape.join(', ')}] does not broadcast to [${m}, ${n}]`, ctx.location);
  }
  return sum;
}

function contract(ctx: NodeContext, x: Value, y: Value, p: Contraction): Value {
  if (x.kind === 'sym' && y.kind === 'sym') {
    throw new UnsupportedOperator(`${ctx.opType} of two input-dependent tensors is not affine, so it cannot be encoded`, ctx.location);
  }
  const { batch, m, k, n, alpha } = p;
  checkTensorElements(batch * m * n, `the result of ${ctx.opType}`, ctx.location);
  const { rowStride: xr, colStride: xc } = p.x;
  const { rowStride: yr, colStride: yc } = p.y;
  if (x.kind === 'const' && y.kind === 'const') {
    const out = new Float64Array(batch * m * n);
    for (let b = 0; b < batch; b++) {
      const xb = p.x.batchBase(b);
      const yb = p.y.batchBase(b);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < k; l++) s += x.data[xb + i * xr + l * xc] * y.data[yb + l * yr + j * yc];
        out[(b * m + i) * n + j] = alpha * s;
      }
    }
    return constValue(p.shape, out);
  }
  const symIsX = x.kind === 'sym';
  const sym = (symIsX ? x : y) as SymValue;
  const weights = ((symIsX ? y : x) as ConstValue).data;
  const h = sym.hSize;
  const rows = batch * m * n;
  checkAffineSize(rows, h, `the result of ${ctx.opType}`, ctx.location);
  const a = new Float64Array(rows * h);
  const offset = new Float64Array(rows);
  const select = sym.form === 'select' ? sym : undefined;
  const denseA = sym.form === 'dense' ? sym.a : undefined;
  for (let b = 0; b < batch; b++) {
    const xb = p.x.batchBase(b);
    const yb = p.y.batchBase(b);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      const e = (b * m + i) * n + j;
      const row = e * h;
      let off = 0;
      for (let l = 0; l < k; l++) {
        const xi = xb + i * xr + l * xc;
        const yi = yb + l * yr + j * yc;
        const coef = alpha * weights[symIsX ? yi : xi];
        if (coef === 0) continue;
        const src = symIsX ? xi : yi;
        off += coef * sym.offset[src];
        if (select) {
          const col = select.idx[src];
          if (col >= 0) a[row + col] += coef * select.scale[src];
        } else if (denseA) {
          const from = src * h;
          for (let q = 0; q < h; q++) a[row + q] += coef * denseA[from + q];
        }
      }
      offset[e] = off;
    }
  }
  return { kind: 'sym', form: 'dense', shape: p.shape, gen: sym.gen, hSize: h, a, offset };
}
