// The one JSON shape every query returns (CLI --json, language server, panel). Types only.

export type QueryStatus = 'certified' | 'counterexample' | 'unresolved' | 'error';
export type NormName = 'inf' | '1' | '2';
export type QueryKind = 'bl' | 'pi' | 'radius-bl' | 'radius-pi' | 'transform' | 'discrepancy' | 'prune';

/**
 * The inputs behind a result, re-evaluated before it is shown. What F and the pair mean depends on the query:
 *  - bl / radius-bl: x ≠ y with F(x) = F(y).  pi / radius-pi: y = c, x ≠ c with F(x) = F(c).
 *  - transform: x, y that f₁ cannot tell apart (F = f₁, so Fx ≈ Fy); f₂(x), f₂(y) are in Gx, Gy.
 *  - discrepancy: x = y = the input attaining the maximum; Fx = f₁(x), Fy = f₂(x), outputGap = their distance.
 */
export interface Witness {
  /** Free inputs of the first point (and of the second, for pair queries). */
  readonly x: number[];
  readonly y: number[];
  readonly Fx: number[];
  readonly Fy: number[];
  /** transform only: f₂(x) and f₂(y), which differ although f₁(x) = f₁(y). */
  readonly Gx?: number[];
  readonly Gy?: number[];
  /** ‖x − y‖ in the query's norm. */
  readonly separation: number;
  /** ‖Fx − Fy‖∞, as re-evaluated in float64. */
  readonly outputGap: number;
  /** Runtimes that re-evaluated the witness and agreed, e.g. ["float64", "onnxruntime-web"]. */
  readonly checkedBy: string[];
}

export interface QueryStats {
  readonly binaries: number;
  readonly unstable: number;
  readonly nodes: number;
  readonly seconds: number;
  /**
   * What ran: 'direct' | 'bisection' | 'paper' when asked for by name; under the default 'auto',
   * 'auto:split' (input splitting + Jacobian certificates) or 'auto:direct' (the MILPs of --method direct),
   * or 'auto:l2-cutting-planes' for the L2 norm. Matching queries: 'transform' | 'discrepancy'.
   */
  readonly method?: string;
  readonly solves?: number;
}

/** One pruning level of the prune query (added by the prune query; additive). */
export interface PruneRow {
  /** Percentage of weights removed by magnitude. */
  readonly level: number;
  /** The ONNX file written for this level ('' when the level was not reached). */
  readonly file: string;
  /** Certified max ‖f(x) − f_pruned(x)‖∞ over the box (null when unresolved: see discrepancyBound). */
  readonly discrepancy: number | null;
  readonly discrepancyBound: number | null;
  /** BL safety radius (L∞) of the pruned copy at the centre, only when it is the radius, else null (see the bracket). */
  readonly radius: number | null;
  /**
   * Proved: ε-injective on B∞(c, radiusLower). Null when nothing was proved. With radius null and status certified,
   * no pair exists in the box (r ≥ this).
   */
  readonly radiusLower: number | null;
  /** Distance of the re-checked colliding pair radiusWitness (null: no pair found, e.g. invertible on the box). */
  readonly radiusUpper: number | null;
  /** The pair at radiusUpper, re-checked in float64 and onnxruntime-web against `file`. */
  readonly radiusWitness?: Witness;
  readonly radiusStatus: QueryStatus;
  /** The radius query's own one-line verdict (or 'not run'). */
  readonly radiusMessage: string;
  /** True when the sweep stopped (cancel, budget) before this level ran. */
  readonly notRun: boolean;
  readonly seconds: number;
}

export interface QueryResult {
  readonly query: QueryKind;
  readonly status: QueryStatus;
  readonly norm: NormName;
  /**
   * A proven optimum only (the query's maximum or minimum, within `tolerance`), else null; for L2,
   * objectiveLower/objectiveUpper bracket it. A pair found on the way, not proved extreme, is in `witness`.
   */
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  /** The tolerance under which an optimum counts as zero (certified), and the separation floor ε. */
  readonly tolerance: number;
  readonly epsilon?: number;
  readonly objectiveLower?: number;
  readonly objectiveUpper?: number;
  /**
   * Radius queries: `radius` is present only when it IS the radius (certified, to within `tolerance`); for L2,
   * unresolved results and radii beyond the searched box there is only the bracket radiusLower/radiusUpper.
   */
  readonly radius?: number;
  readonly radiusLower?: number;
  /** null: no pair was found within the searched box, so the radius has no known upper end (it is ≥ radiusLower). */
  readonly radiusUpper?: number | null;
  /** Radius driver: true when no pair was found anywhere in the searched box (the radius is ≥ radiusLower, the box's reach). */
  readonly invertibleOnDomain?: boolean;
  readonly center?: number[];
  readonly boxRadius?: number;
  readonly domain?: Array<[number, number]>;
  readonly witness?: Witness;
  readonly stats: QueryStats;
  /** Human-readable one-line verdict, e.g. "certified: injective on B∞(c, 0.6)". */
  readonly message: string;
  readonly error?: { code: string; message: string };
  /** Prune query: one row per level. */
  readonly prune?: PruneRow[];
}
