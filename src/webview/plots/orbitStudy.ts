// An orbit study, after the paper's trajectory figures: the states x_k on the phase plane joined in order, each with
// its certified BL box (the ball ‖x − x_k‖∞ ≤ the proved lower end of r_BL, a square), the fold curve J₀ and the
// states marked near it; and the radii against k, the proved lower end as the line, the bracket's upper end as a
// whisker. An unresolved or failed state has no radius: it is drawn apart, on the strip under the radius axis.
import type { Markish } from './plotLib';
import { Plot } from './plotLib';
import type { OrbitStatePlot, OrbitStudyPlot, StudyRadius } from '../../shared/plotData';
import { h } from '../dom';
import { fmt } from '../format';
import type { ChartColors } from '../theme';
import { planeFrame, wholeView } from './frame';
import type { LegendItem } from './plotSupport';
import { foldCurveMarks, legend, withNonce } from './plotSupport';

export interface StudyView {
  readonly width: number;
  readonly maxHeight: number;
}

/** Only a proved ball is drawn as a box: its lower end, where that is above zero and the instance did not fail. */
export function provedBall(r: StudyRadius | undefined): number | undefined {
  return r && r.status !== 'error' && r.lower !== null && r.lower > 0 ? r.lower : undefined;
}

function stateTip(plot: OrbitStudyPlot, s: OrbitStatePlot): string {
  const [ax, ay] = plot.axisLabels;
  const lines = [`x_${s.k}`, `${ax} = ${fmt(s.at[0], 8)}`, `${ay} = ${fmt(s.at[1], 8)}`];
  if (s.bl) lines.push(`BL: ${s.bl.text} (${s.bl.status})`);
  if (s.pi) lines.push(`PI: ${s.pi.text} (${s.pi.status})`);
  if (s.nearFold) lines.push(`near the fold (within ${fmt(plot.foldTolerance)})`);
  return lines.join('\n');
}

const style = (colors: ChartColors): Record<string, string> => ({ background: 'transparent', color: colors.foreground, fontFamily: colors.fontFamily, fontSize: '11px' });

/** The phase plane: domain, J₀, the certified BL boxes, the orbit in order, near-fold states ringed. */
export function renderOrbitPlane(plot: OrbitStudyPlot, colors: ChartColors, view: StudyView): HTMLElement {
  const [dx, dy] = plot.domain;
  const marks: Markish[] = [Plot.rect([{ x1: dx[0], x2: dx[1], y1: dy[0], y2: dy[1] }], { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'none', stroke: colors.muted })];
  const items: LegendItem[] = [{ label: 'domain', color: colors.muted }];
  const xs = [dx[0], dx[1]], ys = [dy[0], dy[1]];
  const fold = foldCurveMarks(plot.foldCurve, plot.foldResolution, colors);
  marks.push(...fold.marks);
  items.push(...fold.legend);
  const boxes = plot.states.flatMap((s) => {
    const r = provedBall(s.bl);
    if (r === undefined) return [];
    // Asked within D, the certified region is the ball ∩ D: draw no more of the box than that.
    const [lx, hx] = plot.withinDomain ? dx : [-Infinity, Infinity];
    const [ly, hy] = plot.withinDomain ? dy : [-Infinity, Infinity];
    return [{ x1: Math.max(lx, s.at[0] - r), x2: Math.min(hx, s.at[0] + r), y1: Math.max(ly, s.at[1] - r), y2: Math.min(hy, s.at[1] + r), certified: s.bl?.status === 'certified' }];
  });
  if (boxes.length > 0) {
    marks.push(Plot.rect(boxes, { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: (d: { certified: boolean }) => (d.certified ? colors.certified : colors.unresolved), fillOpacity: 0.05, stroke: (d: { certified: boolean }) => (d.certified ? colors.certified : colors.unresolved), strokeOpacity: 0.7, strokeWidth: 1 }));
    items.push({ label: `certified BL box of x_k: ‖x − x_k‖∞ ≤ r_BL (its proved lower end)${plot.withinDomain ? ' ∩ domain' : ''}`, color: colors.certified });
    if (boxes.some((b) => !b.certified)) items.push({ label: 'proved box of an unresolved state (bracket still open)', color: colors.unresolved });
    for (const b of boxes) {
      xs.push(b.x1, b.x2);
      ys.push(b.y1, b.y2);
    }
  }
  const points = plot.states.map((s) => ({ x: s.at[0], y: s.at[1], k: s.k, near: s.nearFold, text: stateTip(plot, s) }));
  if (points.length > 0) {
    marks.push(Plot.line(points, { x: 'x', y: 'y', stroke: colors.orbit, strokeOpacity: 0.8, clip: true }));
    marks.push(Plot.dot(points, { x: 'x', y: 'y', fill: colors.orbit, r: 2.5, clip: true }));
    const near = points.filter((p) => p.near);
    if (near.length > 0) {
      marks.push(Plot.dot(near, { x: 'x', y: 'y', stroke: colors.counterexample, strokeWidth: 2, r: 6, clip: true }));
      items.push({ label: `near the fold (within ${fmt(plot.foldTolerance)}): ${near.map((p) => `k = ${p.k}`).join(', ')}`, color: colors.counterexample, dot: true });
    }
    const labelled = [points[0], ...near, points[points.length - 1]].filter((p, i, all) => all.findIndex((q) => q.k === p.k) === i);
    marks.push(Plot.text(labelled, { x: 'x', y: 'y', text: (d: { k: number }) => `x${subscript(d.k)}`, dx: 10, dy: -8, fill: colors.foreground, clip: true }));
    marks.push(Plot.tip(points, Plot.pointer({ x: 'x', y: 'y', title: 'text', fill: colors.background, stroke: colors.muted, fontSize: 11, maxRadius: 24 })));
    items.push({ label: `orbit x_{k+1} = F(x_k), ${points.length} of ${plot.total / plot.queries.length} states answered`, color: colors.orbit, dot: true });
    for (const p of points) {
      xs.push(p.x);
      ys.push(p.y);
    }
  }
  const shown = wholeView(xs, ys);
  const frame = planeFrame(shown.xDomain, shown.yDomain, view.width, view.maxHeight);
  const chart = Plot.plot({
    width: frame.width, height: frame.height, marginLeft: 44, clip: true,
    x: { domain: frame.xDomain, label: plot.axisLabels[0], grid: true, ticks: Math.max(3, Math.floor(frame.width / 90)) },
    y: { domain: frame.yDomain, label: plot.axisLabels[1], grid: true },
    style: style(colors), marks,
  });
  if (plot.slice) {
    const held = plot.slice.inputLabels.flatMap((name, k) => (plot.slice?.axes.includes(k) ? [] : [`${name} = ${fmt(plot.slice?.through[k], 8)}`]));
    items.unshift({ label: `slice through x_0: ${held.join(', ')} (states projected onto it)`, color: colors.muted });
  }
  return h('div', { class: 'chart orbit-plane' }, withNonce(chart), legend(items));
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
function subscript(k: number): string {
  return String(k).replace(/\d/g, (d) => SUBSCRIPT[Number(d)]);
}

interface RadiusRow {
  readonly k: number;
  readonly name: string;
  readonly lower: number;
  readonly upper: number | null;
  readonly exact: boolean;
  readonly text: string;
}

/** The radii against k: r_BL and R_PI by their proved lower ends, brackets as whiskers, the rest drawn apart. */
export function renderRadiusAgainstK(plot: OrbitStudyPlot, colors: ChartColors, width: number): HTMLElement {
  const series = plot.queries.map((q) => ({ q, name: q === 'bl' ? 'r_BL' : 'R_PI', color: q === 'bl' ? colors.certified : colors.pi }));
  const marks: Markish[] = [Plot.ruleY([0], { stroke: colors.grid })];
  const items: LegendItem[] = [];
  const ks = plot.states.map((s) => s.k);
  const values: number[] = [0];
  const apart: Array<{ k: number; text: string }> = [];
  for (const { q, name, color } of series) {
    const rows: RadiusRow[] = [];
    // The line breaks (NaN) at a state without a proved radius, so it never runs through an unresolved state.
    const line: Array<{ k: number; y: number }> = [];
    for (const s of plot.states) {
      const r = s[q];
      if (!r) continue;
      if (r.status === 'certified' && r.lower !== null) {
        rows.push({ k: s.k, name, lower: r.lower, upper: r.upper, exact: r.radius !== undefined, text: `${name} at x_${s.k}: ${r.text}` });
        line.push({ k: s.k, y: r.lower });
        values.push(r.lower);
      } else {
        line.push({ k: s.k, y: Number.NaN });
        apart.push({ k: s.k, text: `${name} at x_${s.k}: ${r.status === 'error' ? r.text : `unresolved, ${r.text}`}` });
      }
    }
    if (rows.length === 0) continue;
    const whiskers = rows.filter((r) => r.upper !== null && r.upper > r.lower);
    if (whiskers.length > 0) marks.push(Plot.ruleX(whiskers, { x: 'k', y1: 'lower', y2: 'upper', stroke: color, strokeWidth: 1.5, strokeOpacity: 0.7 }));
    marks.push(Plot.line(line, { x: 'k', y: 'y', stroke: color, strokeWidth: 1.5 }));
    marks.push(Plot.dot(rows, { x: 'k', y: 'lower', r: 3, stroke: color, fill: (d: RadiusRow) => (d.exact ? color : 'none') }));
    marks.push(Plot.tip(rows, Plot.pointer({ x: 'k', y: 'lower', title: 'text', fill: colors.background, stroke: colors.muted, fontSize: 11, maxRadius: 16 })));
    items.push({ label: `${name}: proved lower end (filled: the radius to tolerance; hollow: no pair in the box, ≥)${whiskers.length > 0 ? '; whisker to the bracket’s upper end' : ''}`, color, dot: true });
    for (const r of whiskers) values.push(r.upper ?? 0);
  }
  if (apart.length > 0) {
    // Drawn on the frame's bottom edge, outside the radius scale: no height is claimed for them.
    marks.push(Plot.dot(apart, { x: 'k', frameAnchor: 'bottom', symbol: 'times', stroke: colors.unresolved, r: 4, strokeWidth: 2, dy: -6 }));
    marks.push(Plot.tip(apart, Plot.pointer({ x: 'k', frameAnchor: 'bottom', title: 'text', fill: colors.background, stroke: colors.muted, fontSize: 11 })));
    items.push({ label: `no radius proved (unresolved or failed): ${[...new Set(apart.map((a) => a.k))].map((k) => `k = ${k}`).join(', ')}`, color: colors.unresolved, dot: true });
  }
  const near = plot.states.filter((s) => s.nearFold).map((s) => s.k);
  if (near.length > 0) {
    marks.push(Plot.ruleX(near, { stroke: colors.counterexample, strokeOpacity: 0.35, strokeDasharray: '2,3' }));
    items.push({ label: 'state near the fold', color: colors.counterexample, dashed: true });
  }
  const kMax = Math.max(1, ...ks);
  const chart = Plot.plot({
    width, height: Math.round(Math.min(Math.max(width * 0.45, 170), 300)), marginLeft: 48, marginBottom: 36,
    x: { domain: [-0.5, kMax + 0.5], label: 'k (state of the orbit)', grid: true, ticks: Math.min(kMax + 1, Math.max(3, Math.floor(width / 60))), tickFormat: (d: number) => (Number.isInteger(d) ? String(d) : '') },
    y: { domain: [0, Math.max(...values) * 1.08 || 1], label: 'radius (L∞)', grid: true },
    style: style(colors), marks,
  });
  return h('div', { class: 'chart orbit-radii' }, withNonce(chart), legend(items));
}
