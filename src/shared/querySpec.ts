// What a caller (CLI, language server) asks the engine. Types only.
import type { NormName } from './results';

/** An ONNX model with some inputs held fixed: index among all flattened inputs → value. */
export interface ModelRef {
  readonly path: string;
  readonly fixed: ReadonlyArray<readonly [number, number]>;
}

/** Per free input, [lower, upper]. */
export type BoxSpec = ReadonlyArray<readonly [number, number]>;

/**
 * 'auto' (the default) picks per query: the split path (≤ 3 free inputs, L∞; a short pre-pass for 4-5),
 * otherwise the MILPs of 'direct'. stats.method says which ran.
 */
export type RadiusMethod = 'auto' | 'direct' | 'bisection' | 'paper';

/**
 * How a match (discrepancy, transform) is answered. 'auto' (the default): the input-space search with bounds on the
 * difference of the two networks where it applies, else 'direct'. 'direct': one MILP per output and sign over both
 * networks, with LP-tightened (OBBT) big-M bounds. 'paper': the same MILPs with the paper's interval bounds.
 */
export type MatchMethod = 'auto' | 'direct' | 'paper';

export type QuerySpec =
  | {
      readonly kind: 'certify';
      readonly model: ModelRef;
      readonly query: 'bl' | 'pi';
      readonly center: readonly number[];
      readonly radius: number;
      readonly norm: NormName;
      readonly method?: RadiusMethod;
      /** The domain the ball is clipped to (`within D`); also the region the panel plots. */
      readonly domain?: BoxSpec;
      readonly timeLimitSeconds?: number;
      /** Whole-query time budget in seconds: past it the query stops and reports 'unresolved' with its bounds. */
      readonly budgetSeconds?: number;
    }
  | {
      readonly kind: 'radius';
      readonly model: ModelRef;
      readonly query: 'bl' | 'pi';
      readonly center: readonly number[];
      readonly norm: NormName;
      readonly method?: RadiusMethod;
      readonly tolerance?: number;
      /** The domain the radius is capped at; defaults to a generous box around the centre. */
      readonly domain?: BoxSpec;
      readonly timeLimitSeconds?: number;
      /** Whole-query time budget in seconds: past it the query stops and reports 'unresolved' with its bounds. */
      readonly budgetSeconds?: number;
    }
  | {
      readonly kind: 'match';
      readonly modelA: ModelRef;
      readonly modelB: ModelRef;
      readonly query: 'transform' | 'discrepancy';
      readonly domain: BoxSpec;
      readonly norm: NormName;
      readonly method?: MatchMethod;
      readonly timeLimitSeconds?: number;
      /** Whole-query time budget in seconds: past it the query stops and reports 'unresolved' with its bounds. */
      readonly budgetSeconds?: number;
    }
  | {
      readonly kind: 'prune';
      readonly model: ModelRef;
      /** Percentages of weights removed by magnitude, e.g. [10, 30, 50]. */
      readonly levels: readonly number[];
      readonly outDir: string;
      readonly domain: BoxSpec;
      readonly center?: readonly number[];
      readonly norm: NormName;
      /** How each level's discrepancy is answered (its radius uses the radius query's default). */
      readonly method?: MatchMethod;
      readonly timeLimitSeconds?: number;
      /** Whole-query time budget in seconds: past it the query stops and reports 'unresolved' with its bounds. */
      readonly budgetSeconds?: number;
    };

export type EnginePhase = 'load' | 'bounds' | 'mip' | 'split' | 'verify' | 'radius' | 'prune';

/** Progress the engine reports while a query runs (drives LSP work-done progress and the CLI). */
export interface EngineProgress {
  readonly phase: EnginePhase;
  readonly message: string;
  /** 0..1 when known. */
  readonly fraction?: number;
  readonly incumbent?: number | null;
  readonly bound?: number | null;
  readonly gap?: number | null;
  /**
   * What the answer is known to lie in so far — a radius bracket, or a discrepancy's lower and upper ends — for the
   * words a person reads while a query runs (the message above stays in the log).
   */
  readonly bracket?: readonly [number, number];
  /** Work still open and what it counts, e.g. 412 'cell pairs' or 1,234 'boxes'. */
  readonly left?: ProgressLeft;
}

/** The structured part of a progress report (what the split path's string callbacks carry beside their message). */
export type ProgressDetail = Pick<EngineProgress, 'bracket' | 'left'>;

export interface ProgressLeft {
  readonly count: number;
  readonly unit: 'cell pairs' | 'boxes' | 'pairs';
}
