// Unit directions for polyhedral approximations of the L2 ball: the axes and (up to 3 dimensions) the diagonals.

export function initialDirections(n: number): Float64Array[] {
  const out: Float64Array[] = [];
  if (n <= 3) {
    const total = 3 ** n;
    for (let code = 0; code < total; code++) {
      const v = new Float64Array(n);
      let c = code;
      for (let i = 0; i < n; i++) { v[i] = (c % 3) - 1; c = Math.floor(c / 3); }
      const len = Math.hypot(...v);
      if (len > 0) out.push(v.map((x) => x / len));
    }
    return out;
  }
  for (let i = 0; i < n; i++) for (const s of [1, -1]) { const v = new Float64Array(n); v[i] = s; out.push(v); }
  return out;
}

/** Evenly spaced unit vectors on the half circle: the polyhedral norm max_j ⟨u_j, d⟩ is within cos(π/(2K)) of ‖d‖₂. */
export function halfCircle(K: number): Float64Array[] {
  return Array.from({ length: K }, (_, j) => Float64Array.of(Math.cos((Math.PI * j) / K), Math.sin((Math.PI * j) / K)));
}

/** Unit vectors around the full circle at spacing 2π/K. */
export function fullCircle(K: number): Float64Array[] {
  return Array.from({ length: K }, (_, j) => Float64Array.of(Math.cos((2 * Math.PI * j) / K), Math.sin((2 * Math.PI * j) / K)));
}
