// Splits one .invq line into tokens. `#` starts a comment; numbers accept signs and exponents.
import type { Span } from './ast';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'bad';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
  /** For strings: the unquoted value; for bad tokens: why. */
  readonly value?: string;
  /** Strings only: false when the closing quote is missing. */
  readonly closed?: boolean;
}

const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_]/;
const numberAt = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const puncts = new Set(['=', '[', ']', '(', ')', ',', '×']);

export function tokenizeLine(text: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const span = (start: number, end: number): Span => ({ line, start, end });
  while (i < text.length) {
    const c = text[i];
    if (c === '#') break;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close + 1;
      const value = text.slice(i + 1, close < 0 ? text.length : close);
      tokens.push({ kind: 'string', text: text.slice(i, end), span: span(i, end), value, closed: close >= 0 });
      i = end;
      continue;
    }
    const num = numberAt.exec(text.slice(i));
    // `10abc` is one bad token, not a number and a name.
    if (num && !identPart.test(text[i + num[0].length] ?? '')) {
      const end = i + num[0].length;
      tokens.push({ kind: 'number', text: num[0], span: span(i, end) });
      i = end;
      continue;
    }
    if (identStart.test(c)) {
      let end = i + 1;
      while (end < text.length && identPart.test(text[end])) end++;
      tokens.push({ kind: 'ident', text: text.slice(i, end), span: span(i, end) });
      i = end;
      continue;
    }
    if (puncts.has(c)) {
      tokens.push({ kind: 'punct', text: c, span: span(i, i + 1) });
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !/[\s#"=[\](),]/.test(text[end])) end++;
    tokens.push({ kind: 'bad', text: text.slice(i, end), span: span(i, end), value: `unexpected '${text.slice(i, end)}'` });
    i = end;
  }
  return tokens;
}

/** The comment-free, trimmed text of a line: what a stored result is keyed by. */
export function statementText(text: string): string {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') inString = !inString;
    else if (text[i] === '#' && !inString) return text.slice(0, i).trim().replace(/\s+/g, ' ');
  }
  return text.trim().replace(/\s+/g, ' ');
}
