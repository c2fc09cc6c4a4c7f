// The tables under the plot: the witness coordinates side by side (the pair at the digits that tell x from y), and
// what the result says (a radius with its bracket, the centre as the query wrote it), with how it was found on one
// details line. Numbers sit in cells that never wrap inside a number (media/panel.css).
import type { ResultRecord } from '../shared/protocol';
import type { QueryResult } from '../shared/results';
import { h } from './dom';
import { fmt, fmtDate, fmtPercent, fmtPoint, fmtSeconds, normSymbol, pairDigits } from './format';

const cells = (...v: string[]): HTMLElement[] => v.map((t) => h('td', {}, t));
const row = (label: string, ...v: string[]): HTMLElement => h('tr', {}, h('th', { scope: 'row' }, label), ...cells(...v));
const head = (...v: string[]): HTMLElement => h('thead', {}, h('tr', {}, h('th', {}, ''), ...v.map((t) => h('th', { scope: 'col' }, t))));
const diff = (a: number, b: number): string => fmt(Math.abs(a - b), 2);
/** Wide tables scroll sideways inside their box rather than squeeze their numbers. */
const scroller = (table: HTMLElement): HTMLElement => h('div', { class: 'table-scroll' }, table);

export function witnessTable(result: QueryResult): HTMLElement | undefined {
  const w = result.witness;
  if (!w) return undefined;
  const caption = (text: string): HTMLElement => h('caption', {}, `re-checked by ${w.checkedBy.join(' and ') || '—'}; ${text}`);
  if (result.query === 'discrepancy') {
    // One input, two networks: where they differ most.
    return scroller(h('table', { class: 'facts witness' },
      head('x (attains the max)'), h('tbody', {}, ...w.x.map((xi, i) => row(`input ${i}`, fmt(xi, 7)))),
      head('f₁(x)', 'f₂(x)', '|difference|'), h('tbody', {}, ...w.Fx.map((a, k) => row(`output ${k}`, fmt(a, 6), fmt(w.Fy[k], 6), diff(a, w.Fy[k])))),
      caption(`‖f₁(x) − f₂(x)‖∞ = ${fmt(w.outputGap)}`)));
  }
  const pi = result.query === 'pi' || result.query === 'radius-pi';
  const b = pi ? 'x_c' : 'y';
  const map = result.query === 'transform' ? 'f₁' : 'F';
  const digits = pairDigits(w.x, w.y);
  const sections = [
    head('x', b, '|difference|'), h('tbody', {}, ...w.x.map((xi, i) => row(`input ${i}`, fmt(xi, digits), fmt(w.y[i], digits), diff(xi, w.y[i])))),
    head(`${map}(x)`, `${map}(${b})`, '|difference|'), h('tbody', {}, ...w.Fx.map((a, k) => row(`output ${k}`, fmt(a, 6), fmt(w.Fy[k], 6), diff(a, w.Fy[k])))),
  ];
  const { Gx, Gy } = w;
  if (Gx && Gy) {
    // Transform: f₁ merges x and y, f₂ does not.
    sections.push(head('f₂(x)', 'f₂(y)', '|difference|'), h('tbody', {}, ...Gx.map((a, k) => row(`output ${k}`, fmt(a, 6), fmt(Gy[k], 6), diff(a, Gy[k])))));
  }
  return scroller(h('table', { class: 'facts witness' }, ...sections,
    caption(`‖x − ${b}‖${normSymbol[result.norm]} = ${fmt(w.separation)}, ‖${map}(x) − ${map}(${b})‖∞ = ${fmt(w.outputGap, 2)}`)));
}

/** The radius of a radius query as a radius: its value, its bracket, or its lower end when no pair was in the box. */
function radiusValue(result: QueryResult): string | undefined {
  if (result.radius !== undefined) return `= ${fmt(result.radius, 6)}`;
  if (result.radiusLower === undefined) return undefined;
  if (result.radiusUpper === null) return `≥ ${fmt(result.radiusLower, 6)} (no pair in the searched box)`;
  if (result.radiusUpper === undefined) return `≥ ${fmt(result.radiusLower, 6)}`;
  return `∈ [${fmt(result.radiusLower, 6)}, ${fmt(result.radiusUpper, 6)}]`;
}

export function factsTable(record: ResultRecord): HTMLElement {
  const result = record.result;
  const rows: HTMLElement[] = [];
  const add = (label: string, value: string | undefined, title?: string): void => {
    if (value !== undefined) rows.push(h('tr', {}, h('th', { scope: 'row' }, label), h('td', title ? { title } : {}, value)));
  };
  add('status', result.status);
  if (result.query === 'radius-bl' || result.query === 'radius-pi') add(result.query === 'radius-pi' ? 'radius R (PI)' : 'radius r (BL)', radiusValue(result));
  add('norm', `‖·‖${normSymbol[result.norm]}`);
  add('invertible on the searched box', result.invertibleOnDomain ? 'yes' : undefined);
  // The centre as the query wrote it: 17 significant digits print a typed number back unchanged.
  add('centre x_c', result.center ? fmtPoint(result.center, 17) : undefined);
  add('box radius', result.boxRadius !== undefined && result.query !== 'radius-bl' && result.query !== 'radius-pi' ? fmt(result.boxRadius) : undefined);
  add('domain', result.domain ? result.domain.map(([l, u]) => `[${fmt(l)}, ${fmt(u)}]`).join(' × ') : undefined);
  if (result.query === 'discrepancy' && result.objective !== null) add('max ‖f₁ − f₂‖∞', fmt(result.objective, 7));
  if (result.status === 'unresolved' && (result.query === 'bl' || result.query === 'pi' || result.query === 'transform' || result.query === 'discrepancy')) {
    add('search bracket', `[${fmt(result.objective)}, ${fmt(result.bound)}]${result.gap !== null ? `, gap ${fmtPercent(result.gap)}` : ''}`);
  }
  add('tolerance', fmt(result.tolerance));
  add('separation floor ε', result.epsilon !== undefined ? fmt(result.epsilon) : undefined);
  add('time', fmtSeconds(result.stats.seconds));
  add('finished', fmtDate(record.finishedAt), new Date(record.finishedAt).toISOString());
  add('error', result.status === 'error' ? `${result.error.code}: ${result.error.message}` : undefined);
  return scroller(h('table', { class: 'facts' }, h('tbody', {}, ...rows)));
}

/** How the answer was found (method, solver counts that are not zero), for the curious: one muted line. */
export function detailsLine(result: QueryResult): HTMLElement | undefined {
  const s = result.stats;
  const parts = [
    s.method ? `method ${s.method}` : undefined,
    s.solves ? `${s.solves} solve${s.solves === 1 ? '' : 's'}` : undefined,
    s.nodes > 0 ? `${s.nodes} B&B nodes` : undefined,
    s.binaries > 0 ? `${s.binaries} MILP binaries` : undefined,
    s.unstable > 0 ? `${s.unstable} unstable ReLUs` : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? h('p', { class: 'details-line' }, `Details: ${parts.join(' · ')}`) : undefined;
}
