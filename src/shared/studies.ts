// Studies: one .invq statement that stands for many query instances (the states of an orbit, the cells of a radius
// map). Types only: the engine expands and runs them (src/engine/studies/), the CLI shards them (invcert batch).
import type { BoxSpec, ModelRef, QuerySpec } from './querySpec';
import type { QueryResult } from './results';

/** `orbit F from P steps K radius bl|pi`: x_{k+1} = F(x_k) in float64, and the radius at every state. */
export interface OrbitStudySpec {
  readonly kind: 'orbit';
  readonly model: ModelRef;
  readonly start: readonly number[];
  readonly steps: number;
  readonly queries: ReadonlyArray<'bl' | 'pi'>;
  /** The domain each radius is capped at (`within D`); the radius query's default box when absent. */
  readonly domain?: BoxSpec;
  readonly tolerance?: number;
  /** A state is marked near the fold when its BL radius is below this, or det DF changes sign within it. */
  readonly foldTolerance: number;
  readonly budgetSeconds?: number;
}

/** `map F bl on D grid NX x NY`: the BL radius at every cell centre of a grid over two free inputs of D. */
export interface MapStudySpec {
  readonly kind: 'map';
  readonly model: ModelRef;
  readonly domain: BoxSpec;
  /** The two free inputs (0-based among the free ones) the grid spans. */
  readonly axes: readonly [number, number];
  readonly grid: readonly [number, number];
  /** Values of every free input (the axes' entries are ignored): the slice of a domain of more than 2 inputs. */
  readonly slice?: readonly number[];
  readonly tolerance?: number;
  readonly budgetSeconds?: number;
}

export type StudySpec = OrbitStudySpec | MapStudySpec;

/** Where an instance sits in its study. */
export type InstancePlace =
  | { readonly kind: 'orbit-state'; readonly k: number; readonly x: number[]; readonly query: 'bl' | 'pi' }
  | { readonly kind: 'grid-cell'; readonly i: number; readonly j: number; readonly centre: number[] };

/** One query of a study: a stable key within its statement, where it sits, and the engine's spec. */
export interface StudyInstance {
  /** Stable within the statement: `k3-bl`, `i4-j7`. */
  readonly key: string;
  readonly place: InstancePlace;
  readonly spec: QuerySpec;
}

/** An instance answered: the engine's typed result, and for an orbit's BL state whether it lies near the fold. */
export interface StudyInstanceResult {
  readonly key: string;
  readonly place: InstancePlace;
  readonly result: QueryResult;
  /** Orbit states only: see OrbitStudySpec.foldTolerance (a mark from samples of det DF, not a certificate). */
  readonly nearFold?: boolean;
}

/**
 * A study as the language server holds it and the panel reads it: the instances answered so far, in the study's
 * order. A run adds instances as they finish (`running`); a cancelled or interrupted run keeps those it has, and the
 * next run answers only the rest. Complete when `instances.length === total`.
 */
export interface StudyResults {
  /** The .invq document's URI. */
  readonly uri: string;
  /** 0-based line of the study statement. */
  readonly line: number;
  readonly queryText: string;
  readonly study: StudySpec;
  readonly instances: readonly StudyInstanceResult[];
  /** How many instances the statement expands to. */
  readonly total: number;
  /** True while a run is adding instances. */
  readonly running: boolean;
  /** Absolute model path → SHA-256 (hex) of the file the instances read. */
  readonly modelHashes: Record<string, string>;
  /** Epoch milliseconds of the newest instance. */
  readonly finishedAt: number;
  /** True when a model file changed or is gone since. */
  readonly stale: boolean;
}
