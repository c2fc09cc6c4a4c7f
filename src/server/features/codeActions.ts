// Code actions: turn a counterexample's witness into new queries, and fix unknown names to the closest declared one.
// The witness follow-ups are quick fixes (kind `quickfix`) tied to the line's diagnostic: VS Code offers only that
// kind under a problem's hover and in the lightbulb's "Quick Fix…" list, and drops others there.
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import type { ResultRecord } from '../../shared/protocol';
import type { Witness } from '../../shared/results';
import type { DocSnapshot } from '../documentState';
import type { Query } from '../language/ast';
import { isQuery } from '../language/ast';
import { num } from '../results/format';

const point = (v: readonly number[]): string => `(${v.map((x) => String(Number(x.toPrecision(10)))).join(', ')})`;

function modelOf(q: Query): string {
  return q.kind === 'match' ? q.modelA.name : q.model.name;
}

function insertAfter(snap: DocSnapshot, line: number, text: string, title: string, diagnostics: readonly Diagnostic[]): CodeAction {
  const end = { line, character: (snap.lines[line] ?? '').length };
  const onLine = diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    ...(onLine.length > 0 ? { diagnostics: onLine } : {}),
    edit: { changes: { [snap.uri]: [{ range: { start: end, end }, newText: `\n${text}` }] } },
  };
}

export function witnessActions(snap: DocSnapshot, line: number, record: ResultRecord | undefined, diagnostics: readonly Diagnostic[] = []): CodeAction[] {
  const q = snap.doc.statements.find((s) => s.span.line === line);
  const w = record?.result.witness;
  if (!q || !isQuery(q) || !w || (q.kind !== 'radius' && q.kind !== 'certify')) return [];
  const F = modelOf(q);
  const norm = record.result.norm === 'inf' ? '' : ` norm ${record.result.norm}`;
  const sep = num(w.separation, 4);
  return [
    insertAfter(snap, line, `radius ${F} bl at ${point(w.x)}${norm}`, 'Add query: safety radius at witness x', diagnostics),
    insertAfter(snap, line, `radius ${F} bl at ${point(w.y)}${norm}`, 'Add query: safety radius at witness y', diagnostics),
    insertAfter(snap, line, `certify ${F} pi at ${point(w.x)} radius ${sep}${norm}`, `Add query: certify another preimage of F(x) within ${sep} of x`, diagnostics),
    insertAfter(snap, line, `point W = ${point(w.x)}`, 'Add point W = witness x', diagnostics),
  ];
}

/** A wide map's null-space pair (the 'non-square' note) as point declarations, under names not yet taken. */
export function nullSpacePairActions(snap: DocSnapshot, line: number, pair: Witness | null, diagnostics: readonly Diagnostic[] = []): CodeAction[] {
  const q = snap.doc.statements.find((s) => s.span.line === line);
  if (!q || !isQuery(q) || !pair || (q.kind !== 'radius' && q.kind !== 'certify')) return [];
  const taken = (name: string): boolean => snap.analysis.models.has(name) || snap.analysis.domains.has(name) || snap.analysis.points.has(name);
  const free = (stem: string): string => {
    let k = 1;
    while (taken(`${stem}${k}`)) k++;
    return `${stem}${k}`;
  };
  if (q.query === 'pi') {
    return [insertAfter(snap, line, `point ${free('X')} = ${point(pair.x)}   # F(x) = F(c): the null-space pair`, 'Add point: the other preimage x of F(c) from the note', diagnostics)];
  }
  const [x, y] = [free('X'), free('Y')];
  return [insertAfter(snap, line, `point ${x} = ${point(pair.x)}   # F(${x}) = F(${y}): the null-space pair\npoint ${y} = ${point(pair.y)}`, 'Add points: the colliding pair x, y from the note', diagnostics)];
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/** "unknown model 'Fx'" → replace with the closest declared name of that kind. */
export function unknownNameFixes(snap: DocSnapshot, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const m = /^unknown (model|domain|point) '([^']+)'$/.exec(typeof d.message === 'string' ? d.message : d.message.value);
    if (!m) continue;
    const table = m[1] === 'model' ? snap.analysis.models : m[1] === 'domain' ? snap.analysis.domains : snap.analysis.points;
    const best = [...table.keys()].map((n) => [n, distance(n, m[2])] as const).sort((a, b) => a[1] - b[1])[0];
    if (!best || best[1] > Math.max(2, m[2].length / 2)) continue;
    const range: Range = d.range;
    out.push({
      title: `Change to '${best[0]}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
      edit: { changes: { [snap.uri]: [{ range, newText: best[0] }] } },
    });
  }
  return out;
}
