// Pruning sweep: pruning level against the discrepancy to the full network and against the certified radius.
import { Plot } from './plotLib';
import type { PrunePlot } from '../../shared/protocol';
import type { QueryStatus } from '../../shared/results';
import { h } from '../dom';
import { fmt } from '../format';
import type { ChartColors } from '../theme';
import { withNonce } from './plotSupport';

type Row = PrunePlot['rows'][number];

function statusColor(colors: ChartColors, status: QueryStatus): string {
  return status === 'certified' ? colors.certified : status === 'counterexample' ? colors.counterexample : colors.unresolved;
}

function sweepChart(rows: readonly Row[], value: (r: Row) => number | null, label: string, colors: ChartColors, width: number): Element {
  const points = rows.filter((r) => value(r) !== null);
  // The same level axis on both charts, even where one of them has no value.
  const levels = rows.map((r) => r.level);
  return withNonce(
    Plot.plot({
      width,
      height: 170,
      marginLeft: 50,
      x: { label: 'pruned weights (%)', grid: true, domain: [Math.min(...levels), Math.max(...levels)] },
      y: { label, grid: true, zero: true },
      style: { background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' },
      marks: [
        Plot.line(points, { x: 'level', y: value, stroke: colors.foreground, strokeOpacity: 0.6 }),
        Plot.dot(points, { x: 'level', y: value, fill: (r: Row) => statusColor(colors, r.status), r: 4 }),
      ],
    }),
  );
}

/** The radius only where it is one; else the bracket found, "≥ x" where no pair is known (an upper end only with a re-checked pair). */
function radiusCell(r: Row): string {
  if (r.notRun) return '—';
  if (r.radius !== null) return fmt(r.radius);
  if (r.radiusLower === null || r.radiusLower === undefined) return fmt(null);
  return r.radiusUpper === null || r.radiusUpper === undefined ? `≥ ${fmt(r.radiusLower)}` : `[${fmt(r.radiusLower)}, ${fmt(r.radiusUpper)}]`;
}

export function renderPrune(plot: PrunePlot, colors: ChartColors, width: number): HTMLElement {
  const table = h(
    'table',
    { class: 'facts sweep' },
    h('thead', {}, h('tr', {}, h('th', {}, 'level'), h('th', {}, 'discrepancy'), h('th', {}, 'radius'), h('th', {}, 'status'))),
    h(
      'tbody',
      {},
      ...plot.rows.map((r) =>
        h('tr', {}, h('td', {}, `${r.level}%`), h('td', {}, fmt(r.discrepancy)), h('td', {}, radiusCell(r)), h('td', { class: `status-${r.status}` }, r.notRun ? 'not run' : r.status)),
      ),
    ),
  );
  return h(
    'div',
    { class: 'chart prune' },
    sweepChart(plot.rows, (r) => r.discrepancy, 'max ‖f − f_pruned‖', colors, width),
    sweepChart(plot.rows, (r) => r.radius, 'radius', colors, width),
    table,
  );
}
