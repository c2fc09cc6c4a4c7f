// The only way the engine makes a QueryResult. Each builder takes the fields of one status and checks them against
// that status's result types (src/shared/results.ts): certified() needs what the proof is stated under (ε for the
// pair queries), a radius needs its bracket, counterexample() needs a witness, and every witness must be a
// VerifiedWitness, which only the acceptance rule (../witness/check.ts) hands out. errorResult and cancelledResult
// are the results of a query that did not run to its end.
import type { QuerySpec } from '../../shared/querySpec';
import type { QueryStats, QueryStatus, ResultWith, Witness } from '../../shared/results';
import { queryKind } from '../queryDefinitions';
import type { VerifiedWitness } from '../witness/check';

/** The fields of one result type without its status, every witness re-checked. */
type Draft<R> = R extends unknown ? Checked<Omit<R, 'status'>> : never;
type Checked<T> = T extends { readonly witness: Witness } ? T & { readonly witness: VerifiedWitness }
  : T extends { readonly witness?: Witness } ? T & { readonly witness?: VerifiedWitness } : T;

/** What a builder takes for status S (the union over every query kind; the query field picks the member). */
export type ResultDraft<S extends QueryStatus> = Draft<ResultWith<S>>;

function withStatus<S extends QueryStatus, D extends { readonly query: unknown }>(status: S, draft: D): D & { readonly status: S } {
  // query, status first: the order the JSON has always had.
  return { query: draft.query, status, ...(draft as Omit<D, 'query'>) } as D & { readonly status: S };
}

/** Proved: certify on a ball (with ε), a radius (with its re-checked pair) or the whole searched box, a match, a sweep. */
export function certified<D extends ResultDraft<'certified'>>(draft: D): D & { readonly status: 'certified' } {
  return withStatus('certified', draft);
}

/** A re-checked pair (or transform pair) that answers the query in the negative. */
export function counterexample<D extends ResultDraft<'counterexample'>>(draft: D): D & { readonly status: 'counterexample' } {
  return withStatus('counterexample', draft);
}

/** Not decided: its bounds so far and, in the message, why it stopped. */
export function unresolved<D extends ResultDraft<'unresolved'>>(draft: D): D & { readonly status: 'unresolved' } {
  return withStatus('unresolved', draft);
}

const NO_STATS = (seconds: number): QueryStats => ({ binaries: 0, unstable: 0, nodes: 0, seconds });

/**
 * A failed query as a result with status 'error': a user-facing engine error (dispatchQuery), or a worker that crashed or
 * could not start (the language server). One shape and one wording for both.
 */
export function errorResult(spec: QuerySpec, code: string, message: string, seconds = 0): ResultWith<'error'> {
  return {
    query: queryKind(spec), status: 'error', norm: spec.norm, objective: null, bound: null, gap: null, tolerance: 0,
    stats: NO_STATS(seconds), message: `error: ${message}`, error: { code, message },
  };
}

/**
 * What a cancelled query keeps (dispatchQuery attaches it to the Cancelled error; the language server stores it when the
 * user cancelled): its bounds so far, or none, as 'unresolved', saying it was cancelled; a verified pair found before
 * the cancel stays a counterexample.
 */
export function cancelledResult(spec: QuerySpec, partial: ResultWith<'unresolved' | 'counterexample'> | undefined, seconds: number): ResultWith<'unresolved' | 'counterexample'> {
  if (!partial) {
    return {
      query: queryKind(spec), status: 'unresolved', norm: spec.norm, objective: null, bound: null, gap: null, tolerance: 0,
      stats: NO_STATS(seconds), message: 'unresolved: cancelled before any bound was found',
    };
  }
  // A verified pair stays a counterexample: what was stopped is only the search for a larger separation.
  if (partial.status === 'counterexample') {
    return { ...partial, objective: null, stats: { ...partial.stats, seconds }, message: `${partial.message} (cancelled)` };
  }
  const why = partial.message.replace(/^unresolved: /, '');
  return { ...partial, stats: { ...partial.stats, seconds }, message: `unresolved (cancelled): ${why}` };
}
