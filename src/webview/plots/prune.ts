// Pruning sweep: pruning level against the discrepancy to the full network and against the BL radius of the pruned
// copy, then the table. A proved value is a filled dot (joined by a line); a level that was not proved shows its
// bracket as a whisker from the lower to the upper end (an open end, "≥ lower", as an upward triangle); a level not
// run shows nothing. The words in the table come from the server (the sweep's one wording).
import { Plot } from './plotLib';
import type { Markish } from './plotLib';
import type { PrunePlot } from '../../shared/plotData';
import { h } from '../dom';
import { fmt, fmtPoint, fmtSeconds } from '../format';
import type { ChartColors } from '../theme';
import { legend, withNonce } from './plotSupport';

type Row = PrunePlot['rows'][number];

/** One column of the sweep as the chart reads it: the proved value, else the bracket. */
interface Series {
  readonly label: string;
  readonly proved: (r: Row) => number | null;
  readonly lower: (r: Row) => number | null;
  readonly upper: (r: Row) => number | null;
}

const DISCREPANCY: Series = { label: 'max ‖f − f_pruned‖∞', proved: (r) => r.discrepancy, lower: (r) => r.discrepancyLower, upper: (r) => r.discrepancyUpper };
const RADIUS: Series = { label: 'BL radius r', proved: (r) => r.radius, lower: (r) => r.radiusLower, upper: (r) => r.radiusUpper };

function sweepChart(rows: readonly Row[], s: Series, colors: ChartColors, width: number): Element {
  const ran = rows.filter((r) => !r.notRun);
  const proved = ran.filter((r) => s.proved(r) !== null);
  const bracketed = ran.filter((r) => s.proved(r) === null && s.lower(r) !== null && s.upper(r) !== null);
  const openEnded = ran.filter((r) => s.proved(r) === null && s.lower(r) !== null && s.upper(r) === null);
  const onlyUpper = ran.filter((r) => s.proved(r) === null && s.lower(r) === null && s.upper(r) !== null);
  // The same level axis on both charts, even where one of them has no value.
  const levels = rows.map((r) => r.level);
  const span = Math.max(...levels) - Math.min(...levels);
  const pad = span > 0 ? span * 0.04 : 1;
  const marks: Markish[] = [
    Plot.ruleX(bracketed, { x: 'level', y1: s.lower, y2: s.upper, stroke: colors.unresolved, strokeWidth: 2 }),
    Plot.dot(bracketed, { x: 'level', y: s.lower, r: 3, stroke: colors.unresolved, fill: colors.unresolved }),
    Plot.dot([...bracketed, ...onlyUpper], { x: 'level', y: s.upper, r: 3, stroke: colors.unresolved, fill: 'none' }),
    Plot.ruleX(onlyUpper, { x: 'level', y1: 0, y2: s.upper, stroke: colors.unresolved, strokeWidth: 2, strokeDasharray: '3,3' }),
    Plot.dot(openEnded, { x: 'level', y: s.lower, symbol: 'triangle', r: 5, fill: colors.unresolved }),
    Plot.line(proved, { x: 'level', y: s.proved, stroke: colors.foreground, strokeOpacity: 0.6 }),
    Plot.dot(proved, { x: 'level', y: s.proved, fill: colors.certified, r: 4 }),
  ];
  return withNonce(
    Plot.plot({
      width,
      height: 170,
      marginLeft: 50,
      x: { label: 'pruned weights (%)', grid: true, domain: [Math.min(...levels) - pad, Math.max(...levels) + pad] },
      y: { label: s.label, grid: true, zero: true },
      style: { background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' },
      marks,
    }),
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function sweepTable(rows: readonly Row[]): HTMLElement {
  const head = ['level', 'discrepancy', 'attained at x', 'radius (BL)', 'time', 'file'];
  return h(
    'table',
    { class: 'facts sweep' },
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { class: `status-${r.notRun ? 'unresolved' : r.status}` },
          h('td', {}, `${r.level}%`),
          h('td', { class: r.discrepancy !== null ? 'proved' : 'bracket' }, r.discrepancyText),
          h('td', {}, r.attainedAt ? fmtPoint(r.attainedAt) : fmt(null)),
          h('td', { class: r.radius !== null ? 'proved' : 'bracket' }, r.radiusText),
          h('td', {}, r.notRun ? fmt(null) : fmtSeconds(r.seconds)),
          h('td', { title: r.file }, r.file ? fileName(r.file) : fmt(null)),
        ),
      ),
    ),
  );
}

export function renderPrune(plot: PrunePlot, colors: ChartColors, width: number): HTMLElement {
  return h(
    'div',
    { class: 'chart prune' },
    sweepChart(plot.rows, DISCREPANCY, colors, width),
    sweepChart(plot.rows, RADIUS, colors, width),
    legend([
      { label: 'proved value', color: colors.certified, dot: true },
      { label: 'not proved: the bracket found (▲: a lower end only)', color: colors.unresolved },
    ]),
    sweepTable(plot.rows),
  );
}
