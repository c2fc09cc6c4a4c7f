// One free input: the graph of F over the domain, with the BL interval shaded, the PI interval dashed, and the
// witness pair marked at their common image (a horizontal line that F meets twice).
import type { Markish } from './plotLib';
import { Plot } from './plotLib';
import type { GraphPlot } from '../../shared/plotData';
import { h } from '../dom';
import type { ChartColors } from '../theme';
import { paddedExtent, withNonce } from './plotSupport';

export function renderGraph(plot: GraphPlot, colors: ChartColors, width: number): HTMLElement {
  const rows = plot.outputs.flatMap((series, k) => series.map((y, i) => ({ x: plot.xs[i], y, k: `F${plot.outputs.length > 1 ? `[${k}]` : ''}` })));
  const marks: Markish[] = [Plot.ruleY([0], { stroke: colors.grid })];
  const c = plot.center;
  // Only a certified interval is shaded in the "certified" colour.
  const ballColor = plot.status === 'certified' ? colors.certified : plot.status === 'counterexample' ? colors.counterexample : colors.unresolved;
  if (c !== undefined && plot.blRadius !== undefined && plot.blRadius > 0) {
    marks.push(Plot.rectX([{ x1: c - plot.blRadius, x2: c + plot.blRadius }], { x1: 'x1', x2: 'x2', fill: ballColor, fillOpacity: 0.14 }));
  }
  if (c !== undefined && plot.piRadius !== undefined && plot.piRadius > 0) {
    marks.push(Plot.ruleX([c - plot.piRadius, c + plot.piRadius], { stroke: colors.pi, strokeDasharray: '5,4' }));
  }
  marks.push(Plot.line(rows, { x: 'x', y: 'y', z: 'k', stroke: plot.outputs.length > 1 ? 'k' : colors.foreground, strokeWidth: 1.5 }));
  if (c !== undefined) marks.push(Plot.ruleX([c], { stroke: colors.muted, strokeDasharray: '2,3' }));
  const w = plot.witness;
  if (w && w.image.length > 0) {
    const level = w.image[0];
    marks.push(Plot.ruleY([level], { stroke: colors.counterexample, strokeOpacity: 0.6, strokeDasharray: '3,3' }));
    marks.push(Plot.dot([w.x, w.y], { x: (d: number) => d, y: () => level, fill: colors.counterexample, r: 4 }));
    marks.push(Plot.text([w.x, w.y], { x: (d: number) => d, y: () => level, text: (_d: number, i: number) => (i === 0 ? 'x' : 'y'), dy: -9, fill: colors.counterexample }));
  }
  const chart = Plot.plot({
    width,
    height: Math.round(Math.min(Math.max(width * 0.62, 180), 360)),
    marginLeft: 44,
    x: { domain: [plot.domain[0], plot.domain[1]], label: plot.axisLabel, grid: true },
    y: { domain: paddedExtent(rows.map((r) => r.y)), label: 'F', grid: true },
    color: plot.outputs.length > 1 ? { legend: true } : undefined,
    style: { background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' },
    marks,
  });
  return h('div', { class: 'chart graph' }, withNonce(chart));
}
