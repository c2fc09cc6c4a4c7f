// A radius map: r_BL at each grid cell's centre over the domain, each cell coloured by the proved lower end of its
// radius (a colour ramp with units under the chart), the fold curve J₀ over it. A cell with nothing proved (unresolved,
// failed) is greyed and hatched and says so in its tooltip: it never takes a radius colour. A running study shows the
// cells answered so far; the others stay empty.
import type { Markish } from './plotLib';
import { Plot } from './plotLib';
import type { MapCellPlot, MapStudyPlot } from '../../shared/plotData';
import { h } from '../dom';
import { fmt, fmtPoint, fmtSeconds } from '../format';
import type { ChartColors } from '../theme';
import { planeFrame } from './frame';
import type { LegendItem } from './plotSupport';
import { foldCurveMarks, legend, withNonce } from './plotSupport';
import type { StudyView } from './orbitStudy';

/** The lower end that colours a cell: only a certified result's (a proved radius or "≥ the box's reach"). */
export function cellColourValue(cell: MapCellPlot): number | undefined {
  return cell.bl.status === 'certified' && cell.bl.lower !== null ? cell.bl.lower : undefined;
}

interface CellRect {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
  readonly x: number;
  readonly y: number;
  readonly value?: number;
  readonly text: string;
}

function cellTip(plot: MapStudyPlot, c: MapCellPlot): string {
  const [ax, ay] = plot.axisLabels;
  const what = c.bl.status === 'certified' || c.bl.status === 'error' ? c.bl.text : `unresolved, ${c.bl.text}`;
  return [
    `cell (${c.i}, ${c.j})`, `${ax} = ${fmt(c.at[0], 6)}`, `${ay} = ${fmt(c.at[1], 6)}`,
    c.centre.length > 2 ? `centre ${fmtPoint(c.centre, 6)}` : undefined,
    `BL: ${what}`, `${c.bl.status}, ${fmtSeconds(c.bl.seconds)}`,
  ].filter((l): l is string => l !== undefined).join('\n');
}

export function renderRadiusMap(plot: MapStudyPlot, colors: ChartColors, view: StudyView): HTMLElement {
  const [dx, dy] = plot.domain;
  const [w, hgt] = plot.cellSize;
  const rects: CellRect[] = plot.cells.map((c) => ({
    x1: c.at[0] - w / 2, x2: c.at[0] + w / 2, y1: c.at[1] - hgt / 2, y2: c.at[1] + hgt / 2, x: c.at[0], y: c.at[1],
    value: cellColourValue(c), text: cellTip(plot, c),
  }));
  const coloured = rects.filter((r) => r.value !== undefined);
  const open = rects.filter((r) => r.value === undefined);
  const maxValue = Math.max(0, ...coloured.map((r) => r.value ?? 0));
  const colour = { type: 'linear' as const, scheme: 'viridis' as const, domain: [0, maxValue > 0 ? maxValue : 1], label: 'r_BL, proved lower end (L∞ distance in input units)' };
  const marks: Markish[] = [
    Plot.rect([{ x1: dx[0], x2: dx[1], y1: dy[0], y2: dy[1] }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'none', stroke: colors.muted }),
    Plot.rect(coloured, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'value', inset: 0, shapeRendering: 'crispEdges' }),
  ];
  const items: LegendItem[] = [];
  if (open.length > 0) {
    marks.push(Plot.rect(open, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: colors.muted, fillOpacity: 0.35 }));
    marks.push(Plot.link(open, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: colors.foreground, strokeOpacity: 0.5 }));
    const unresolved = plot.cells.filter((c) => c.bl.status === 'unresolved').length;
    const failed = plot.cells.filter((c) => c.bl.status === 'error').length;
    items.push({ label: `hatched grey: no radius proved (${[unresolved > 0 ? `${unresolved} unresolved` : '', failed > 0 ? `${failed} failed` : ''].filter(Boolean).join(', ')}); the tooltip gives the bracket`, color: colors.muted });
  }
  const fold = foldCurveMarks(plot.foldCurve, plot.foldResolution, colors, true);
  marks.push(...fold.marks);
  items.push(...fold.legend);
  const pending = plot.grid[0] * plot.grid[1] - plot.cells.length;
  if (pending > 0) items.push({ label: `${pending} of ${plot.grid[0] * plot.grid[1]} cells not answered yet (empty)`, color: colors.grid });
  marks.push(Plot.tip(rects, Plot.pointer({ x: 'x', y: 'y', title: 'text', fill: colors.background, stroke: colors.muted, fontSize: 11, maxRadius: Math.max(12, 400 / Math.max(...plot.grid)) })));
  const frame = planeFrame([dx[0], dx[1]], [dy[0], dy[1]], view.width, view.maxHeight);
  const style = { background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' };
  const chart = Plot.plot({
    width: frame.width, height: frame.height, marginLeft: 44, clip: true,
    x: { domain: frame.xDomain, label: plot.axisLabels[0], ticks: Math.max(3, Math.floor(frame.width / 90)) },
    y: { domain: frame.yDomain, label: plot.axisLabels[1] },
    color: colour, style, marks,
  });
  const ramp = Plot.legend({ color: colour, width: Math.min(320, frame.width - 20), marginLeft: 10, style }) as Element;
  ramp.classList.add('colour-ramp');
  if (plot.slice) {
    const held = plot.slice.inputLabels.flatMap((name, k) => (plot.slice?.axes.includes(k) ? [] : [`${name} = ${fmt(plot.slice?.through[k], 8)}`]));
    items.unshift({ label: `slice: ${held.join(', ')}`, color: colors.muted });
  }
  return h('div', { class: 'chart radius-map' }, withNonce(chart), withNonce(ramp), legend(items));
}
