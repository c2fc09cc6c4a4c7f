// Results per document and line. Records follow their query text when lines move, and are dropped when the
// query they answer is edited away.
import type { ResultRecord } from '../../shared/protocol';
import { statementText } from '../language/lexer';

export class ResultStore {
  private readonly byUri = new Map<string, Map<number, ResultRecord>>();

  get(uri: string, line: number): ResultRecord | undefined {
    return this.byUri.get(uri)?.get(line);
  }

  all(uri: string): ResultRecord[] {
    return [...(this.byUri.get(uri)?.values() ?? [])].sort((a, b) => a.line - b.line);
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  set(record: ResultRecord): void {
    let m = this.byUri.get(record.uri);
    if (!m) this.byUri.set(record.uri, (m = new Map<number, ResultRecord>()));
    m.set(record.line, record);
  }

  replaceAll(uri: string, records: readonly ResultRecord[]): void {
    this.byUri.set(uri, new Map(records.map((r) => [r.line, r])));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /**
   * Moves each record to the line that now holds its query text (the nearest such line, each line used once) and
   * drops the records whose query is gone. Returns whether anything changed, and what was dropped.
   */
  reanchor(uri: string, lines: readonly string[]): { changed: boolean; dropped: ResultRecord[] } {
    const m = this.byUri.get(uri);
    if (!m || m.size === 0) return { changed: false, dropped: [] };
    const texts = lines.map(statementText);
    const { placed, dropped } = anchorByText([...m.values()], texts);
    const changed = dropped.length > 0 || placed.some(([r, line]) => r.line !== line);
    if (changed) this.byUri.set(uri, new Map(placed.map(([r, line]) => [line, { ...r, line }])));
    return { changed, dropped };
  }
}

/** Pairs items having a queryText and a preferred line with lines of the same text: same line first, then nearest. */
export function anchorByText<T extends { readonly line: number; readonly queryText: string }>(
  items: readonly T[],
  texts: readonly string[],
): { placed: Array<[T, number]>; dropped: T[] } {
  const taken = new Set<number>();
  const placed: Array<[T, number]> = [];
  const rest: T[] = [];
  for (const it of items) {
    if (texts[it.line] === it.queryText && !taken.has(it.line)) {
      taken.add(it.line);
      placed.push([it, it.line]);
    } else {
      rest.push(it);
    }
  }
  const dropped: T[] = [];
  for (const it of rest) {
    let best = -1;
    for (let l = 0; l < texts.length; l++) {
      if (texts[l] === it.queryText && !taken.has(l) && (best < 0 || Math.abs(l - it.line) < Math.abs(best - it.line))) best = l;
    }
    if (best < 0) dropped.push(it);
    else {
      taken.add(best);
      placed.push([it, best]);
    }
  }
  return { placed, dropped };
}
