// The vocabulary of .invq: statement keywords, per-query options and their values (parser, completion, grammar).
// The queries' own words come from their definitions (engine/queryDefinitions.ts); the declarations' are here.
import type { QueryName, QueryOptionName } from '../../engine/queryDefinitions';
import { QUERIES, queryNames } from '../../engine/queryDefinitions';

const declarationKeywords = ['model', 'fix', 'domain', 'point'] as const;
export type DeclarationKeyword = (typeof declarationKeywords)[number];
export type StatementKeyword = DeclarationKeyword | QueryName;
export const statementKeywords: readonly StatementKeyword[] = [...declarationKeywords, ...queryNames];

/** The trailing options each query takes. */
export const optionsFor = Object.fromEntries(queryNames.map((q) => [q, QUERIES[q].options])) as { readonly [K in QueryName]: readonly QueryOptionName[] };

export function describeOptions(kind: QueryName): string {
  return optionsFor[kind].map((o) => `'${o}'`).join(', ');
}

export const optionValues: Readonly<Record<string, readonly string[]>> = {
  norm: ['inf', '1', '2'],
  method: ['auto', 'direct', 'bisection', 'paper'],
};

/** One-line documentation per keyword, for completion details and hovers. */
export const keywordDocs: Readonly<Record<string, string>> = {
  model: 'model F = "file.onnx" — declare a network (path relative to this file)',
  fix: 'fix F[i] = v — hold input i (0-based, flattened) of F at v; the rest are free',
  domain: 'domain D = [a, b] x [c, d] — a box over the free inputs',
  point: 'point P = (x, y) — a named point over the free inputs',
  ...Object.fromEntries(queryNames.map((q) => [q, QUERIES[q].doc])),
  norm: 'norm inf|1|2 — the ball and separation norm (default inf)',
  method: 'method auto|direct|bisection|paper — algorithm (default auto: for radius and certify, the split path for ≤ 3 free inputs in L∞, a 5 s split pre-pass for 4-5, else direct MILPs; for match and prune, the input-space search on the difference of the two networks where it applies; direct: MILPs with LP-tightened bounds; paper: the same MILPs with the paper’s interval bounds; bisection is for radius only)',
  tolerance: 'tolerance t — radius bracket width (default 1e-3)',
  within: 'within D — the domain of a radius or certify query: caps the radius search, clips the certify ball, and is the region the panel plots',
  timeout: 'timeout s — per-solve time limit in seconds',
  budget: 'budget s — time budget of the whole query in seconds; past it the answer is unresolved, with its bounds',
  at: 'at P — the centre point',
  out: 'out "dir/" — where pruned copies are written (relative to this file)',
  levels: 'levels 10, 30, 50 — percentages of weights removed by magnitude',
  on: 'on D — the domain of the query',
  bl: 'bl — local invertibility: is F one-to-one near the centre, i.e. do two different points of the ball ever share an image? Solved as max ‖x − y‖ s.t. F(x) = F(y) on the ball (the paper\'s Query 1); certified means no two points at least ε apart share an image',
  pi: 'pi — nearest other preimage: does another point of the ball map to the same image F(c) as the centre c? Solved as max ‖x − c‖ s.t. F(x) = F(c) (the paper\'s Query 2); its radius is the distance from c to the nearest such point',
  transform: 'transform — certify a map T with G = T ∘ F on the domain',
  discrepancy: 'discrepancy — max ‖F(x) − G(x)‖ over the domain',
};
