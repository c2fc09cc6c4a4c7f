// The vocabulary of .invq: statement keywords, per-query options and their values (parser, completion, grammar).

export const statementKeywords = ['model', 'fix', 'domain', 'point', 'radius', 'certify', 'match', 'prune'] as const;
export type StatementKeyword = (typeof statementKeywords)[number];

export const optionsFor = {
  radius: ['norm', 'method', 'tolerance', 'within', 'timeout', 'budget'],
  certify: ['radius', 'norm', 'method', 'timeout', 'budget'],
  match: ['norm', 'timeout', 'budget'],
  prune: ['at', 'out', 'norm', 'timeout', 'budget'],
} as const;

export function describeOptions(kind: keyof typeof optionsFor): string {
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
  radius: 'radius F bl|pi at P — the largest certified ball (bl: safety radius, pi: nearest other preimage)',
  certify: 'certify F bl|pi at P radius r — prove injectivity on the ball, or find a verified counterexample',
  match: 'match F G transform|discrepancy on D — does G factor through F / how far F and G differ on D',
  prune: 'prune F levels 10, 30 on D — prune by weight magnitude, then discrepancy and radius per level',
  norm: 'norm inf|1|2 — the ball and separation norm (default inf)',
  method: 'method auto|direct|bisection|paper — algorithm (default auto: the split path for ≤ 3 free inputs in L∞, a 5 s split pre-pass for 4-5, else direct MILPs; bisection is for radius only)',
  tolerance: 'tolerance t — radius bracket width (default 1e-3)',
  within: 'within D — cap the radius search at this domain',
  timeout: 'timeout s — per-solve time limit in seconds',
  budget: 'budget s — time budget of the whole query in seconds; past it the answer is unresolved, with its bounds',
  at: 'at P — the centre point',
  out: 'out "dir/" — where pruned copies are written (relative to this file)',
  levels: 'levels 10, 30, 50 — percentages of weights removed by magnitude',
  on: 'on D — the domain of the query',
  bl: 'bl — local invertibility (Query 1): max ‖x − y‖ s.t. F(x) = F(y) on the ball',
  pi: 'pi — nearest other preimage (Query 2): max ‖x − c‖ s.t. F(x) = F(c)',
  transform: 'transform — certify a map T with G = T ∘ F on the domain',
  discrepancy: 'discrepancy — max ‖F(x) − G(x)‖ over the domain',
};
