// The detail view of a study line (orbit, map): the plots the server computed (./plots/orbitStudy.ts,
// ./plots/radiusMap.ts), each with Save SVG / Save PNG, Export CSV / JSON of the numbers, and the table of every
// state or cell. Radii read as the results say them: "r = …" only where proved, "r ≥ …" or the bracket otherwise.
import type { MapStudyPlot, OrbitStudyPlot, StudyRadius } from '../shared/plotData';
import type { DetailData, SavedData, SavedFigure } from '../shared/webviewMessages';
import type { StudyResults } from '../shared/studies';
import { post } from './api';
import { h } from './dom';
import { savedFigure } from './figure';
import { fmt, fmtPoint, fmtSeconds } from './format';
import { renderOrbitPlane, renderRadiusAgainstK } from './plots/orbitStudy';
import type { StudyView } from './plots/orbitStudy';
import { renderRadiusMap } from './plots/radiusMap';
import { studyCsv, studyFileName, studyJson } from './studyExport';
import type { ChartColors } from './theme';

type Study = NonNullable<DetailData['study']>;

function button(label: string, onClick: () => void): HTMLElement {
  return h('vscode-button', { secondary: true, onclick: onClick }, label);
}

/** Save SVG / Save PNG over one chart. */
function figureToolbar(chart: HTMLElement, colors: ChartColors, name: string, what: string): HTMLElement {
  const save = (format: SavedFigure['format']): void => {
    void savedFigure(chart, colors, format, name).then((saved) => {
      if (saved) post({ type: 'saveFigure', figure: saved });
    });
  };
  return h('div', { class: 'figure-toolbar' }, h('span', { class: 'figure-name' }, what), button('Save SVG', () => save('svg')), button('Save PNG', () => save('png')));
}

function exportToolbar(results: StudyResults): HTMLElement {
  const name = studyFileName(results);
  const send = (format: SavedData['format']): void => post({ type: 'saveData', file: { format, name, data: format === 'csv' ? studyCsv(results) : studyJson(results) } });
  const unit = results.study.kind === 'orbit' ? 'state' : 'cell';
  return h('div', { class: 'figure-toolbar export' },
    button('Export CSV', () => send('csv')), button('Export JSON', () => send('json')),
    h('span', { class: 'note' }, `one row per instance (each ${unit}${results.study.kind === 'orbit' ? ' and radius' : ''}), exact values`));
}

/** A radius cell: the result's words, and the status when it is not proved. */
function radiusCell(r: StudyRadius | undefined): HTMLElement {
  if (!r) return h('td', { class: 'muted' }, '—');
  const text = r.status === 'certified' ? r.text : `${r.status}: ${r.text}`;
  return h('td', { class: `radius status-${r.status}`, title: `${r.status}, ${fmtSeconds(r.seconds)}` }, text);
}

const headRow = (...labels: string[]): HTMLElement => h('thead', {}, h('tr', {}, ...labels.map((l) => h('th', { scope: 'col' }, l))));
const scroller = (table: HTMLElement): HTMLElement => h('div', { class: 'table-scroll study-table' }, table);

function orbitTable(plot: OrbitStudyPlot): HTMLElement {
  const rows = plot.states.map((s) => h('tr', {},
    h('td', {}, String(s.k)), h('td', {}, fmtPoint(s.x, 6)),
    ...(plot.queries.includes('bl') ? [radiusCell(s.bl)] : []), ...(plot.queries.includes('pi') ? [radiusCell(s.pi)] : []),
    h('td', {}, s.nearFold ? 'near the fold' : '')));
  const heads = ['k', 'x_k', ...(plot.queries.includes('bl') ? ['r_BL'] : []), ...(plot.queries.includes('pi') ? ['R_PI'] : []), 'fold'];
  return scroller(h('table', { class: 'facts study' }, headRow(...heads), h('tbody', {}, ...rows),
    h('caption', {}, `L∞ radii; a state is near the fold when r_BL < ${fmt(plot.foldTolerance)} or det DF changes sign within it (a mark, not a certificate)`)));
}

function mapTable(plot: MapStudyPlot): HTMLElement {
  const rows = plot.cells.map((c) => h('tr', {},
    h('td', {}, `(${c.i}, ${c.j})`), h('td', {}, fmtPoint(c.centre, 6)), radiusCell(c.bl), h('td', {}, c.bl.status), h('td', {}, fmtSeconds(c.bl.seconds))));
  return scroller(h('table', { class: 'facts study' }, headRow('cell (i, j)', 'centre', 'r_BL', 'status', 'time'), h('tbody', {}, ...rows),
    h('caption', {}, `${plot.cells.length} of ${plot.grid[0] * plot.grid[1]} cells; L∞ radii`)));
}

export function renderStudy(study: Study, colors: ChartColors, view: StudyView): { node: HTMLElement; kind: 'orbit' | 'map' } {
  const { results, plot } = study;
  const name = studyFileName(results);
  const progress = results.running ? h('p', { class: 'note' }, `${results.instances.length} of ${results.total} instances answered; the plots fill in as the rest arrive.`) : undefined;
  if (plot.kind === 'orbit') {
    const plane = renderOrbitPlane(plot, colors, view);
    const radii = renderRadiusAgainstK(plot, colors, view.width);
    return {
      kind: 'orbit',
      node: h('div', { class: 'study' }, progress, exportToolbar(results),
        h('div', { class: 'figure' }, figureToolbar(plane, colors, `${name}-plane`, 'Orbit on the phase plane'), plane),
        h('div', { class: 'figure' }, figureToolbar(radii, colors, `${name}-radii`, 'Radius against k'), radii),
        orbitTable(plot)),
    };
  }
  const map = renderRadiusMap(plot, colors, view);
  return {
    kind: 'map',
    node: h('div', { class: 'study' }, progress, exportToolbar(results),
      h('div', { class: 'figure' }, figureToolbar(map, colors, name, 'r_BL over the grid'), map),
      mapTable(plot)),
  };
}
