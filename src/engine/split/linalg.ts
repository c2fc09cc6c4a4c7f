// Small dense linear algebra for n×n / m×n matrices (n ≤ ~5), row-major Float64Array.
// Used by the split path and by witness polishing (leftInverse); sizes are tiny, so clarity beats blocking.

/** C = A·B with A r×k, B k×c. */
export function matMul(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += aip * b[p * c + j];
    }
  }
  return out;
}

/** Inverse of an n×n matrix by Gauss-Jordan with partial pivoting; null when (numerically) singular. */
export function inverse(a: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return null;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[piv * n + col])) piv = r;
    const p = m[piv * n + col];
    if (Math.abs(p) <= 1e-13 * scale) return null;
    if (piv !== col) { swapRows(m, n, piv, col); swapRows(inv, n, piv, col); }
    for (let j = 0; j < n; j++) { m[col * n + j] /= p; inv[col * n + j] /= p; }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r * n + col];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) { m[r * n + j] -= f * m[col * n + j]; inv[r * n + j] -= f * inv[col * n + j]; }
    }
  }
  return inv;
}

/** Left inverse P (n×m) of an m×n matrix A with m ≥ n: (AᵀA)⁻¹Aᵀ; null when A lacks full column rank. */
export function leftInverse(a: Float64Array, m: number, n: number): Float64Array | null {
  if (m === n) return inverse(a, n);
  if (m < n) return null;
  const at = transpose(a, m, n);
  const ata = matMul(at, a, n, m, n);
  const inv = inverse(ata, n);
  return inv ? matMul(inv, at, n, n, m) : null;
}

export function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
  return t;
}

/**
 * True when the symmetric part (A + Aᵀ)/2 is positive definite with margin: Cholesky pivots must exceed
 * `margin`. A margin ≫ rounding error keeps the test sound for the exactly-computed matrix.
 */
export function symmetricPartPositiveDefinite(a: Float64Array, n: number, margin: number): boolean {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
  // Shift by the margin: S − margin·I must be PSD-with-positive-pivots, i.e. λ_min(S) > margin.
  for (let i = 0; i < n; i++) s[i * n + i] -= margin;
  for (let k = 0; k < n; k++) {
    const d = s[k * n + k];
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    for (let i = k; i < n; i++) s[i * n + k] /= l;
    for (let j = k + 1; j < n; j++) for (let i = j; i < n; i++) s[i * n + j] -= s[i * n + k] * s[j * n + k];
  }
  return true;
}

/** ‖I − A‖∞ (max row sum) for an n×n matrix A. */
export function identityGapInfNorm(a: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs((i === j ? 1 : 0) - a[i * n + j]);
    worst = Math.max(worst, s);
  }
  return worst;
}

/** Solves A x = b (n×n) by Gaussian elimination; null when singular. */
export function solve(a: Float64Array, b: ArrayLike<number>, n: number): Float64Array | null {
  const inv = inverse(a, n);
  if (!inv) return null;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += inv[i * n + j] * b[j]; x[i] = s; }
  return x;
}

function swapRows(m: Float64Array, n: number, a: number, b: number): void {
  for (let j = 0; j < n; j++) { const t = m[a * n + j]; m[a * n + j] = m[b * n + j]; m[b * n + j] = t; }
}
