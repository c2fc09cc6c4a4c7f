// Helpers shared by the charts: CSP nonce on Plot's <style> elements, the legend under a chart, the fold curve's
// marks, and ball outlines in the three norms.
import type { Point2 } from '../../shared/plotData';
import type { NormName } from '../../shared/results';
import { h } from '../dom';
import type { ChartColors } from '../theme';
import type { Markish } from './plotLib';
import { Plot } from './plotLib';

let styleNonce = '';

/** Set once at startup from the nonce of the panel's own <script> element. */
export function setStyleNonce(nonce: string): void {
  styleNonce = nonce;
}

/**
 * Observable Plot puts a <style> element inside each chart. The panel's CSP allows styles only with its nonce,
 * so stamp the nonce on every such element before the chart enters the document.
 */
export function withNonce<T extends Element>(chart: T): T {
  const styles = chart.tagName.toLowerCase() === 'style' ? [chart] : Array.from(chart.querySelectorAll('style'));
  for (const style of styles) (style as HTMLStyleElement).nonce = styleNonce;
  return chart;
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly dot?: boolean;
}

/** The list of what a chart's colours and marks mean, drawn under it. */
export function legend(items: readonly LegendItem[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...items.map((item) => {
      const swatch = h('span', { class: `swatch${item.dashed ? ' dashed' : ''}${item.dot ? ' dot' : ''}` });
      swatch.style.setProperty('--swatch', item.color);
      return h('li', {}, swatch, item.label);
    }),
  );
}

export type XY = readonly [number, number];

/**
 * The fold curve J₀ (polylines traced at `resolution` cells per axis) as line marks, with its legend item; nothing
 * when the curve is empty. `overRamp`: a wider line on a halo of the panel's background, readable over every colour of
 * a heat map's ramp.
 */
export function foldCurveMarks(curve: ReadonlyArray<readonly Point2[]>, resolution: number, colors: ChartColors, overRamp = false): { marks: Markish[]; legend: LegendItem[] } {
  const rows = curve.flatMap((line, i) => line.map(([x, y]) => ({ x, y, i })));
  if (rows.length === 0) return { marks: [], legend: [] };
  const line = (stroke: string, strokeWidth: number): Markish => Plot.line(rows, { x: 'x', y: 'y', z: 'i', stroke, strokeWidth, clip: true });
  return {
    marks: overRamp ? [line(colors.background, 5), line(colors.fold, 2.5)] : [line(colors.fold, 1.5)],
    legend: [{ label: `fold curve J₀ (det DF = 0, grid ${resolution})`, color: colors.fold }],
  };
}

/** Closed outline of the ball of radius r around c in the given norm (square, diamond, or circle). */
export function ballOutline(center: XY, radius: number, norm: NormName): XY[] {
  const [cx, cy] = center;
  if (norm === 'inf') {
    return [[cx - radius, cy - radius], [cx + radius, cy - radius], [cx + radius, cy + radius], [cx - radius, cy + radius], [cx - radius, cy - radius]];
  }
  if (norm === '1') {
    return [[cx + radius, cy], [cx, cy + radius], [cx - radius, cy], [cx, cy - radius], [cx + radius, cy]];
  }
  return Array.from({ length: 97 }, (_, i): XY => {
    const t = (2 * Math.PI * i) / 96;
    return [cx + radius * Math.cos(t), cy + radius * Math.sin(t)];
  });
}

/** [min, max] over a list of numbers, padded by 5 % (and never empty). */
export function paddedExtent(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [-1, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < 1e-12) {
    lo -= 1;
    hi += 1;
  }
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}
