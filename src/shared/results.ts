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
  /** Certified max ‖f(x) − f_pruned(x)‖∞ over the box: the proved maximum only (null when not proved: see the bracket). */
  readonly discrepancy: number | null;
  /**
   * The lower end of the bracket: the largest ‖f(x) − f_pruned(x)‖∞ attained at a re-checked input
   * (discrepancyWitness.x); null when no input was evaluated. Equals discrepancy when that is certified.
   */
  readonly discrepancyLower: number | null;
  /** The upper end of the bracket: no input of the box differs by more (null: nothing proved). */
  readonly discrepancyBound: number | null;
  /** The input attaining discrepancyLower, with f(x) in Fx and f_pruned(x) in Fy, re-checked against both files. */
  readonly discrepancyWitness?: Witness;
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

/**
 * Every field a result may carry besides the common ones, documented once. Each result type below takes the fields
 * its query and status have and declares the rest absent (`?: never`), so a field of one query cannot be set on
 * another's result; reading an absent one gives undefined.
 */
interface ResultFields {
  /** The separation floor ε: pairs closer than this (L∞) are not counted. */
  readonly epsilon: number;
  /** L2: the bracket of the optimum (objective stays null). */
  readonly objectiveLower: number;
  readonly objectiveUpper: number;
  /**
   * Radius queries: `radius` is present only when it IS the radius (certified, to within `tolerance`); for L2,
   * unresolved results and radii beyond the searched box there is only the bracket radiusLower/radiusUpper.
   */
  readonly radius: number;
  readonly radiusLower: number;
  /** null: no pair was found within the searched box, so the radius has no known upper end (it is ≥ radiusLower). */
  readonly radiusUpper: number | null;
  /** Radius driver: true when no pair was found anywhere in the searched box (the radius is ≥ radiusLower, the box's reach). */
  readonly invertibleOnDomain: true;
  readonly center: number[];
  readonly boxRadius: number;
  readonly domain: Array<[number, number]>;
  readonly witness: Witness;
  readonly error: { code: string; message: string };
  /** Prune query: one row per level. */
  readonly prune: PruneRow[];
}

/** `Own` with every other ResultFields key declared absent. */
type Only<Own> = Own & { readonly [K in Exclude<keyof ResultFields, keyof Own>]?: never };
type Opt<K extends keyof ResultFields> = Partial<Pick<ResultFields, K>>;
type Req<K extends keyof ResultFields> = Pick<ResultFields, K>;

interface ResultBase<Q extends QueryKind, S extends QueryStatus> {
  readonly query: Q;
  readonly status: S;
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
  readonly stats: QueryStats;
  /** Human-readable one-line verdict, e.g. "certified: injective on B∞(c, 0.6)". */
  readonly message: string;
}

export type CertifyKind = 'bl' | 'pi';
export type RadiusKind = 'radius-bl' | 'radius-pi';
export type MatchKind = 'transform' | 'discrepancy';

/** A query that failed (bad input, a crashed worker): its code and message, no bounds. */
export type ErrorResult<Q extends QueryKind = QueryKind> = Q extends unknown ? Only<ResultBase<Q, 'error'> & Req<'error'> & { readonly objective: null; readonly bound: null; readonly gap: null }> : never;

type CertifyPlace = Opt<'center' | 'boxRadius' | 'domain' | 'objectiveLower' | 'objectiveUpper'>;
/** BL/PI on a ball: proved with the separation floor ε stated. */
export type CertifyCertified = Only<ResultBase<CertifyKind, 'certified'> & Req<'epsilon'> & CertifyPlace>;
/** A re-checked pair (BL) or other preimage of F(c) (PI) at separation ≥ ε. */
export type CertifyCounterexample = Only<ResultBase<CertifyKind, 'counterexample'> & Req<'epsilon' | 'witness'> & CertifyPlace>;
export type CertifyUnresolved = Only<ResultBase<CertifyKind, 'unresolved'> & Opt<'epsilon'> & CertifyPlace>;
export type CertifyResult = CertifyCertified | CertifyCounterexample | CertifyUnresolved | ErrorResult<CertifyKind>;

type RadiusPlace = Opt<'center' | 'domain' | 'boxRadius' | 'objectiveLower' | 'objectiveUpper'>;
/** The radius (or, L2, its bracket within the tolerance): every smaller ball proved clear, a re-checked pair at radiusUpper. */
export type RadiusFound = Only<ResultBase<RadiusKind, 'certified'> & Req<'epsilon' | 'radiusLower' | 'witness'> & Opt<'radius'> & RadiusPlace & { readonly radiusUpper: number }>;
/** No pair anywhere in the searched box: only "radius ≥ radiusLower (the box's reach)" is certified. */
export type RadiusBeyondBox = Only<ResultBase<RadiusKind, 'certified'> & Req<'epsilon' | 'radiusLower' | 'invertibleOnDomain'> & RadiusPlace & { readonly radiusUpper: null }>;
/** The bracket so far; an upper end only with the re-checked pair at it (or, L2, a pair that failed re-checking). */
export type RadiusUnresolved = Only<ResultBase<RadiusKind, 'unresolved'> & Opt<'epsilon' | 'radiusLower' | 'radiusUpper' | 'witness'> & RadiusPlace>;
export type RadiusResult = RadiusFound | RadiusBeyondBox | RadiusUnresolved | ErrorResult<RadiusKind>;

/** The maximum of ‖f₁(x) − f₂(x)‖∞, proved, with the input attaining it (a number, never a counterexample). */
export type DiscrepancyCertified = Only<ResultBase<'discrepancy', 'certified'> & Req<'witness'> & Opt<'domain'> & { readonly objective: number }>;
export type DiscrepancyUnresolved = Only<ResultBase<'discrepancy', 'unresolved'> & Opt<'witness' | 'domain'>>;
/** f₂ = T ∘ f₁ on the box, proved. */
export type TransformCertified = Only<ResultBase<'transform', 'certified'> & Opt<'domain'>>;
/** x, y that f₁ cannot tell apart and f₂ can (Gx, Gy in the witness): no T exists. */
export type TransformCounterexample = Only<ResultBase<'transform', 'counterexample'> & Req<'witness'> & Opt<'domain'>>;
export type TransformUnresolved = Only<ResultBase<'transform', 'unresolved'> & Opt<'domain'>>;
export type DiscrepancyResult = DiscrepancyCertified | DiscrepancyUnresolved | ErrorResult<'discrepancy'>;
export type TransformResult = TransformCertified | TransformCounterexample | TransformUnresolved | ErrorResult<'transform'>;
export type MatchResult = DiscrepancyResult | TransformResult;

/** The pruning sweep: one row per level, every level's discrepancy and radius certified. */
export type PruneCertified = Only<ResultBase<'prune', 'certified'> & Req<'prune'> & Opt<'center' | 'domain'>>;
/** The rows so far (none when cancelled before the first level). */
export type PruneUnresolved = Only<ResultBase<'prune', 'unresolved'> & Opt<'prune' | 'center' | 'domain'>>;
export type PruneResult = PruneCertified | PruneUnresolved | ErrorResult<'prune'>;

/** What every query returns, discriminated on `query` (and `status`): the JSON of --json, sidecar files and the protocol. */
export type QueryResult = CertifyResult | RadiusResult | MatchResult | PruneResult;

/** A result of the given status, e.g. ResultWith<'unresolved'> for a partial result. */
export type ResultWith<S extends QueryStatus> = Extract<QueryResult, { readonly status: S }>;
