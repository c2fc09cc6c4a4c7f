// The model viewer's tables: inputs and outputs, layers (with the neuron states once a box was computed), operators,
// the reader's refusal, and the one-line summary of the neuron states.
import type { ModelRefusal, NeuronStatesData, ViewerNetwork, ViewerOperator } from '../../shared/modelViewer';
import { h } from '../dom';

/** Counts as the rest of the extension writes them ("4546 parameters"): plain digits. */
const count = (n: number): string => String(n);
const shape = (dims: readonly number[]): string => `[${dims.join(', ')}]`;
const num = (cells: Array<string | number>): HTMLTableCellElement[] => cells.map((c) => h('td', { class: 'num' }, typeof c === 'number' ? count(c) : c));

export function interfaceTable(net: ViewerNetwork): HTMLElement {
  let first = 0;
  const inputRows = net.inputs.map((t) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const range = size === 1 ? `${first}` : `${first}–${first + size - 1}`;
    first += size;
    return h('tr', {}, h('td', {}, 'input'), h('td', { class: 'mono' }, t.name), h('td', { class: 'mono nowrap' }, shape(t.shape)), ...num([size]), h('td', { class: 'num' }, range));
  });
  const outputRows = net.outputs.map((t) => h('tr', {}, h('td', {}, 'output'), h('td', { class: 'mono' }, t.name), h('td', { class: 'mono nowrap' }, shape(t.shape)), ...num([t.shape.reduce((a, b) => a * b, 1)]), h('td', {})));
  return h('table', { class: 'interface' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'name'), h('th', {}, 'shape'), h('th', { class: 'num' }, 'values'), h('th', { class: 'num', title: '0-based indices of the flattened inputs' }, 'indices'))),
    h('tbody', {}, ...inputRows, ...outputRows));
}

/** One row per affine layer; with neuron states, three more columns and a bar of on / off / unstable. */
export function layerTable(net: ViewerNetwork, states?: NeuronStatesData): HTMLElement {
  const byLayer = new Map(states?.layers.map((l) => [l.layer, l]));
  const head = ['layer', 'width', 'activation', 'ReLUs', 'skip', 'parameters'];
  if (states) head.push('stable on', 'stable off', 'unstable', '');
  const rows = net.layers.map((l, k) => {
    const s = byLayer.get(l.index);
    const last = k === net.layers.length - 1;
    const cells: HTMLElement[] = [
      h('td', { class: 'num' }, String(l.index)),
      ...num([l.width]),
      h('td', {}, l.relu ? 'ReLU' : last ? 'none (output)' : 'none'),
      ...num([l.reluCount]),
      h('td', { class: 'nowrap', title: l.carried ? 'values carried across this layer for a skip connection (x + g(x)), as the importer lowered it' : '' }, l.carried ? `carries ${count(l.carried)}` : '—'),
      ...num([l.parameters]),
    ];
    if (states) cells.push(...(s ? [...num([s.active, s.inactive, s.unstable]), h('td', { class: 'bar-cell' }, stateBar(s))] : [h('td', {}), h('td', {}), h('td', {}), h('td', {})]));
    return h('tr', {}, ...cells);
  });
  const totals: HTMLElement[] = [h('td', {}, 'total'), h('td', {}), h('td', {}), ...num([net.reluCount]), h('td', {}), ...num([net.parameterCount])];
  if (states) totals.push(...num([states.totals.active, states.totals.inactive, states.totals.unstable]), h('td', {}));
  return h('table', { class: 'layers' },
    h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { class: i === 2 || i === 4 ? '' : 'num' }, t)))),
    h('tbody', {}, ...rows),
    h('tfoot', {}, h('tr', {}, ...totals)));
}

function stateBar(s: { active: number; inactive: number; unstable: number }): HTMLElement {
  const total = s.active + s.inactive + s.unstable || 1;
  const part = (cls: string, n: number, what: string): HTMLElement | null => {
    if (n === 0) return null;
    const seg = h('span', { class: `seg ${cls}`, title: `${n} ${what}` });
    // Through the CSSOM, which the CSP's style-src does not govern (a style attribute would be blocked).
    seg.style.flexGrow = String(n / total);
    return seg;
  };
  return h('div', { class: 'bar', role: 'img', 'aria-label': `${s.active} stable on, ${s.inactive} stable off, ${s.unstable} unstable` },
    part('on', s.active, 'stable on'), part('off', s.inactive, 'stable off'), part('unstable', s.unstable, 'unstable'));
}

export function statesSummary(s: NeuronStatesData): HTMLElement {
  const total = s.totals.active + s.totals.inactive + s.totals.unstable;
  const method = s.method === 'crown' ? 'CROWN bounds' : 'interval bounds';
  return h('p', { class: 'states-summary' },
    h('span', { class: 'legend on' }, `${count(s.totals.active)} stable on`), ' · ',
    h('span', { class: 'legend off' }, `${count(s.totals.inactive)} stable off`), ' · ',
    h('span', { class: 'legend unstable' }, `${count(s.totals.unstable)} unstable`),
    ` of ${count(total)} ReLUs (${method}, ${s.millis < 1 ? '< 1' : Math.round(s.millis)} ms). The layer table shows them per layer.`);
}

export function operatorTable(ops: readonly ViewerOperator[], refusal?: ModelRefusal): HTMLElement {
  return h('table', { class: 'operators' },
    h('thead', {}, h('tr', {}, h('th', {}, 'operator'), h('th', { class: 'num' }, 'nodes'), h('th', {}, 'supported'), h('th', {}, 'first node'))),
    h('tbody', {}, ...ops.map((o) => h('tr', { class: o.supported ? '' : 'unsupported' },
      h('td', { class: 'mono' }, o.opType),
      ...num([o.count]),
      h('td', {}, o.supported ? '✓ yes' : '✗ no'),
      h('td', { class: 'mono' }, o.firstNode ?? '', refusal?.opType === o.opType && refusal.nodeName && refusal.nodeName !== o.firstNode ? ` (refused at ${refusal.nodeName})` : '')))));
}

export function refusalBlock(r: ModelRefusal): HTMLElement {
  const where = r.nodeName !== undefined || r.opType !== undefined
    ? `node '${r.nodeName ?? ''}' (${r.opType ?? '?'}, #${r.nodeIndex ?? '?'})`
    : undefined;
  return h('div', { class: 'refusal', role: 'alert' },
    h('h2', {}, 'The ONNX reader refused this model'),
    h('dl', {},
      h('dt', {}, 'error'), h('dd', { class: 'mono' }, r.code),
      where ? h('dt', {}, 'at') : null, where ? h('dd', { class: 'mono' }, where) : null,
      h('dt', {}, 'why'), h('dd', {}, r.message)),
    h('p', { class: 'hint' }, 'A certifiable model is a feed-forward ReLU network; the operators below show what the reader supports. Open With… → Text Editor shows the file\'s bytes.'));
}
