// The detail view of the selected result: the question in plain words, verdict and actions, the plot that fits the
// query (phase plane or its slice, graph, pruning sweep) with its controls (zoom to pair, slice axes, Save SVG/PNG),
// the witness coordinates side by side, and the numbers behind the verdict (./tables.ts).
import type { DetailData, PanelEntry, SavedFigure } from '../shared/webviewMessages';
import type { PlanePlot } from '../shared/plotData';
import { post } from './api';
import { h, setNumberText } from './dom';
import { savedFigure } from './figure';
import { statusClass } from './model';
import { detailsLine, factsTable, witnessTable } from './tables';
import { renderGraph } from './plots/graph';
import { renderPhasePlane } from './plots/phasePlane';
import { renderPrune } from './plots/prune';
import { renderStudy } from './studyDetail';
import type { ChartColors } from './theme';

export interface DetailOptions {
  readonly orbitSteps: number;
  readonly onOrbitChange: (steps: number) => void;
  /** The tallest a plot may be (a share of the viewport), so a wide panel does not make it taller than the screen. */
  readonly maxHeight: number;
  readonly zoomToPair: boolean;
  readonly onZoomChange: (zoom: boolean) => void;
  readonly onSliceAxes: (axes: readonly [number, number]) => void;
}

/** What kind of detail was drawn (reported back to the extension for tests). */
export type DetailKind = 'none' | 'note' | 'plane' | 'slice' | 'graph' | 'prune' | 'summary' | 'waiting' | 'orbit' | 'map';

function verdictLine(entry: PanelEntry): HTMLElement {
  const line = h('div', { class: `verdict ${statusClass(entry)}` });
  setNumberText(line, entry.verdict);
  return line;
}

function button(label: string, onClick: () => void, secondary = true): HTMLElement {
  return h('vscode-button', { secondary, onclick: onClick }, label);
}

/** Two selects choosing the slice's axes among the free inputs; picking the other axis's input swaps them. */
function sliceControls(slice: NonNullable<PlanePlot['slice']>, onAxes: DetailOptions['onSliceAxes']): HTMLElement {
  const [a, b] = slice.axes;
  const select = (label: string, value: number, other: number, set: (k: number) => readonly [number, number]): HTMLElement => {
    const element = h('select', { 'aria-label': label }, ...slice.inputLabels.map((name, k) => {
      const option = h('option', { value: String(k) }, name);
      option.selected = k === value;
      return option;
    }));
    element.addEventListener('change', () => {
      const k = Number(element.value);
      onAxes(k === other ? [b, a] : set(k));
    });
    return h('label', { class: 'axis-select' }, `${label} `, element);
  };
  return h('div', { class: 'slice-controls' },
    h('span', { class: 'note' }, `${slice.inputLabels.length} free inputs: a 2-D slice through x_c.`),
    select('horizontal axis', a, b, (k) => [k, b]),
    select('vertical axis', b, a, (k) => [a, k]));
}

function figureName(detail: DetailData): string {
  const title = detail.record?.queryText ?? 'figure';
  const model = /^\w+\s+(\w+)/.exec(title)?.[1] ?? 'figure';
  return `${model}-line-${(detail.record?.line ?? 0) + 1}`;
}

/** Zoom to the pair (when there is one) and Save SVG / Save PNG, over the chart they act on. */
function figureToolbar(figure: HTMLElement, detail: DetailData, colors: ChartColors, options: DetailOptions, hasPair: boolean): HTMLElement {
  const save = (format: SavedFigure['format']): void => {
    void savedFigure(figure, colors, format, figureName(detail)).then((saved) => {
      if (saved) post({ type: 'saveFigure', figure: saved });
    });
  };
  return h('div', { class: 'figure-toolbar' },
    hasPair ? button(options.zoomToPair ? 'Show whole domain' : 'Zoom to pair', () => options.onZoomChange(!options.zoomToPair)) : undefined,
    button('Save SVG', () => save('svg')),
    button('Save PNG', () => save('png')));
}

function plotFor(detail: DetailData, colors: ChartColors, width: number, options: DetailOptions): { node?: HTMLElement; kind: DetailKind } {
  if (detail.study) return renderStudy(detail.study, colors, { width, maxHeight: options.maxHeight });
  const plot = detail.plot;
  if (!plot) return { kind: detail.note ? 'note' : 'waiting' };
  switch (plot.kind) {
    case 'plane': {
      const chart = renderPhasePlane(plot, colors, { width, maxHeight: options.maxHeight, zoomToPair: options.zoomToPair }, detail.record?.result.query);
      const orbitToggle = plot.slice || (plot.orbit === undefined && plot.foldResolution === 0) ? undefined : h('vscode-checkbox', { checked: options.orbitSteps > 0, label: 'orbit of F from the centre' });
      orbitToggle?.addEventListener('change', () => options.onOrbitChange(options.orbitSteps > 0 ? 0 : 40));
      const hasPair = plot.witness !== undefined;
      return {
        node: h('div', { class: 'figure' }, plot.slice ? sliceControls(plot.slice, options.onSliceAxes) : undefined, figureToolbar(chart, detail, colors, options, hasPair), chart, orbitToggle),
        kind: plot.slice ? 'slice' : 'plane',
      };
    }
    case 'graph': {
      const chart = renderGraph(plot, colors, width);
      return { node: h('div', { class: 'figure' }, figureToolbar(chart, detail, colors, options, false), chart), kind: 'graph' };
    }
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
    entry.status && !entry.study ? button('Copy JSON', () => post({ type: 'copyJson', key: entry.key })) : undefined,
    running && jobId ? button('Cancel', () => post({ type: 'cancel', jobId })) : undefined,
  );
  const current = detail && detail.key === entry.key ? detail : undefined;
  const header = h(
    'header',
    {},
    current?.question ? h('div', { class: 'question' }, current.question) : undefined,
    h('div', { class: 'detail-title' }, entry.queryText),
    verdictLine(entry),
    entry.state === 'stale' ? h('vscode-badge', { variant: 'counter', title: 'A model changed since this result was computed' }, 'stale') : undefined,
    running ? h('vscode-progress-bar', { indeterminate: true }) : undefined,
  );
  const { node: plotNode, kind } = current ? plotFor(current, colors, width, options) : { node: undefined, kind: 'waiting' as DetailKind };
  const record = current?.record;
  return {
    node: h(
      'section',
      { class: `detail${entry.state === 'stale' ? ' stale' : ''}`, 'aria-label': 'Result detail' },
      header,
      actions,
      current?.note ? h('p', { class: 'note' }, current.note) : undefined,
      kind === 'waiting' && (entry.status || entry.study) ? h('p', { class: 'note' }, 'Computing the plot…') : undefined,
      plotNode,
      record ? witnessTable(record.result) : undefined,
      record ? factsTable(record) : undefined,
      record ? detailsLine(record.result) : undefined,
    ),
    kind,
  };
}
