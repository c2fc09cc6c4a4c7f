// The cursor over one .invq line's tokens that every statement parser reads with (queries in parser.ts, studies in
// studyParser.ts): tokens, keywords, numbers, points and domains, each with its span, and "expected X" errors that
// point at the token they are about (or just past the line's end).
import type { DomainRef, Ident, Interval, NumberLit, PointRef, Span, StringLit, SyntaxError } from './ast';
import type { Token } from './lexer';
import { tokenizeLine } from './lexer';

export class ParseFailure extends Error {
  constructor(readonly error: SyntaxError) {
    super(error.message);
  }
}

export class LineParser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly line: number, private readonly lineLength: number) {}

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }
  peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  /** Where "expected X" points when the line ends early: just past the last token. */
  private endSpan(): Span {
    const last = this.tokens[this.tokens.length - 1];
    const at = last ? last.span.end : this.lineLength;
    return { line: this.line, start: at, end: at + 1 };
  }
  fail(message: string, span?: Span): never {
    throw new ParseFailure({ message, span: span ?? this.peek()?.span ?? this.endSpan() });
  }
  expected(what: string): never {
    const t = this.peek();
    if (!t) this.fail(`expected ${what} at end of line`);
    if (t.kind === 'bad') this.fail(`${t.value ?? 'unexpected input'}; expected ${what}`);
    this.fail(`expected ${what}, found '${t.text}'`);
  }

  isPunct(p: string): boolean {
    const t = this.peek();
    return t?.kind === 'punct' && t.text === p;
  }
  isIdent(name?: string): boolean {
    const t = this.peek();
    return t?.kind === 'ident' && (name === undefined || t.text === name);
  }
  punct(p: string): Token {
    if (!this.isPunct(p)) this.expected(`'${p}'`);
    return this.next();
  }
  ident(what: string): Ident {
    if (!this.isIdent()) this.expected(what);
    const t = this.next();
    return { name: t.text, span: t.span };
  }
  /** The keyword `w` (e.g. 'from'), or a syntax error naming it. */
  word(w: string): Span {
    if (!this.isIdent(w)) this.expected(`'${w}'`);
    return this.next().span;
  }
  /** Two numbers separated by `x` (or `×`), as in `grid 40 x 40`, or by a comma. */
  pair(what: string, separator: 'x' | ','): readonly [NumberLit, NumberLit] {
    const first = this.number(what);
    if (separator === ',' ? this.isPunct(',') : this.isIdent('x') || this.isPunct('×')) this.next();
    else this.expected(separator === ',' ? "','" : "'x'");
    return [first, this.number(what)];
  }
  keyword<K extends string>(choices: readonly K[], what: string): { value: K; span: Span } {
    const t = this.peek();
    if (t && (t.kind === 'ident' || t.kind === 'number') && (choices as readonly string[]).includes(t.text)) {
      this.next();
      return { value: t.text as K, span: t.span };
    }
    return this.expected(`${what} (${choices.join(' | ')})`);
  }
  number(what: string): NumberLit {
    const t = this.peek();
    if (t?.kind !== 'number') this.expected(what);
    this.next();
    return { value: Number(t.text), text: t.text, span: t.span };
  }
  string(what: string): StringLit {
    const t = this.peek();
    if (t?.kind !== 'string') this.expected(what);
    if (!t.closed) this.fail('unterminated string: add the closing "', t.span);
    this.next();
    return { value: t.value ?? '', span: t.span };
  }
  spanFrom(start: Span): Span {
    const last = this.tokens[Math.max(0, this.pos - 1)];
    return { line: this.line, start: start.start, end: last ? last.span.end : start.end };
  }

  pointLiteral(): PointRef & { kind: 'literal' } {
    const open = this.punct('(');
    const coords = [this.number('a coordinate')];
    while (this.isPunct(',')) {
      this.next();
      coords.push(this.number('a coordinate'));
    }
    this.punct(')');
    return { kind: 'literal', coords, span: this.spanFrom(open.span) };
  }
  pointRef(): PointRef {
    if (this.isIdent()) {
      const name = this.ident('a point name');
      return { kind: 'name', name, span: name.span };
    }
    if (!this.isPunct('(')) this.expected("a point '(x, y)' or a point name");
    return this.pointLiteral();
  }
  interval(): Interval {
    const open = this.punct('[');
    const lower = this.number('a lower bound');
    this.punct(',');
    const upper = this.number('an upper bound');
    this.punct(']');
    return { lower, upper, span: this.spanFrom(open.span) };
  }
  domainLiteral(): DomainRef & { kind: 'literal' } {
    const first = this.interval();
    const intervals = [first];
    while (this.isIdent('x') || this.isPunct('×')) {
      this.next();
      intervals.push(this.interval());
    }
    return { kind: 'literal', intervals, span: this.spanFrom(first.span) };
  }
  domainRef(): DomainRef {
    if (this.isIdent()) {
      const name = this.ident('a domain name');
      return { kind: 'name', name, span: name.span };
    }
    if (!this.isPunct('[')) this.expected("a domain '[a, b] x [c, d]' or a domain name");
    return this.domainLiteral();
  }
  endOfLine(): void {
    if (!this.atEnd()) this.expected('end of line');
  }
}

/** Parses one line with `parse`: its statement, or the first syntax error on it (and no statement). */
export function parseWith<T>(text: string, line: number, parse: (p: LineParser) => T): { statement: T | null; error?: SyntaxError } {
  const p = new LineParser(tokenizeLine(text, line), line, text.length);
  try {
    return { statement: parse(p) };
  } catch (e) {
    if (e instanceof ParseFailure) return { statement: null, error: e.error };
    throw e;
  }
}
