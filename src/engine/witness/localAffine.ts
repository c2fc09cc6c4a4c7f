// Dense solves for the affine piece of a ReLU network around a point (its Jacobian is ir/jacobian.ts jacobianAt).
// Used to polish MILP witnesses (whose F(x) = F(y) only holds to the solver's feasibility tolerance).

/** Solves the small dense system S v = r (S is k × k, row-major) by Gaussian elimination with partial pivoting. */
export function solveDense(S: Float64Array, r: Float64Array, k: number): Float64Array | null {
  const A = Float64Array.from(S);
  const v = Float64Array.from(r);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(A[i * k + c]) > Math.abs(A[p * k + c])) p = i;
    if (Math.abs(A[p * k + c]) < 1e-300) return null;
    if (p !== c) {
      for (let j = 0; j < k; j++) { const t = A[c * k + j]; A[c * k + j] = A[p * k + j]; A[p * k + j] = t; }
      const t = v[c]; v[c] = v[p]; v[p] = t;
    }
    for (let i = c + 1; i < k; i++) {
      const f = A[i * k + c] / A[c * k + c];
      if (f === 0) continue;
      for (let j = c; j < k; j++) A[i * k + j] -= f * A[c * k + j];
      v[i] -= f * v[c];
    }
  }
  for (let c = k - 1; c >= 0; c--) {
    let s = v[c];
    for (let j = c + 1; j < k; j++) s -= A[c * k + j] * v[j];
    v[c] = s / A[c * k + c];
  }
  return v.every(Number.isFinite) ? v : null;
}

/**
 * Minimum-norm correction δ with M δ = −r for an m × q matrix M (row-major): δ = −Mᵀ (M Mᵀ + λI)⁻¹ r.
 * λ is a tiny ridge so rank-deficient M still gives a step; the caller re-checks the result anyway.
 */
export function minNormCorrection(M: Float64Array, m: number, q: number, r: Float64Array): Float64Array | null {
  const S = new Float64Array(m * m);
  let trace = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let c = 0; c < q; c++) s += M[i * q + c] * M[j * q + c];
      S[i * m + j] = s;
    }
    trace += S[i * m + i];
  }
  const ridge = 1e-14 * (trace / Math.max(m, 1) + 1e-300);
  for (let i = 0; i < m; i++) S[i * m + i] += ridge;
  const v = solveDense(S, r, m);
  if (!v) return null;
  const delta = new Float64Array(q);
  for (let c = 0; c < q; c++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += M[i * q + c] * v[i];
    delta[c] = -s;
  }
  return delta;
}
