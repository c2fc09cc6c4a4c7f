// The one JSON shape every query returns (CLI --json, language server, panel). Types only.

export type QueryStatus = 'certified' | 'counterexample' | 'unresolved' | 'error';
export type NormName = 'inf' | '1' | '2';
export type QueryKind = 'bl' | 'pi' | 'radius-bl' | 'radius-pi' | 'transform' | 'discrepancy' | 'prune';

export interface Witness {
  /** Free inputs of the first point (and of the second, for pair queries). */
  readonly x: number[];
  readonly y: number[];
  readonly Fx: number[];
  readonly Fy: number[];
  /** ‖x − y‖ in the query's norm. */
  readonly separation: number;
  /** ‖F(x) − F(y)‖∞, as re-evaluated in float64. */
  readonly outputGap: number;
  /** Runtimes that re-evaluated the witness and agreed, e.g. ["float64", "onnxruntime-web"]. */
  readonly checkedBy: string[];
}

export interface QueryStats {
  readonly binaries: number;
  readonly unstable: number;
  readonly nodes: number;
  readonly seconds: number;
  readonly method?: string;
  readonly solves?: number;
}

/** One pruning level of the prune query (added by the prune query; additive). */
export interface PruneRow {
  /** Percentage of weights removed by magnitude. */
  readonly level: number;
  /** The ONNX file written for this level. */
  readonly file: string;
  /** Certified max ‖f(x) − f_pruned(x)‖∞ over the box (null when unresolved: see discrepancyBound). */
  readonly discrepancy: number | null;
  readonly discrepancyBound: number | null;
  /** BL safety radius of the pruned network at the centre (L∞), and its status. */
  readonly radius: number | null;
  readonly radiusStatus: QueryStatus;
  readonly seconds: number;
}

export interface QueryResult {
  readonly query: QueryKind;
  readonly status: QueryStatus;
  readonly norm: NormName;
  /** Best objective found (L∞/L1); for L2, objectiveLower/objectiveUpper bracket it. */
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  /** The tolerance under which an optimum counts as zero (certified), and the separation floor ε. */
  readonly tolerance: number;
  readonly epsilon?: number;
  readonly objectiveLower?: number;
  readonly objectiveUpper?: number;
  /** Radius queries: a number for L∞/L1; for L2 the pair radiusLower/radiusUpper instead. */
  readonly radius?: number;
  readonly radiusLower?: number;
  readonly radiusUpper?: number;
  /** Radius driver: true when no noninvertibility was found anywhere in the domain. */
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
