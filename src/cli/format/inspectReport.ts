// The `invcert inspect` report: its JSON shape and the readable table printed without --json.
import type { BoundMethod, LayerTightening, NeuronStatusCounts } from '../../engine/bounds';
import type { TensorInfo } from '../../engine/ir/network';

export interface InspectLayer {
  /** 1-based, in network order. */
  readonly index: number;
  readonly width: number;
  readonly relu: boolean;
  /** Values carried across the layer for a skip connection, when there are any (not counted in `width`). */
  readonly carried?: number;
  /** Present with a box, for ReLU layers. */
  readonly neurons?: NeuronStatusCounts;
}

export interface InspectReport {
  readonly model: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Flattened input length of the model as stored. */
  readonly inputSize: number;
  /** Inputs left free after --fix. */
  readonly freeInputs: number;
  readonly freeIndices: readonly number[];
  readonly fixed: Readonly<Record<string, number>>;
  layers: readonly InspectLayer[];
  readonly reluCount: number;
  readonly parameterCount: number;
  box?: ReadonlyArray<readonly [number, number]>;
  /** The bound method (--tighten). */
  tighten?: BoundMethod;
  neurons?: NeuronStatusCounts & { readonly perLayer: ReadonlyArray<NeuronStatusCounts & { readonly layer: number }> };
  /** Time spent bounding the neurons over the box. */
  seconds?: number;
  /** --tighten lp: what OBBT did to each layer after the first (1-based `layer`, as in `layers`). */
  lpLayers?: readonly LayerTightening[];
  /** --tighten lp with --budget: true when the budget ended the tightening (later layers have CROWN bounds only). */
  budgetSpent?: boolean;
}

export function formatInspectReport(r: InspectReport): string {
  const shape = (t: TensorInfo): string => `${t.name} [${t.shape.join('×')}]`;
  const lines: string[] = [`model    ${r.model}`];
  lines.push(`inputs   ${r.inputs.map(shape).join(', ')}  (${r.inputSize} values)`);
  const fixed = Object.entries(r.fixed);
  if (fixed.length > 0) {
    lines.push(`fixed    ${fixed.map(([i, v]) => `${i}=${v}`).join(', ')}; free inputs: ${r.freeInputs} (indices ${r.freeIndices.join(', ')})`);
  }
  lines.push(`outputs  ${r.outputs.map(shape).join(', ')}`);
  lines.push(`ReLUs    ${r.reluCount}; parameters ${r.parameterCount}`);
  lines.push('');
  const withStatus = r.neurons !== undefined;
  lines.push(withStatus ? 'layer  width  relu    active  inactive  unstable' : 'layer  width  relu');
  for (const l of r.layers) {
    let row = `${String(l.index).padStart(5)}  ${String(l.width).padStart(5)}  ${(l.relu ? 'yes' : 'no').padEnd(4)}`;
    if (withStatus && l.neurons) {
      row += `  ${String(l.neurons.active).padStart(8)}  ${String(l.neurons.inactive).padStart(8)}  ${String(l.neurons.unstable).padStart(8)}`;
    }
    if (l.carried) row += `  (skip carries ${l.carried})`;
    lines.push(row.trimEnd());
  }
  if (r.neurons && r.box) {
    const intervals = r.box.map(([lo, hi]) => `[${lo}, ${hi}]`);
    // A 784-input box is one interval repeated: say so instead of printing it 784 times.
    const box = intervals.every((t) => t === intervals[0]) && intervals.length > 1 ? `${intervals[0]}^${intervals.length}` : intervals.join(' × ');
    lines.push('');
    lines.push(`bounds   ${r.tighten ?? 'interval'} over ${box}: ${r.neurons.active} active, ${r.neurons.inactive} inactive, ` +
      `${r.neurons.unstable} unstable (${(r.seconds ?? 0).toFixed(3)} s)`);
  }
  if (r.lpLayers) lines.push(...lpLayerLines(r.lpLayers));
  return lines.join('\n');
}

/** Which layers LP tightening reached: never a layer called LP-tight that kept its CROWN bounds. */
function lpLayerLines(layers: readonly LayerTightening[]): string[] {
  const list = (ls: readonly LayerTightening[]): string => ls.map((l) => String(l.layer)).join(', ');
  const tightened = layers.filter((l) => l.outcome === 'tightened');
  const exact = layers.filter((l) => l.outcome === 'exact' || l.outcome === 'stable');
  const stopped = layers.filter((l) => l.outcome === 'stopped');
  const out: string[] = [];
  if (tightened.length > 0) {
    const partial = tightened.filter((l) => l.tightened < l.targets);
    out.push(`LP       layers ${list(tightened)} tightened by LP` +
      (partial.length > 0 ? ` (${partial.map((l) => `layer ${l.layer}: ${l.tightened} of ${l.targets} neurons to a proven optimum`).join('; ')})` : ''));
  }
  if (exact.length > 0) out.push(`         layers ${list(exact)} needed no LP (bounds already exact or no unstable neuron)`);
  if (stopped.length > 0) out.push(`budget   spent: layers ${list(stopped)} kept their CROWN/interval bounds (not LP-tightened)`);
  return out;
}
