// Results panel entry (browser IIFE, dist/webview.js). Reads its initial state from the escaped data-state
// attribute, renders the list and the detail view, and talks to the extension only through the typed messages of
// src/shared/webviewMessages.ts.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { DetailData, FilterName, PanelEntry, PanelInitialState, ToWebview } from '../shared/webviewMessages';
import { loadState, post, saveState } from './api';
import type { DetailKind } from './detail';
import { renderDetail } from './detail';
import { clear, h, setNumberText } from './dom';
import { EntryList, FilterBar } from './list';
import { filters, matchesFilter, visibleEntries } from './model';
import { setStyleNonce } from './plots/plotSupport';
import { chartColors, onThemeChange } from './theme';

interface ViewState {
  entries: readonly PanelEntry[];
  selected?: string;
  filter: FilterName;
  detail?: DetailData;
  orbitSteps: number;
  zoomToPair: boolean;
  /** The slice's axes for the selected result (3 or more free inputs); reset when another result is selected. */
  sliceAxes?: readonly [number, number];
}

// The nonce of this very <script> element: Plot's <style> elements must carry it to pass the CSP.
setStyleNonce((document.currentScript as HTMLScriptElement | null)?.nonce ?? '');

const root = document.getElementById('app') as HTMLElement;
const initial = JSON.parse(root.dataset.state ?? '{}') as Partial<PanelInitialState>;
const saved = loadState();
const state: ViewState = {
  entries: initial.entries ?? [],
  selected: initial.selected ?? saved.selected,
  filter: initial.filter ?? saved.filter ?? 'all',
  orbitSteps: saved.orbitSteps ?? 0,
  zoomToPair: saved.zoomToPair ?? false,
};

const filterSlot = h('div', { class: 'filter-slot' });
const listSlot = h('div', { class: 'list-slot' });
const detailSlot = h('div', { class: 'detail-slot' });
root.append(filterSlot, listSlot, detailSlot);

let lastDetailKind: DetailKind = 'none';

function persist(): void {
  saveState({ selected: state.selected, filter: state.filter, orbitSteps: state.orbitSteps, zoomToPair: state.zoomToPair });
}

function select(key: string): void {
  if (state.selected !== key) {
    state.selected = key;
    state.detail = undefined;
    state.sliceAxes = undefined;
    post({ type: 'selected', key, orbitSteps: state.orbitSteps });
  }
  post({ type: 'reveal', key });
  persist();
  render();
}

function setFilter(filter: FilterName): void {
  state.filter = filter;
  post({ type: 'filter', filter });
  persist();
  render();
}

const handlers = { onSelect: select, onFilter: setFilter };
const filterBar = new FilterBar(handlers);
const entryList = new EntryList(handlers);
filterSlot.append(filterBar.element);
listSlot.append(entryList.element);

function renderListPart(): number {
  const counts = new Map(filters.map((f) => [f.name, state.entries.filter((e) => matchesFilter(e, f.name)).length]));
  const visible = visibleEntries(state.entries, state.filter);
  filterBar.update(state.filter, counts);
  const empty =
    state.entries.length === 0
      ? 'No results yet. Right-click an .onnx model and choose "Certify Invertibility…", or run a query from an .invq file.'
      : 'No result matches this filter.';
  entryList.update(visible, state.selected, empty);
  return visible.length;
}

/**
 * What the detail view depends on, except the live verdict text: while a job runs its progress changes several
 * times a second, and redrawing buttons and plots that often would swallow clicks and waste work.
 */
let drawnSignature = '';
/** Bumped on every detail message, so new plot data always redraws. */
let detailVersion = 0;
function detailSignature(entry: PanelEntry | undefined, width: number, maxHeight: number): string {
  if (!entry) return 'none';
  return JSON.stringify([entry.key, entry.state, entry.status, entry.jobId, entry.queryText, state.detail === undefined ? -1 : detailVersion, width, maxHeight, state.orbitSteps, state.zoomToPair]);
}

/** Asks the extension for the selected result again with the current view options (orbit, slice axes). */
function requestDetail(): void {
  if (state.selected) post({ type: 'selected', key: state.selected, orbitSteps: state.orbitSteps, ...(state.sliceAxes ? { sliceAxes: state.sliceAxes } : {}) });
}

function renderDetailPart(force = false): void {
  const entry = state.entries.find((e) => e.key === state.selected) ?? entryFromDetail(state.detail);
  // The plot takes the panel's width, and at most 70% of its height so it never outgrows the screen.
  const width = Math.max(220, Math.min(1200, detailSlot.clientWidth || document.body.clientWidth - 24));
  const maxHeight = Math.max(200, Math.round(window.innerHeight * 0.7));
  const signature = detailSignature(entry, width, maxHeight);
  if (!force && signature === drawnSignature) {
    // Only the verdict moved on (job progress): update its text in place.
    const verdict = detailSlot.querySelector('.verdict');
    if (verdict && entry) setNumberText(verdict, entry.verdict);
    return;
  }
  drawnSignature = signature;
  const { node, kind } = renderDetail(entry, state.detail, chartColors(), width, {
    orbitSteps: state.orbitSteps,
    onOrbitChange: (steps) => {
      state.orbitSteps = steps;
      persist();
      requestDetail();
    },
    maxHeight,
    zoomToPair: state.zoomToPair,
    onZoomChange: (zoom) => {
      state.zoomToPair = zoom;
      persist();
      renderDetailPart();
    },
    onSliceAxes: (axes) => {
      state.sliceAxes = axes;
      requestDetail();
    },
  });
  lastDetailKind = kind;
  clear(detailSlot);
  detailSlot.append(node);
}

/** A result shown in detail before the list caught up with it (e.g. "Show in Panel" right after a run). */
function entryFromDetail(detail: DetailData | undefined): PanelEntry | undefined {
  const record = detail?.record;
  if (!detail || !record || detail.key !== state.selected) return undefined;
  const glyph = { certified: '✓', counterexample: '✗', unresolved: '?', error: '⚠' }[record.result.status];
  return {
    key: detail.key,
    uri: record.uri,
    file: record.uri.split('/').pop() ?? record.uri,
    line: record.line,
    queryText: record.queryText,
    model: '',
    query: record.result.query,
    state: record.stale ? 'stale' : 'done',
    status: record.result.status,
    kind: record.result.query,
    verdict: `${glyph} ${record.result.message}`,
    seconds: record.result.stats.seconds,
    finishedAt: record.finishedAt,
  };
}

function reportRendered(visibleCount: number): void {
  post({ type: 'rendered', entryCount: state.entries.length, visibleCount, selected: state.selected, detail: lastDetailKind });
}

function render(): void {
  const visibleCount = renderListPart();
  renderDetailPart();
  reportRendered(visibleCount);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'entries':
      state.entries = message.entries;
      render();
      break;
    case 'select':
      if (state.selected !== message.key) state.sliceAxes = undefined;
      state.selected = message.key;
      if (state.detail?.key !== message.key) state.detail = undefined;
      persist();
      render();
      listSlot.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
      break;
    case 'detail':
      if (message.detail.key !== state.selected) return;
      state.detail = message.detail;
      detailVersion++;
      renderDetailPart();
      reportRendered(visibleEntries(state.entries, state.filter).length);
      break;
  }
});

onThemeChange(() => renderDetailPart(true));
let resizeTimer: number | undefined;
new ResizeObserver(() => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => renderDetailPart(), 120);
}).observe(detailSlot);
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => renderDetailPart(), 120);
});

render();
post({ type: 'ready' });
if (state.selected) post({ type: 'selected', key: state.selected, orbitSteps: state.orbitSteps });
