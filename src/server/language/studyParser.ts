// The study statements of .invq, `orbit` and `map`: one line each, many query instances (src/engine/studies/).
// Parsed here beside the query parser (parser.ts hands over every line that starts with one of these words), with
// the same tokens and spans, so a mistake gets a syntax error at the word it is about.
import type { DomainRef, Ident, Interval, NumberLit, PointRef, Span, StudyStatement, SyntaxError } from './ast';
import type { Token } from './lexer';
import { tokenizeLine } from './lexer';

export const studyKeywords = ['orbit', 'map'] as const;

class StudyLine {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly line: number, private readonly length: number) {}

  atEnd(): boolean { return this.pos >= this.tokens.length; }
  peek(): Token | undefined { return this.tokens[this.pos]; }
  fail(message: string): never {
    const t = this.peek();
    const last = this.tokens[this.tokens.length - 1];
    const at = last ? last.span.end : this.length;
    throw new StudySyntax({ message: t ? message : `${message} at end of line`, span: t?.span ?? { line: this.line, start: at, end: at + 1 } });
  }
  private expected(what: string): never {
    const t = this.peek();
    return this.fail(t ? `expected ${what}, found '${t.text}'` : `expected ${what}`);
  }
  isWord(w: string): boolean { const t = this.peek(); return t?.kind === 'ident' && t.text === w; }
  isPunct(p: string): boolean { const t = this.peek(); return t?.kind === 'punct' && t.text === p; }
  word(w: string): Span { if (!this.isWord(w)) this.expected(`'${w}'`); return this.tokens[this.pos++].span; }
  punct(p: string): Span { if (!this.isPunct(p)) this.expected(`'${p}'`); return this.tokens[this.pos++].span; }
  ident(what: string): Ident {
    const t = this.peek();
    if (t?.kind !== 'ident') this.expected(what);
    this.pos++;
    return { name: t.text, span: t.span };
  }
  number(what: string): NumberLit {
    const t = this.peek();
    if (t?.kind !== 'number') this.expected(what);
    this.pos++;
    return { value: Number(t.text), text: t.text, span: t.span };
  }
  spanFrom(start: Span): Span {
    const last = this.tokens[Math.max(0, this.pos - 1)];
    return { line: this.line, start: start.start, end: last ? last.span.end : start.end };
  }
  point(): PointRef {
    if (this.peek()?.kind === 'ident') { const name = this.ident('a point name'); return { kind: 'name', name, span: name.span }; }
    const open = this.punct('(');
    const coords = [this.number('a coordinate')];
    while (this.isPunct(',')) { this.pos++; coords.push(this.number('a coordinate')); }
    this.punct(')');
    return { kind: 'literal', coords, span: this.spanFrom(open) };
  }
  domain(): DomainRef {
    if (this.peek()?.kind === 'ident') { const name = this.ident('a domain name'); return { kind: 'name', name, span: name.span }; }
    const intervals: Interval[] = [];
    const first = this.peek()?.span;
    do {
      if (intervals.length > 0) this.pos++;
      const open = this.punct('[');
      const lower = this.number('a lower bound');
      this.punct(',');
      const upper = this.number('an upper bound');
      this.punct(']');
      intervals.push({ lower, upper, span: this.spanFrom(open) });
    } while (this.isWord('x') || this.isPunct('×'));
    return { kind: 'literal', intervals, span: this.spanFrom(first!) };
  }
  /** `NX x NY`: also `NX × NY`. */
  pair(what: string, sep: 'x' | ','): readonly [NumberLit, NumberLit] {
    const a = this.number(what);
    if (sep === ',' ? this.isPunct(',') : this.isWord('x') || this.isPunct('×')) this.pos++;
    else this.expected(sep === ',' ? "','" : "'x'");
    return [a, this.number(what)];
  }
}

class StudySyntax extends Error {
  constructor(readonly error: SyntaxError) { super(error.message); }
}

/** True when the line is a study statement (its first word is `orbit` or `map`). */
export function isStudyLine(text: string, line: number): boolean {
  const first = tokenizeLine(text, line)[0];
  return first?.kind === 'ident' && (studyKeywords as readonly string[]).includes(first.text);
}

/** Trailing options of a study: each word at most once. */
function options(p: StudyLine, allowed: readonly string[], read: (word: string) => void): void {
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

export function parseStudyLine(text: string, line: number): { statement: StudyStatement | null; error?: SyntaxError } {
  const p = new StudyLine(tokenizeLine(text, line), line, text.length);
  try {
    return { statement: parse(p) };
  } catch (e) {
    if (e instanceof StudySyntax) return { statement: null, error: e.error };
    throw e;
  }
}

function parse(p: StudyLine): StudyStatement {
  if (p.isWord('orbit')) {
    const start = p.word('orbit');
    const model = p.ident('a model name');
    p.word('from');
    const from = p.point();
    p.word('steps');
    const steps = p.number('a number of steps');
    p.word('radius');
    const queries: Array<{ value: 'bl' | 'pi'; span: Span }> = [];
    do {
      if (queries.length > 0) p.punct(',');
      const t = p.peek();
      if (!(p.isWord('bl') || p.isWord('pi'))) p.fail(`expected a radius (bl | pi)${t ? `, found '${t.text}'` : ''}`);
      queries.push({ value: t!.text as 'bl' | 'pi', span: p.word(t!.text) });
    } while (p.isPunct(','));
    let within: DomainRef | undefined, tolerance: NumberLit | undefined, fold: NumberLit | undefined, budget: NumberLit | undefined;
    options(p, ['within', 'tolerance', 'fold', 'budget'], (w) => {
      if (w === 'within') within = p.domain();
      else if (w === 'tolerance') tolerance = p.number('a tolerance');
      else if (w === 'fold') fold = p.number('a fold tolerance');
      else budget = p.number('seconds');
    });
    return { kind: 'orbit', model, from, steps, queries, within, tolerance, fold, budget, span: p.spanFrom(start) };
  }
  const start = p.word('map');
  const model = p.ident('a model name');
  if (!p.isWord('bl')) p.fail(`expected 'bl' (a radius map is of the BL radius)${p.peek() ? `, found '${p.peek()!.text}'` : ''}`);
  p.word('bl');
  p.word('on');
  const on = p.domain();
  p.word('grid');
  const grid = p.pair('a number of grid cells', 'x');
  let axes: readonly [NumberLit, NumberLit] | undefined, at: PointRef | undefined, tolerance: NumberLit | undefined, budget: NumberLit | undefined;
  options(p, ['axes', 'at', 'tolerance', 'budget'], (w) => {
    if (w === 'axes') axes = p.pair('a free input index', ',');
    else if (w === 'at') at = p.point();
    else if (w === 'tolerance') tolerance = p.number('a tolerance');
    else budget = p.number('seconds');
  });
  return { kind: 'map', model, on, grid, axes, at, tolerance, budget, span: p.spanFrom(start) };
}
