// The .invq syntax tree. Line-based: one statement per line, every node carries its character span on that line.

/** A span on one line, 0-based, end exclusive. */
export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export interface Ident {
  readonly name: string;
  readonly span: Span;
}

export interface NumberLit {
  readonly value: number;
  readonly text: string;
  readonly span: Span;
}

export interface StringLit {
  readonly value: string;
  readonly span: Span;
}

/** `(1.96, 1.25)` or a name declared with `point`. */
export type PointRef =
  | { readonly kind: 'literal'; readonly coords: readonly NumberLit[]; readonly span: Span }
  | { readonly kind: 'name'; readonly name: Ident; readonly span: Span };

export interface Interval {
  readonly lower: NumberLit;
  readonly upper: NumberLit;
  readonly span: Span;
}

/** `[0, 3] x [0, 4]` or a name declared with `domain`. */
export type DomainRef =
  | { readonly kind: 'literal'; readonly intervals: readonly Interval[]; readonly span: Span }
  | { readonly kind: 'name'; readonly name: Ident; readonly span: Span };

export type OptionName = 'norm' | 'method' | 'tolerance' | 'timeout' | 'budget' | 'within';

/** A trailing `keyword value` option such as `norm inf` or `timeout 60`. */
export type QueryOption =
  | { readonly name: 'norm'; readonly value: 'inf' | '1' | '2'; readonly span: Span }
  | { readonly name: 'method'; readonly value: 'auto' | 'direct' | 'bisection' | 'paper'; readonly span: Span }
  | { readonly name: 'tolerance' | 'timeout' | 'budget'; readonly value: NumberLit; readonly span: Span }
  | { readonly name: 'within'; readonly value: DomainRef; readonly span: Span };

export interface ModelDecl {
  readonly kind: 'model';
  readonly name: Ident;
  readonly path: StringLit;
  readonly span: Span;
}

export interface FixDecl {
  readonly kind: 'fix';
  readonly model: Ident;
  readonly index: NumberLit;
  readonly value: NumberLit;
  readonly span: Span;
}

export interface DomainDecl {
  readonly kind: 'domain';
  readonly name: Ident;
  readonly domain: DomainRef & { kind: 'literal' };
  readonly span: Span;
}

export interface PointDecl {
  readonly kind: 'point';
  readonly name: Ident;
  readonly point: PointRef & { kind: 'literal' };
  readonly span: Span;
}

export interface RadiusQuery {
  readonly kind: 'radius';
  readonly model: Ident;
  readonly query: 'bl' | 'pi';
  readonly at: PointRef;
  readonly options: readonly QueryOption[];
  readonly span: Span;
}

export interface CertifyQuery {
  readonly kind: 'certify';
  readonly model: Ident;
  readonly query: 'bl' | 'pi';
  readonly at: PointRef;
  readonly radius: NumberLit;
  readonly options: readonly QueryOption[];
  readonly span: Span;
}

export interface MatchQuery {
  readonly kind: 'match';
  readonly modelA: Ident;
  readonly modelB: Ident;
  readonly query: 'transform' | 'discrepancy';
  readonly on: DomainRef;
  readonly options: readonly QueryOption[];
  readonly span: Span;
}

export interface PruneQuery {
  readonly kind: 'prune';
  readonly model: Ident;
  readonly levels: readonly NumberLit[];
  readonly on: DomainRef;
  readonly at?: PointRef;
  readonly out?: StringLit;
  readonly options: readonly QueryOption[];
  readonly span: Span;
}

export type Declaration = ModelDecl | FixDecl | DomainDecl | PointDecl;
export type Query = RadiusQuery | CertifyQuery | MatchQuery | PruneQuery;
export type Statement = Declaration | Query;

export const queryKinds: ReadonlySet<Statement['kind']> = new Set(['radius', 'certify', 'match', 'prune']);

export function isQuery(s: Statement): s is Query {
  return queryKinds.has(s.kind);
}

export interface SyntaxError {
  readonly message: string;
  readonly span: Span;
}

export interface Document {
  readonly statements: readonly Statement[];
  readonly errors: readonly SyntaxError[];
  readonly lineCount: number;
  /** The study statements (orbit, map), parsed by studyParser.ts. */
  readonly studies?: readonly StudyStatement[];
}

/** `orbit F from P steps K radius bl[, pi] [within D] [tolerance t] [fold t] [budget s]` (a study: many instances). */
export interface OrbitStatement {
  readonly kind: 'orbit';
  readonly model: Ident;
  readonly from: PointRef;
  readonly steps: NumberLit;
  readonly queries: ReadonlyArray<{ readonly value: 'bl' | 'pi'; readonly span: Span }>;
  readonly within?: DomainRef;
  readonly tolerance?: NumberLit;
  readonly fold?: NumberLit;
  readonly budget?: NumberLit;
  readonly span: Span;
}

/** `map F bl on D grid NX x NY [axes i, j] [at P] [tolerance t] [budget s]`: the BL radius at every grid centre. */
export interface MapStatement {
  readonly kind: 'map';
  readonly model: Ident;
  readonly on: DomainRef;
  readonly grid: readonly [NumberLit, NumberLit];
  readonly axes?: readonly [NumberLit, NumberLit];
  readonly at?: PointRef;
  readonly tolerance?: NumberLit;
  readonly budget?: NumberLit;
  readonly span: Span;
}

export type StudyStatement = OrbitStatement | MapStatement;
