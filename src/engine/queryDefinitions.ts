// Every query, defined once: the words it is known by (its name is both the .invq statement keyword and the invcert
// command), the trailing .invq options it takes, what the editor offers after each word of its required part, and the
// result kind a spec of it answers (QueryResult.query). A QuerySpec kind without an entry fails to compile; the .invq
// keyword table (server/language/keywords.ts), completion, the invcert command list and queryKind read it, so adding
// a query touches none of them.
import type { QuerySpec } from '../shared/querySpec';
import type { QueryKind } from '../shared/results';

export type QueryName = QuerySpec['kind'];
type SpecOf<K extends QueryName> = Extract<QuerySpec, { readonly kind: K }>;

/** The trailing `keyword value` options of .invq queries (the parser reads each one's value). */
export type QueryOptionName = 'radius' | 'norm' | 'method' | 'tolerance' | 'within' | 'timeout' | 'budget' | 'at' | 'out';

/** What completion offers at one word after the statement keyword: the declared models, or these keywords. */
export type Slot = 'model' | readonly string[];

export interface QueryDefinition<K extends QueryName> {
  /** One line for `invcert --help`. */
  readonly summary: string;
  /** One line for the .invq keyword's completion detail and hover. */
  readonly doc: string;
  /** The statement as a completion snippet. */
  readonly snippet: string;
  /** Its trailing .invq options, in the order completion offers them. */
  readonly options: readonly QueryOptionName[];
  /** The words of its required part, one slot each (completion). */
  readonly slots: readonly Slot[];
  /** Offered after a number list in the required part (prune's levels), until the first of them is given. */
  readonly afterNumbers?: readonly string[];
  /** The result kind a spec of this query answers. */
  readonly resultKind: (spec: SpecOf<K>) => QueryKind;
}

/** What the editor and the command line read of any query's definition (its words, not its spec). */
export type QueryWords = Omit<QueryDefinition<QueryName>, 'resultKind'>;

export const QUERIES: { readonly [K in QueryName]: QueryDefinition<K> } = {
  radius: {
    summary: 'the largest ball around a centre on which the network is injective',
    doc: 'radius F bl|pi at P — the largest certified ball around P. bl (local invertibility): the safety radius, the largest ball on which no two points share an image; pi (nearest other preimage): the distance from P to the nearest other point with the same image F(P)',
    snippet: 'radius ${1:F} ${2|bl,pi|} at ${3:(0, 0)}',
    options: ['norm', 'method', 'tolerance', 'within', 'timeout', 'budget'],
    slots: ['model', ['bl', 'pi'], ['at']],
    resultKind: (spec) => (spec.query === 'bl' ? 'radius-bl' : 'radius-pi'),
  },
  certify: {
    summary: 'certify injectivity on a ball (BL) or the nearest other preimage (PI)',
    doc: 'certify F bl|pi at P radius r — bl (local invertibility): prove that no two points of the ball share an image; pi (nearest other preimage): prove that no other point of the ball maps to F(P); or find a verified counterexample. `within D` clips the ball to the domain D',
    snippet: 'certify ${1:F} ${2|bl,pi|} at ${3:(0, 0)} radius ${4:0.5}',
    options: ['radius', 'norm', 'method', 'within', 'timeout', 'budget'],
    slots: ['model', ['bl', 'pi'], ['at']],
    resultKind: (spec) => spec.query,
  },
  match: {
    summary: 'compare two models on a box (transform or discrepancy)',
    doc: 'match F G transform|discrepancy on D — does G factor through F / how far F and G differ on D',
    snippet: 'match ${1:F} ${2:G} ${3|discrepancy,transform|} on ${4:D}',
    options: ['norm', 'method', 'timeout', 'budget'],
    slots: ['model', 'model', ['discrepancy', 'transform'], ['on']],
    resultKind: (spec) => spec.query,
  },
  prune: {
    summary: 'prune by magnitude at several levels and certify each copy',
    doc: 'prune F levels 10, 30 on D — prune by weight magnitude, then discrepancy and radius per level',
    snippet: 'prune ${1:F} levels ${2:10, 30, 50} on ${3:D}',
    options: ['at', 'out', 'norm', 'method', 'timeout', 'budget'],
    slots: ['model', ['levels']],
    afterNumbers: ['on'],
    resultKind: () => 'prune',
  },
};

/** The query names, in the order of QUERIES. */
export const queryNames = Object.keys(QUERIES) as QueryName[];

export function isQueryName(word: string): word is QueryName {
  return Object.prototype.hasOwnProperty.call(QUERIES, word);
}

/** The result kind a query spec answers (QueryResult.query), for results built without running it: an error, a cancel. */
export function queryKind(spec: QuerySpec): QueryKind {
  // Each definition's resultKind takes its own spec; QUERIES[spec.kind] pairs them, which TypeScript cannot follow.
  const resultKind = QUERIES[spec.kind].resultKind as (s: QuerySpec) => QueryKind;
  return resultKind(spec);
}
