// Parses .invq text into statements with spans. One statement per line; a line that fails to parse yields one
// syntax error (the first problem on it) and no statement, so every other line still gets checked.
import type { Document, NumberLit, PointRef, QueryOption, Statement, StringLit, StudyStatement, SyntaxError } from './ast';
import { describeOptions, optionsFor, statementKeywords } from './keywords';
import type { LineParser } from './lineParser';
import { parseWith } from './lineParser';
import { parseStudy, startsStudy } from './studyParser';

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
  return parseWith(text, line, parseStatement);
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
    // One tokenization per line: a study keyword first hands the line to the study parser.
    const { statement, error } = parseWith(lineText, line, (p): Statement | StudyStatement | null => (startsStudy(p) ? parseStudy(p) : parseStatement(p)));
    if (statement && (statement.kind === 'orbit' || statement.kind === 'map')) studies.push(statement);
    else if (statement) statements.push(statement);
    if (error) errors.push(error);
  });
  return { statements, errors, lineCount: lines.length, studies };
}
