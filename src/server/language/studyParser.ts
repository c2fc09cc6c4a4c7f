// The study statements of .invq, `orbit` and `map`: one line each, many query instances (src/engine/studies/).
// Parsed beside the query parser with the same line cursor (lineParser.ts): parser.ts hands over every line whose
// first word is one of these, so a mistake gets a syntax error at the word it is about.
import type { DomainRef, NumberLit, PointRef, Span, StudyStatement } from './ast';
import type { LineParser } from './lineParser';

export const studyKeywords = ['orbit', 'map'] as const;

/** True when the line's first word is `orbit` or `map`. */
export function startsStudy(p: LineParser): boolean {
  return studyKeywords.some((w) => p.isIdent(w));
}

/** Trailing options of a study: each word at most once. */
function options(p: LineParser, allowed: readonly string[], read: (word: string) => void): void {
  const seen = new Set<string>();
  while (!p.atEnd()) {
    const t = p.peek()!;
    if (t.kind !== 'ident' || !allowed.includes(t.text)) p.fail(`unknown option '${t.text}'; expected ${allowed.map((a) => `'${a}'`).join(', ')}`);
    if (seen.has(t.text)) p.fail(`'${t.text}' given twice`);
    seen.add(t.text);
    p.word(t.text);
    read(t.text);
  }
}

/** An `orbit` or `map` line (startsStudy said it starts with one). */
export function parseStudy(p: LineParser): StudyStatement {
  if (p.isIdent('orbit')) {
    const start = p.word('orbit');
    const model = p.ident('a model name');
    p.word('from');
    const from = p.pointRef();
    p.word('steps');
    const steps = p.number('a number of steps');
    p.word('radius');
    const queries: Array<{ value: 'bl' | 'pi'; span: Span }> = [];
    do {
      if (queries.length > 0) p.punct(',');
      if (!(p.isIdent('bl') || p.isIdent('pi'))) p.expected('a radius (bl | pi)');
      const t = p.peek()!;
      queries.push({ value: t.text as 'bl' | 'pi', span: p.word(t.text) });
    } while (p.isPunct(','));
    let within: DomainRef | undefined, tolerance: NumberLit | undefined, fold: NumberLit | undefined, budget: NumberLit | undefined;
    options(p, ['within', 'tolerance', 'fold', 'budget'], (w) => {
      if (w === 'within') within = p.domainRef();
      else if (w === 'tolerance') tolerance = p.number('a tolerance');
      else if (w === 'fold') fold = p.number('a fold tolerance');
      else budget = p.number('seconds');
    });
    return { kind: 'orbit', model, from, steps, queries, within, tolerance, fold, budget, span: p.spanFrom(start) };
  }
  const start = p.word('map');
  const model = p.ident('a model name');
  if (!p.isIdent('bl')) p.expected("'bl' (a radius map is of the BL radius)");
  p.word('bl');
  p.word('on');
  const on = p.domainRef();
  p.word('grid');
  const grid = p.pair('a number of grid cells', 'x');
  let axes: readonly [NumberLit, NumberLit] | undefined, at: PointRef | undefined, tolerance: NumberLit | undefined, budget: NumberLit | undefined;
  options(p, ['axes', 'at', 'tolerance', 'budget'], (w) => {
    if (w === 'axes') axes = p.pair('a free input index', ',');
    else if (w === 'at') at = p.pointRef();
    else if (w === 'tolerance') tolerance = p.number('a tolerance');
    else budget = p.number('seconds');
  });
  return { kind: 'map', model, on, grid, axes, at, tolerance, budget, span: p.spanFrom(start) };
}
