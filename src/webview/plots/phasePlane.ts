// Phase-plane view for two free inputs, after the paper's Figure 3a: the domain, the centre, the certified BL ball
// (radius r), the PI ball (radius R), a verified witness pair joined by a segment with their common image, the fold
// curve J₀ (where det DF changes sign) and, on request, an orbit of F from the centre. With 3 or more free inputs
// it is the slice through the centre along two of them (the pair drawn projected onto it). Points carry tooltips;
// "zoom to pair" frames the witness pair alone, which near a fold sits a few 1e-4 apart.
import type { Markish } from './plotLib';
import { Plot } from './plotLib';
import type { PlanePlot } from '../../shared/plotData';
import type { QueryKind } from '../../shared/results';
import { h } from '../dom';
import { fmt, fmtPoint, pairDigits } from '../format';
import type { ChartColors } from '../theme';
import { pairWindow, planeFrame, wholeView } from './frame';
import type { LegendItem, XY } from './plotSupport';
import { ballOutline, foldCurveMarks, legend, withNonce } from './plotSupport';

export interface PlaneView {
  /** The width the panel gives the chart and the tallest it may be (a share of the viewport). */
  readonly width: number;
  readonly maxHeight: number;
  /** Frame the witness pair alone instead of the whole domain. */
  readonly zoomToPair: boolean;
}

/** A point the pointer can show a tooltip for. */
interface TipPoint {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/** Ball legend and colour by outcome: only a certified ball is drawn in the "certified" colour. */
function ballStyle(plot: PlanePlot, colors: ChartColors, name: string, symbol: string, radius: number): { color: string; label: string } {
  const value = `${symbol} ${plot.radiusIsLowerBound ? '≥' : '='} ${fmt(radius)}`;
  switch (plot.status) {
    case 'certified':
      if (plot.radiusIsLowerBound) return { color: name === 'PI' ? colors.pi : colors.certified, label: `searched box, no pair inside: ${value} (certified)` };
      return { color: name === 'PI' ? colors.pi : colors.certified, label: `${name} ball, ${value} (certified)` };
    case 'counterexample':
      return { color: colors.counterexample, label: `${name} ball searched, ${value} (counterexample inside)` };
    default:
      return { color: colors.unresolved, label: `${name} ball, ${value} (${plot.status})` };
  }
}

/**
 * @param query the query kind of the result, which decides how a witness reads: a colliding pair (BL), another
 *   preimage of F(x_c) (PI), a pair that f₁ merges but f₂ separates (transform), or the input where two networks
 *   differ most (discrepancy).
 */
export function renderPhasePlane(plot: PlanePlot, colors: ChartColors, view: PlaneView, query?: QueryKind): HTMLElement {
  const [dx, dy] = plot.domain;
  const marks: Markish[] = [];
  const tips: TipPoint[] = [];
  const [ax, ay] = plot.axisLabels;
  const legendItems: LegendItem[] = [{ label: 'domain', color: colors.muted }];
  const xs: number[] = [dx[0], dx[1]];
  const ys: number[] = [dy[0], dy[1]];

  marks.push(Plot.rect([{ x1: dx[0], x2: dx[1], y1: dy[0], y2: dy[1] }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'none', stroke: colors.muted, strokeWidth: 1 }));

  const fold = foldCurveMarks(plot.foldCurve, plot.foldResolution, colors);
  marks.push(...fold.marks);
  legendItems.push(...fold.legend);

  const center = plot.center;
  if (center) {
    if (plot.piRadius !== undefined && plot.piRadius > 0) {
      const style = ballStyle(plot, colors, 'PI', 'R', plot.piRadius);
      const outline = ballOutline(center, plot.piRadius, plot.norm);
      marks.push(Plot.line(outline, { x: (d: XY) => d[0], y: (d: XY) => d[1], stroke: style.color, strokeWidth: 1.5, strokeDasharray: '5,4' }));
      outline.forEach(([x, y]) => (xs.push(x), ys.push(y)));
      legendItems.push({ label: style.label, color: style.color, dashed: true });
    }
    if (plot.blRadius !== undefined && plot.blRadius > 0) {
      const style = ballStyle(plot, colors, 'BL', 'r', plot.blRadius);
      const outline = ballOutline(center, plot.blRadius, plot.norm);
      if (plot.norm === 'inf') {
        const r = plot.blRadius;
        marks.push(Plot.rect([{ x1: center[0] - r, x2: center[0] + r, y1: center[1] - r, y2: center[1] + r }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: style.color, fillOpacity: 0.12 }));
      }
      marks.push(Plot.line(outline, { x: (d: XY) => d[0], y: (d: XY) => d[1], stroke: style.color, strokeWidth: 2 }));
      outline.forEach(([x, y]) => (xs.push(x), ys.push(y)));
      legendItems.push({ label: style.label, color: style.color });
    }
    marks.push(Plot.dot([center], { x: (d: XY) => d[0], y: (d: XY) => d[1], fill: colors.foreground, r: 3.5 }));
    tips.push({ x: center[0], y: center[1], text: `centre x_c\n${ax} = ${fmt(center[0], 17)}\n${ay} = ${fmt(center[1], 17)}` });
    marks.push(Plot.text([center], { x: (d: XY) => d[0], y: (d: XY) => d[1], text: () => 'x_c', dx: 9, dy: -7, fill: colors.foreground }));
  }

  if (plot.orbit && plot.orbit.length > 1) {
    marks.push(Plot.line(plot.orbit, { x: (d: XY) => d[0], y: (d: XY) => d[1], stroke: colors.orbit, strokeOpacity: 0.75, clip: true }));
    marks.push(Plot.dot(plot.orbit, { x: (d: XY) => d[0], y: (d: XY) => d[1], fill: colors.orbit, r: 2, clip: true }));
    legendItems.push({ label: `orbit of F from x_c (${plot.orbit.length - 1} steps)`, color: colors.orbit, dot: true });
  }

  const witness = plot.witness;
  if (witness && query === 'discrepancy') {
    // One input, two networks: mark where they differ most (their outputs are in the detail table).
    marks.push(Plot.dot([witness.x], { x: (d: XY) => d[0], y: (d: XY) => d[1], fill: colors.counterexample, r: 4.5 }));
    marks.push(Plot.text([witness.x], { x: (d: XY) => d[0], y: (d: XY) => d[1], text: () => 'x*', dx: -10, dy: -8, fill: colors.counterexample }));
    xs.push(witness.x[0]);
    ys.push(witness.x[1]);
    tips.push({ x: witness.x[0], y: witness.x[1], text: `x* = ${fmtPoint(witness.x, 7)}` });
    legendItems.push({ label: 'x* where ‖f₁(x) − f₂(x)‖ is largest', color: colors.counterexample, dot: true });
  } else if (witness) {
    // PI witnesses pair the other preimage with the centre itself: draw the centre once, labelled x_c.
    const yIsCenter = center !== undefined && witness.y[0] === center[0] && witness.y[1] === center[1];
    const pair: XY[] = yIsCenter ? [witness.x] : [witness.x, witness.y];
    const map = query === 'transform' ? 'f₁' : 'F';
    const imageText = yIsCenter ? `${map}(x) = ${map}(x_c)` : `${map}(x) = ${map}(y)`;
    const image = witness.image.length === 2 ? ([witness.image[0], witness.image[1]] as XY) : undefined;
    if (image) {
      marks.push(
        Plot.link(pair, { x1: (d: XY) => d[0], y1: (d: XY) => d[1], x2: () => image[0], y2: () => image[1], stroke: colors.counterexample, strokeOpacity: 0.55, strokeDasharray: '3,3', markerEnd: 'arrow' }),
      );
      marks.push(Plot.dot([image], { x: (d: XY) => d[0], y: (d: XY) => d[1], symbol: 'times', stroke: colors.counterexample, r: 5, strokeWidth: 2 }));
      marks.push(Plot.text([image], { x: (d: XY) => d[0], y: (d: XY) => d[1], text: () => imageText, dx: 10, dy: -10, fill: colors.counterexample, textAnchor: 'start' }));
      xs.push(image[0]);
      ys.push(image[1]);
    }
    marks.push(Plot.link([{ a: witness.x, b: witness.y }], { x1: (d: { a: XY }) => d.a[0], y1: (d: { a: XY }) => d.a[1], x2: (d: { b: XY }) => d.b[0], y2: (d: { b: XY }) => d.b[1], stroke: colors.counterexample, strokeWidth: 2 }));
    marks.push(Plot.dot(pair, { x: (d: XY) => d[0], y: (d: XY) => d[1], fill: colors.counterexample, r: 4 }));
    // Labels on opposite sides, so a close pair (the usual case near a fold) stays readable.
    marks.push(Plot.text([pair[0]], { x: (d: XY) => d[0], y: (d: XY) => d[1], text: () => 'x', dx: -9, dy: -7, fill: colors.counterexample }));
    if (pair.length > 1) marks.push(Plot.text([pair[1]], { x: (d: XY) => d[0], y: (d: XY) => d[1], text: () => 'y', dx: 9, dy: 9, fill: colors.counterexample }));
    pair.forEach(([x, y]) => (xs.push(x), ys.push(y)));
    const digits = pairDigits(witness.x, witness.y);
    tips.push({ x: witness.x[0], y: witness.x[1], text: `x\n${ax} = ${fmt(witness.x[0], digits)}\n${ay} = ${fmt(witness.x[1], digits)}` });
    if (pair.length > 1) tips.push({ x: witness.y[0], y: witness.y[1], text: `y\n${ax} = ${fmt(witness.y[0], digits)}\n${ay} = ${fmt(witness.y[1], digits)}` });
    const label = yIsCenter
      ? 'other preimage x ≠ x_c with F(x) = F(x_c)'
      : query === 'transform'
        ? 'pair with f₁(x) = f₁(y) but f₂(x) ≠ f₂(y)'
        : 'witness pair x ≠ y with F(x) = F(y)';
    legendItems.push({ label: plot.slice ? `${label} (projected onto the slice)` : label, color: colors.counterexample, dot: true });
  }

  if (tips.length > 0) {
    marks.push(Plot.tip(tips, Plot.pointer({ x: 'x', y: 'y', title: 'text', fill: colors.background, stroke: colors.muted, fontSize: 11, maxRadius: 24 })));
  }
  const zoomed = view.zoomToPair && witness !== undefined;
  const shown = zoomed ? pairWindow(query === 'discrepancy' ? [witness.x] : [witness.x, witness.y]) : wholeView(xs, ys);
  const frame = planeFrame(shown.xDomain, shown.yDomain, view.width, view.maxHeight);
  const chart = Plot.plot({
    width: frame.width,
    height: frame.height,
    marginLeft: 44,
    clip: true,
    x: { domain: frame.xDomain, label: ax, grid: true, ticks: Math.max(3, Math.floor(frame.width / 90)) },
    y: { domain: frame.yDomain, label: ay, grid: true },
    style: { background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' },
    marks,
  });
  if (plot.slice) {
    const held = plot.slice.inputLabels.flatMap((name, k) => (plot.slice?.axes.includes(k) ? [] : [`${name} = ${fmt(plot.slice?.through[k], 17)}`]));
    legendItems.unshift({ label: `slice through x_c: ${held.join(', ')}`, color: colors.muted });
  }
  return h('div', { class: `chart plane${zoomed ? ' zoomed' : ''}` }, withNonce(chart), legend(legendItems));
}
