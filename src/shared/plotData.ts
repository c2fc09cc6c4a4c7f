// What the side panel draws for one stored result, as the server computes it (GetPlotData in ./protocol.ts carries
// it): the phase plane of a 2-D map (or a 2-D slice), the graph of a 1-D map, a pruning sweep's levels, or a table
// of facts when nothing can be drawn. Types only.
import type { QueryResult, QueryStatus } from './results';

export type Point2 = readonly [number, number];

export interface PlanePlot {
  readonly kind: 'plane';
  readonly title: string;
  readonly status: QueryStatus;
  readonly stale: boolean;
  /** Names of the two free inputs, e.g. ["x", "y"] or ["input[0]", "input[1]"]. */
  readonly axisLabels: readonly [string, string];
  /** The plotted region: [[xmin, xmax], [ymin, ymax]]. */
  readonly domain: readonly [Point2, Point2];
  readonly center?: Point2;
  /** The box the query certified (BL) or searched (PI), as a ball around `center` in `norm`. */
  readonly blRadius?: number;
  readonly piRadius?: number;
  /** True when that ball is the searched box with no pair in it: the radius is at least its size, not equal to it. */
  readonly radiusIsLowerBound?: boolean;
  readonly norm: QueryResult['norm'];
  /** A verified counterexample: x, y, and their common image F(x) ≈ F(y). */
  readonly witness?: { readonly x: Point2; readonly y: Point2; readonly image: readonly number[] };
  /** The fold curve J₀ (where det DF changes sign), as polylines in input space. */
  readonly foldCurve: ReadonlyArray<readonly Point2[]>;
  /** Grid resolution the fold curve was traced at (cells per axis). */
  readonly foldResolution: number;
  /** Orbit x, F(x), F(F(x)), ... from the centre, when F maps R² to R² (may leave the domain). */
  readonly orbit?: readonly Point2[];
  /**
   * Set when the map has 3 or more free inputs: the plane is the 2-D slice through the centre along two of them
   * (the others held at the centre's values). The witness is drawn projected onto it; the fold curve is where
   * det DF (of the whole square map) changes sign on the slice.
   */
  readonly slice?: {
    /** The two free inputs (0-based among the free inputs) along the plot's x and y axes. */
    readonly axes: readonly [number, number];
    /** Names of every free input, so the panel can offer the choice of axes. */
    readonly inputLabels: readonly string[];
    /** The point the slice goes through (the centre), one value per free input. */
    readonly through: readonly number[];
  };
}

export interface GraphPlot {
  readonly kind: 'graph';
  readonly title: string;
  readonly status: QueryStatus;
  readonly stale: boolean;
  readonly axisLabel: string;
  readonly domain: Point2;
  /** Samples (x, F(x)) of the 1-input map; `outputs[k][i]` is output k at xs[i]. */
  readonly xs: readonly number[];
  readonly outputs: ReadonlyArray<readonly number[]>;
  readonly center?: number;
  readonly blRadius?: number;
  readonly piRadius?: number;
  /** As PlanePlot.radiusIsLowerBound. */
  readonly radiusIsLowerBound?: boolean;
  readonly witness?: { readonly x: number; readonly y: number; readonly image: readonly number[] };
}

export interface PrunePlot {
  readonly kind: 'prune';
  readonly title: string;
  readonly status: QueryStatus;
  readonly stale: boolean;
  /** One row per pruning level (percent of weights removed). */
  readonly rows: ReadonlyArray<{
    readonly level: number;
    /** The proved discrepancy (as PruneRow.discrepancy); null when the level has only a bracket or none. */
    readonly discrepancy: number | null;
    /** The bracket (as PruneRow.discrepancyLower / discrepancyBound); equal ends when proved. */
    readonly discrepancyLower: number | null;
    readonly discrepancyUpper: number | null;
    /** The re-checked input that attains discrepancyLower. */
    readonly attainedAt?: readonly number[];
    /** The certified radius; null when the level has only a bracket (radiusLower, radiusUpper) or none. */
    readonly radius: number | null;
    /** As PruneRow.radiusLower; with radiusUpper the bracket the table shows where radius is null. */
    readonly radiusLower: number | null;
    readonly radiusUpper: number | null;
    /** Certified when both the discrepancy and the radius are; error when the radius failed; else unresolved. */
    readonly status: QueryStatus;
    /** The sweep stopped (cancel, budget) before this level. */
    readonly notRun: boolean;
    readonly file: string;
    readonly seconds: number;
    /** The two columns in the sweep's words, as every surface shows them ("0.094293", "in [0.0943, 0.4989]"). */
    readonly discrepancyText: string;
    readonly radiusText: string;
  }>;
}

/** Text-only fallback (e.g. more than 2 free inputs, or match queries): the panel shows the summary table. */
export interface SummaryPlot {
  readonly kind: 'summary';
  readonly title: string;
  readonly status: QueryStatus;
  readonly stale: boolean;
  readonly reason: string;
}

export type PlotData = PlanePlot | GraphPlot | PrunePlot | SummaryPlot;

/**
 * One radius of a study instance as the panel draws it. `lower` is the proved end (every smaller ball is certified);
 * `radius` is present only when it IS the radius; `upper` is the bracket's other end (a re-checked pair that far).
 */
export interface StudyRadius {
  readonly status: QueryStatus;
  readonly radius?: number;
  /** Null when nothing was proved (a failed or empty unresolved instance): such an instance is never drawn as a radius. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** In the result's words: "r = 0.6553", "r ∈ [0.1, 0.2]", "r ≥ 1.2", or why there is none ("failed: …"). */
  readonly text: string;
  readonly seconds: number;
}

/** An orbit state x_k: its place in the plane, whether it lies near the fold, and its radii. */
export interface OrbitStatePlot {
  readonly k: number;
  /** Every free input of the state. */
  readonly x: readonly number[];
  /** The state on the plot's plane (the two plotted free inputs). */
  readonly at: Point2;
  readonly nearFold: boolean;
  readonly bl?: StudyRadius;
  readonly pi?: StudyRadius;
}

/** What a study plot shares with the plane plot: the region, its axes, the fold curve J₀ and, for 3 or more free
 * inputs, the slice it is drawn on (as PlanePlot.slice, through x_0 for an orbit, through the map's slice point). */
interface StudyPlane {
  readonly title: string;
  readonly stale: boolean;
  readonly running: boolean;
  /** Instances answered so far, of how many. */
  readonly done: number;
  readonly total: number;
  readonly axisLabels: readonly [string, string];
  readonly domain: readonly [Point2, Point2];
  readonly foldCurve: ReadonlyArray<readonly Point2[]>;
  readonly foldResolution: number;
  readonly slice?: PlanePlot['slice'];
}

/** `orbit F from P steps K`: the states joined in order with their certified BL boxes, and the radii against k. */
export interface OrbitStudyPlot extends StudyPlane {
  readonly kind: 'orbit';
  readonly queries: ReadonlyArray<'bl' | 'pi'>;
  readonly foldTolerance: number;
  /** The radii were asked within the plotted domain (`within D`): each certified ball is the box ∩ D. */
  readonly withinDomain: boolean;
  /** The states answered so far (by either query), in k order. */
  readonly states: readonly OrbitStatePlot[];
}

export interface MapCellPlot {
  readonly key: string;
  readonly i: number;
  readonly j: number;
  /** Every free input of the cell centre. */
  readonly centre: readonly number[];
  readonly at: Point2;
  readonly bl: StudyRadius;
}

/** `map F bl on D grid NX x NY`: r_BL at each answered cell centre, over the domain, with J₀ over it. */
export interface MapStudyPlot extends StudyPlane {
  readonly kind: 'map';
  readonly grid: readonly [number, number];
  /** Width and height of one cell in the plot's units. */
  readonly cellSize: Point2;
  readonly cells: readonly MapCellPlot[];
}

export type StudyPlot = OrbitStudyPlot | MapStudyPlot;
