// The detail view of the selected result: verdict and actions, the plot that fits the query (phase plane, graph,
// pruning sweep), the witness coordinates side by side, and the numbers behind the verdict.
import type { QueryResult } from '../shared/results';
import type { DetailData, PanelEntry } from '../shared/webviewMessages';
import { post } from './api';
import { h } from './dom';
import { fmt, fmtPoint, fmtSeconds, normSymbol } from './format';
import { statusClass } from './model';
import { renderGraph } from './plots/graph';
import { renderPhasePlane } from './plots/phasePlane';
import { renderPrune } from './plots/prune';
import type { ChartColors } from './theme';

export interface DetailOptions {
  readonly orbitSteps: number;
  readonly onOrbitChange: (steps: number) => void;
}

/** What kind of detail was drawn (reported back to the extension for tests). */
export type DetailKind = 'none' | 'note' | 'plane' | 'graph' | 'prune' | 'summary' | 'waiting';

function button(label: string, onClick: () => void, secondary = true): HTMLElement {
  return h('vscode-button', { secondary, onclick: onClick }, label);
}

function witnessTable(result: QueryResult): HTMLElement | undefined {
  const w = result.witness;
  if (!w) return undefined;
  const cells = (...v: string[]): HTMLElement[] => v.map((t) => h('td', {}, t));
  const row = (label: string, ...v: string[]): HTMLElement => h('tr', {}, h('th', {}, label), ...cells(...v));
  const head = (...v: string[]): HTMLElement => h('thead', {}, h('tr', {}, h('th', {}, ''), ...v.map((t) => h('th', {}, t))));
  const diff = (a: number, b: number): string => fmt(Math.abs(a - b));
  const caption = (text: string): HTMLElement => h('caption', {}, `re-checked by ${w.checkedBy.join(' and ') || '—'}; ${text}`);
  if (result.query === 'discrepancy') {
    // One input, two networks: where they differ most.
    return h('table', { class: 'facts witness' },
      head('x (attains the max)'), h('tbody', {}, ...w.x.map((xi, i) => row(`input ${i}`, fmt(xi, 7)))),
      head('f₁(x)', 'f₂(x)', '|difference|'), h('tbody', {}, ...w.Fx.map((a, k) => row(`output ${k}`, fmt(a, 7), fmt(w.Fy[k], 7), diff(a, w.Fy[k])))),
      caption(`‖f₁(x) − f₂(x)‖∞ = ${fmt(w.outputGap)}`));
  }
  const pi = result.query === 'pi' || result.query === 'radius-pi';
  const b = pi ? 'x_c' : 'y';
  const map = result.query === 'transform' ? 'f₁' : 'F';
  const sections = [
    head('x', b, '|difference|'), h('tbody', {}, ...w.x.map((xi, i) => row(`input ${i}`, fmt(xi, 7), fmt(w.y[i], 7), diff(xi, w.y[i])))),
    head(`${map}(x)`, `${map}(${b})`, '|difference|'), h('tbody', {}, ...w.Fx.map((a, k) => row(`output ${k}`, fmt(a, 7), fmt(w.Fy[k], 7), diff(a, w.Fy[k])))),
  ];
  const { Gx, Gy } = w;
  if (Gx && Gy) {
    // Transform: f₁ merges x and y, f₂ does not.
    sections.push(head('f₂(x)', 'f₂(y)', '|difference|'), h('tbody', {}, ...Gx.map((a, k) => row(`output ${k}`, fmt(a, 7), fmt(Gy[k], 7), diff(a, Gy[k])))));
  }
  return h('table', { class: 'facts witness' }, ...sections,
    caption(`‖x−${b}‖${normSymbol[result.norm]} = ${fmt(w.separation)}, ‖${map}(x) − ${map}(${b})‖∞ = ${fmt(w.outputGap)}`));
}

function factsTable(result: QueryResult, finishedAt?: number): HTMLElement {
  const rows: Array<[string, string]> = [
    ['status', result.status],
    ['norm', `‖·‖${normSymbol[result.norm]}`],
  ];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '—') rows.push([label, value]);
  };
  add('radius', result.radius !== undefined ? fmt(result.radius, 7) : undefined);
  add('radius bounds', result.radiusLower === undefined ? undefined
    : result.radiusUpper === null ? `≥ ${fmt(result.radiusLower, 7)} (no pair in the searched box)` : `[${fmt(result.radiusLower, 7)}, ${fmt(result.radiusUpper, 7)}]`);
  add('invertible on domain', result.invertibleOnDomain ? 'yes' : undefined);
  add('centre', result.center ? fmtPoint(result.center) : undefined);
  add('box radius', result.boxRadius !== undefined ? fmt(result.boxRadius) : undefined);
  add('domain', result.domain ? result.domain.map(([l, u]) => `[${fmt(l)}, ${fmt(u)}]`).join(' × ') : undefined);
  add('objective', fmt(result.objective, 7));
  add('objective bounds', result.objectiveLower !== undefined ? `[${fmt(result.objectiveLower)}, ${fmt(result.objectiveUpper)}]` : undefined);
  add('bound', fmt(result.bound, 7));
  add('gap', result.gap !== null ? `${fmt(result.gap * 100)}%` : undefined);
  add('tolerance', fmt(result.tolerance));
  add('separation floor ε', result.epsilon !== undefined ? fmt(result.epsilon) : undefined);
  add('method', result.stats.method);
  add('solves', result.stats.solves !== undefined ? String(result.stats.solves) : undefined);
  add('binaries / unstable ReLUs', `${result.stats.binaries} / ${result.stats.unstable}`);
  add('B&B nodes', String(result.stats.nodes));
  add('time', fmtSeconds(result.stats.seconds));
  add('finished', finishedAt ? new Date(finishedAt).toLocaleString() : undefined);
  add('error', result.status === 'error' ? `${result.error.code}: ${result.error.message}` : undefined);
  return h('table', { class: 'facts' }, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}

function plotFor(detail: DetailData, colors: ChartColors, width: number, options: DetailOptions): { node?: HTMLElement; kind: DetailKind } {
  const plot = detail.plot;
  if (!plot) return { kind: detail.note ? 'note' : 'waiting' };
  switch (plot.kind) {
    case 'plane': {
      const orbitToggle = h('vscode-checkbox', { checked: options.orbitSteps > 0, label: 'orbit of F from the centre' });
      orbitToggle.addEventListener('change', () => options.onOrbitChange(options.orbitSteps > 0 ? 0 : 40));
      return { node: h('div', {}, renderPhasePlane(plot, colors, width, detail.record?.result.query), orbitToggle), kind: 'plane' };
    }
    case 'graph':
      return { node: renderGraph(plot, colors, width), kind: 'graph' };
    case 'prune':
      return { node: renderPrune(plot, colors, width), kind: 'prune' };
    case 'summary':
      return { node: h('p', { class: 'note' }, plot.reason), kind: 'summary' };
  }
}

export function renderDetail(
  entry: PanelEntry | undefined,
  detail: DetailData | undefined,
  colors: ChartColors,
  width: number,
  options: DetailOptions,
): { node: HTMLElement; kind: DetailKind } {
  if (!entry) return { node: h('p', { class: 'note' }, 'Select a result to see it in detail.'), kind: 'none' };
  const running = entry.state === 'running' || entry.state === 'queued';
  const jobId = entry.jobId;
  const actions = h(
    'div',
    { class: 'actions' },
    button('Go to query', () => post({ type: 'reveal', key: entry.key, focus: true }), false),
    running ? undefined : button('Run again', () => post({ type: 'run', key: entry.key })),
    entry.status ? button('Copy JSON', () => post({ type: 'copyJson', key: entry.key })) : undefined,
    running && jobId ? button('Cancel', () => post({ type: 'cancel', jobId })) : undefined,
  );
  const header = h(
    'header',
    {},
    h('div', { class: 'detail-title' }, entry.queryText),
    h('div', { class: `verdict ${statusClass(entry)}` }, entry.verdict),
    entry.state === 'stale' ? h('vscode-badge', { variant: 'counter', title: 'A model changed since this result was computed' }, 'stale') : undefined,
    running ? h('vscode-progress-bar', { indeterminate: true }) : undefined,
  );
  const current = detail && detail.key === entry.key ? detail : undefined;
  const { node: plotNode, kind } = current ? plotFor(current, colors, width, options) : { node: undefined, kind: 'waiting' as DetailKind };
  const record = current?.record;
  return {
    node: h(
      'section',
      { class: `detail${entry.state === 'stale' ? ' stale' : ''}`, 'aria-label': 'Result detail' },
      header,
      actions,
      current?.note ? h('p', { class: 'note' }, current.note) : undefined,
      kind === 'waiting' && entry.status ? h('p', { class: 'note' }, 'Computing the plot…') : undefined,
      plotNode,
      record ? witnessTable(record.result) : undefined,
      record ? factsTable(record.result, record.finishedAt) : undefined,
    ),
    kind,
  };
}
