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
