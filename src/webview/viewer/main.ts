/// <reference types="vscode-webview" />
// The model viewer's page (browser IIFE, dist/viewer.js): the model's interface, layer table and operators, its
// refusal when the reader refuses it, and the neuron states over a box the user enters. It talks to the extension
// only through the typed messages of src/shared/modelViewer.ts; every text goes in as a text node (dom.ts).
import type { FromViewer, ModelViewData, NeuronStatesData, ToViewer, ViewerAction, ViewerBoundMethod, ViewerInitialState } from '../../shared/modelViewer';
import { clear, h } from '../dom';
import { boxForm } from './boxForm';
import { layerTable, operatorTable, interfaceTable, refusalBlock, statesSummary } from './sections';

const vscodeApi = acquireVsCodeApi<{ box?: Array<[string, string]>; method?: ViewerBoundMethod }>();
const post = (message: FromViewer): void => vscodeApi.postMessage(message);

const root = document.getElementById('viewer') as HTMLElement;
const initial = JSON.parse(root.dataset.state ?? '{}') as Partial<ViewerInitialState>;

let view: ModelViewData | undefined;
let states: NeuronStatesData | undefined;
let statesError: string | undefined;
let computing = false;

const ACTIONS: ReadonlyArray<readonly [ViewerAction, string, string]> = [
  ['certify', 'Certify…', 'Is the network injective on a box? Asks for the box and writes a query.'],
  ['compare', 'Compare with…', 'How far apart are this network and another one on a box?'],
  ['prune', 'Pruning Sweep…', 'Prune the weights at several levels and certify each copy.'],
  ['openQueries', 'Open Queries', 'Open the .invq files that use this model.'],
];

/** A refused model cannot be certified, compared or pruned: those buttons are disabled and say why. */
function toolbar(refused: boolean): HTMLElement {
  return h('div', { class: 'toolbar', role: 'toolbar' }, ...ACTIONS.map(([action, label, title], i) => {
    const off = refused && action !== 'openQueries';
    return h('button', {
      class: i === 0 ? 'primary' : 'secondary', type: 'button', 'data-action': action, disabled: off,
      title: off ? 'The ONNX reader refused this model (see below).' : title, onclick: () => post({ type: 'action', action }),
    }, label);
  }));
}

function header(v: ModelViewData): HTMLElement {
  const facts: string[] = [`${formatBytes(v.bytes)}`];
  if (v.producer) facts.push(`producer ${v.producer}`);
  if (v.opset) facts.push(`opset ${v.opset}`);
  if (v.hash) facts.push(`SHA-256 ${v.hash.slice(0, 12)}…`);
  return h('header', {},
    h('h1', {}, v.fileName),
    v.network ? h('p', { class: 'description' }, v.network.description) : null,
    h('p', { class: 'facts' }, facts.join(' · ')),
    v.doc ? h('p', { class: 'doc' }, v.doc) : null,
    toolbar(v.refusal !== undefined));
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

function section(title: string, ...children: Array<Node | null>): HTMLElement {
  return h('section', {}, h('h2', {}, title), ...children);
}

function onCompute(box: Array<readonly [number, number]>, method: ViewerBoundMethod, texts: Array<[string, string]>): void {
  vscodeApi.setState({ box: texts, method });
  computing = true;
  statesError = undefined;
  render();
  post({ type: 'computeStates', box, method });
}

function render(): void {
  clear(root);
  if (!view) return;
  root.append(header(view));
  if (view.refusal) {
    root.append(refusalBlock(view.refusal));
    if (view.operators.length > 0) root.append(section('Operators', operatorTable(view.operators, view.refusal)));
    post({ type: 'rendered', what: 'refused', text: root.innerText });
    return;
  }
  const net = view.network;
  if (!net) return;
  const saved = vscodeApi.getState();
  root.append(
    section('Inputs and outputs', interfaceTable(net)),
    section('Layers', layerTable(net, states)),
    section('Neuron states over a box',
      h('p', { class: 'hint' }, 'Which ReLUs are stable over the box (on: the identity, off: zero) and which may switch, from the engine\'s bounds on every pre-activation. An interval lo = hi holds that input fixed.'),
      boxForm({ net, initialBox: initial.box, savedTexts: saved?.box, method: saved?.method ?? initial.method ?? 'crown', computing, onCompute }),
      statesError ? h('p', { class: 'error', role: 'alert' }, statesError) : null,
      states ? statesSummary(states) : null),
    section('Operators', operatorTable(view.operators)),
  );
  post({ type: 'rendered', what: states ? 'states' : 'model', text: root.innerText });
}

window.addEventListener('message', (event: MessageEvent<ToViewer>) => {
  const message = event.data;
  switch (message.type) {
    case 'model':
      view = message.view;
      states = undefined;
      render();
      return;
    case 'modelError':
      clear(root);
      root.append(h('div', { class: 'refusal', role: 'alert' }, h('h2', {}, 'The model could not be read'), h('p', {}, message.message)));
      post({ type: 'rendered', what: 'error', text: root.innerText });
      return;
    case 'states':
      computing = false;
      states = message.states;
      render();
      return;
    case 'statesError':
      computing = false;
      statesError = message.message;
      render();
      return;
  }
});

post({ type: 'ready' });
