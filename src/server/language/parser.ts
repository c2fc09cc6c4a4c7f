// Parses .invq text into statements with spans. One statement per line; a line that fails to parse yields one
// syntax error (the first problem on it) and no statement, so every other line still gets checked.
import type {
  Document, DomainRef, Ident, Interval, NumberLit, PointRef, QueryOption, Span, Statement, StringLit, SyntaxError,
} from './ast';
import type { Token } from './lexer';
import { tokenizeLine } from './lexer';
import { describeOptions, optionsFor, statementKeywords } from './keywords';
import { isStudyLine, parseStudyLine } from './studyParser';
import type { StudyStatement } from './ast';

class ParseFailure extends Error {
  constructor(readonly error: SyntaxError) {
    super(error.message);
  }
}

class LineParser {
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
  private expected(what: string): never {
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

interface ParsedOptions {
  readonly options: QueryOption[];
  readonly radius?: NumberLit;
  readonly at?: PointRef;
  readonly out?: StringLit;
}

function parseOptions(p: LineParser, kind: 'radius' | 'certify' | 'match' | 'prune'): ParsedOptions {
  const allowed = optionsFor[kind];
  const seen = new Set<string>();
  const options: QueryOption[] = [];
  let radius: NumberLit | undefined;
  let at: PointRef | undefined;
  let out: StringLit | undefined;
  while (!p.atEnd()) {
    const t = p.peek()!;
    if (t.kind !== 'ident' || !(allowed as readonly string[]).includes(t.text)) {
      p.fail(`unknown option '${t.text}' for ${kind}; expected ${describeOptions(kind)}`);
    }
    if (seen.has(t.text)) p.fail(`'${t.text}' given twice`);
    seen.add(t.text);
    const key = p.keyword(allowed, 'an option');
    const start = key.span;
    switch (key.value) {
      case 'norm': {
        const v = p.keyword(['inf', '1', '2'] as const, 'a norm');
        options.push({ name: 'norm', value: v.value, span: p.spanFrom(start) });
        break;
      }
      case 'method': {
        const v = p.keyword(['auto', 'direct', 'bisection', 'paper'] as const, 'a method');
        options.push({ name: 'method', value: v.value, span: p.spanFrom(start) });
        break;
      }
      case 'tolerance':
      case 'timeout':
      case 'budget':
        options.push({ name: key.value, value: p.number(key.value === 'tolerance' ? 'a tolerance' : 'seconds'), span: p.spanFrom(start) });
        break;
      case 'within':
        options.push({ name: 'within', value: p.domainRef(), span: p.spanFrom(start) });
        break;
      case 'radius':
        radius = p.number('a radius');
        break;
      case 'at':
        at = p.pointRef();
        break;
      case 'out':
        out = p.string('an output folder "path/"');
        break;
    }
  }
  return { options, radius, at, out };
}

function parseStatement(p: LineParser): Statement | null {
  if (p.atEnd()) return null;
  const head = p.keyword(statementKeywords, 'a statement');
  const start = head.span;
  switch (head.value) {
    case 'model': {
      const name = p.ident('a model name');
      p.punct('=');
      const path = p.string('a quoted .onnx path');
      p.endOfLine();
      return { kind: 'model', name, path, span: p.spanFrom(start) };
    }
    case 'fix': {
      const model = p.ident('a model name');
      p.punct('[');
      const index = p.number('an input index');
      p.punct(']');
      p.punct('=');
      const value = p.number('a value');
      p.endOfLine();
      return { kind: 'fix', model, index, value, span: p.spanFrom(start) };
    }
    case 'domain': {
      const name = p.ident('a domain name');
      p.punct('=');
      const domain = p.domainLiteral();
      p.endOfLine();
      return { kind: 'domain', name, domain, span: p.spanFrom(start) };
    }
    case 'point': {
      const name = p.ident('a point name');
      p.punct('=');
      const point = p.pointLiteral();
      p.endOfLine();
      return { kind: 'point', name, point, span: p.spanFrom(start) };
    }
    case 'radius':
    case 'certify': {
      const model = p.ident('a model name');
      const query = p.keyword(['bl', 'pi'] as const, 'a query').value;
      if (!p.isIdent('at')) p.fail(`expected 'at' and a point after '${query}'`);
      p.keyword(['at'] as const, "'at'");
      const at = p.pointRef();
      const opts = parseOptions(p, head.value);
      if (head.value === 'radius') {
        return { kind: 'radius', model, query, at, options: opts.options, span: p.spanFrom(start) };
      }
      if (!opts.radius) p.fail("certify needs 'radius <r>'", p.spanFrom(start));
      return { kind: 'certify', model, query, at, radius: opts.radius, options: opts.options, span: p.spanFrom(start) };
    }
    case 'match': {
      const modelA = p.ident('the first model name');
      const modelB = p.ident('the second model name');
      const query = p.keyword(['transform', 'discrepancy'] as const, 'a query').value;
      p.keyword(['on'] as const, "'on'");
      const on = p.domainRef();
      const opts = parseOptions(p, 'match');
      return { kind: 'match', modelA, modelB, query, on, options: opts.options, span: p.spanFrom(start) };
    }
    case 'prune': {
      const model = p.ident('a model name');
      p.keyword(['levels'] as const, "'levels'");
      const levels = [p.number('a pruning level (percent)')];
      while (p.isPunct(',')) {
        p.punct(',');
        levels.push(p.number('a pruning level (percent)'));
      }
      p.keyword(['on'] as const, "'on'");
      const on = p.domainRef();
      const opts = parseOptions(p, 'prune');
      return { kind: 'prune', model, levels, on, at: opts.at, out: opts.out, options: opts.options, span: p.spanFrom(start) };
    }
  }
}

export function parseLine(text: string, line: number): { statement: Statement | null; error?: SyntaxError } {
  const p = new LineParser(tokenizeLine(text, line), line, text.length);
  try {
    return { statement: parseStatement(p) };
  } catch (e) {
    if (e instanceof ParseFailure) return { statement: null, error: e.error };
    throw e;
  }
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function parseDocument(text: string): Document {
  const lines = splitLines(text);
  const statements: Statement[] = [];
  const errors: SyntaxError[] = [];
  const studies: StudyStatement[] = [];
  lines.forEach((lineText, line) => {
    if (isStudyLine(lineText, line)) {
      const study = parseStudyLine(lineText, line);
      if (study.statement) studies.push(study.statement);
      if (study.error) errors.push(study.error);
      return;
    }
    const { statement, error } = parseLine(lineText, line);
    if (statement) statements.push(statement);
    if (error) errors.push(error);
  });
  return { statements, errors, lineCount: lines.length, studies };
}
