// The box of the neuron-states section: one row per flattened input (0-based index, the model's name for it, lower
// and upper end), a row that sets every input at once (for image-sized inputs), the bound method, and Compute.
// Prefilled from the model (its input count and names), then from the box last asked for on this model.
import type { ViewerBoundMethod, ViewerNetwork } from '../../shared/modelViewer';
import { h } from '../dom';

export interface BoxFormInput {
  readonly net: ViewerNetwork;
  /** The box last computed on this model (kept per workspace by the extension). */
  readonly initialBox?: ReadonlyArray<readonly [number, number]>;
  /** The texts of the fields as the user left them in this editor (webview state). */
  readonly savedTexts?: ReadonlyArray<readonly [string, string]>;
  readonly method: ViewerBoundMethod;
  readonly computing: boolean;
  readonly onCompute: (box: Array<readonly [number, number]>, method: ViewerBoundMethod, texts: Array<[string, string]>) => void;
}

/** A default box where nothing was asked yet: [−1, 1] on every input (the fields say so; the user edits them). */
const DEFAULT_INTERVAL: readonly [string, string] = ['-1', '1'];

function startingTexts(input: BoxFormInput): Array<[string, string]> {
  const n = input.net.inputSize;
  if (input.savedTexts?.length === n) return input.savedTexts.map((t) => [t[0], t[1]]);
  if (input.initialBox?.length === n) return input.initialBox.map((r) => [String(r[0]), String(r[1])]);
  return Array.from({ length: n }, () => [DEFAULT_INTERVAL[0], DEFAULT_INTERVAL[1]]);
}

/** Parses one end; the message names the input (0-based) and its model name. */
function parseEnd(text: string, what: string): number {
  const value = Number(text.trim().replace(/^−/, '-'));
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${what}: '${text}' is not a finite number`);
  return value;
}

export function boxForm(input: BoxFormInput): HTMLElement {
  const { net } = input;
  const texts = startingTexts(input);
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const field = (k: number, end: 0 | 1): HTMLInputElement => {
    const el = h('input', {
      type: 'text', inputmode: 'decimal', spellcheck: 'false', class: 'end', value: texts[k][end],
      'aria-label': `${end === 0 ? 'lower' : 'upper'} end of input ${k} (${net.inputNames[k]})`,
      'data-input': k, 'data-end': end === 0 ? 'lo' : 'hi',
    });
    el.addEventListener('input', () => { texts[k][end] = el.value; });
    return el;
  };
  const fields = texts.map((_, k) => [field(k, 0), field(k, 1)] as const);
  const rows = fields.map(([lo, hi], k) => h('tr', {},
    h('td', { class: 'num' }, String(k)), h('td', { class: 'mono' }, net.inputNames[k]), h('td', {}, lo), h('td', {}, hi)));

  const allLo = h('input', { type: 'text', inputmode: 'decimal', class: 'end', 'aria-label': 'lower end for every input', placeholder: 'lo' });
  const allHi = h('input', { type: 'text', inputmode: 'decimal', class: 'end', 'aria-label': 'upper end for every input', placeholder: 'hi' });
  const setAll = h('button', { type: 'button', class: 'secondary', onclick: () => {
    for (const [k, [lo, hi]] of fields.entries()) {
      if (allLo.value.trim() !== '') { lo.value = allLo.value; texts[k][0] = allLo.value; }
      if (allHi.value.trim() !== '') { hi.value = allHi.value; texts[k][1] = allHi.value; }
    }
  } }, 'Set every input');

  const method = h('select', { class: 'method', 'aria-label': 'bound method' },
    h('option', { value: 'crown', selected: input.method === 'crown' }, 'CROWN (tighter)'),
    h('option', { value: 'interval', selected: input.method === 'interval' }, 'interval arithmetic'));
  const compute = h('button', { type: 'button', class: 'primary', disabled: input.computing }, input.computing ? 'Computing…' : 'Compute neuron states');
  compute.addEventListener('click', () => {
    try {
      const box = texts.map(([lo, hi], k) => {
        const what = `input ${k} (${net.inputNames[k]})`;
        const r = [parseEnd(lo, `${what}, lower end`), parseEnd(hi, `${what}, upper end`)] as const;
        if (r[0] > r[1]) throw new Error(`${what}: the lower end ${lo} is above the upper end ${hi}`);
        return r;
      });
      error.hidden = true;
      input.onCompute(box, method.value as ViewerBoundMethod, texts.map((t) => [t[0], t[1]]));
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.hidden = false;
    }
  });

  return h('div', { class: 'box-form' },
    h('div', { class: 'box-scroll' },
      h('table', { class: 'box' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'input'), h('th', {}, 'name'), h('th', {}, 'lower'), h('th', {}, 'upper'))),
        h('tbody', {}, ...rows))),
    net.inputSize > 4 ? h('div', { class: 'row' }, h('span', {}, 'every input:'), allLo, allHi, setAll) : null,
    h('div', { class: 'row' }, h('label', {}, 'bounds ', method), compute),
    error);
}
