// Markdown descriptions of a network, for the model hover and the read-only summary document.
import { describeNetwork, summarizeNetwork } from '../../engine/ir/summary';
import type { Network } from '../../engine/ir/network';
import { num } from '../results/format';

export function modelSummaryMarkdown(net: Network, opts: { name?: string; path: string; hash?: string; fixed?: ReadonlyMap<number, number> }): string {
  const s = summarizeNetwork(net);
  const fixed = opts.fixed ?? new Map<number, number>();
  const free = [...Array(net.inputSize).keys()].filter((i) => !fixed.has(i));
  const shape = (dims: readonly number[]): string => `[${dims.join(', ')}]`;
  const out: string[] = [];
  out.push(`### ${opts.name ? `${opts.name} — ` : ''}${opts.path.split(/[\\/]/).pop() ?? opts.path}`, '');
  out.push(`\`${describeNetwork(net)}\``, '');
  out.push('| | |', '|---|---|');
  out.push(`| inputs | ${s.inputs.map((i) => `\`${i.name}\` ${shape(i.shape)}`).join(', ')} (${s.inputSize} values) |`);
  out.push(`| outputs | ${s.outputs.map((o) => `\`${o.name}\` ${shape(o.shape)}`).join(', ')} (${s.outputSize} values) |`);
  out.push(`| layers | ${s.layers.length} affine (${s.layers.map((l) => `${l.width}${l.relu ? ' ReLU' : ''}${l.carried ? ` (+${l.carried} skip)` : ''}`).join(' → ')}) |`);
  out.push(`| ReLUs | ${s.reluCount} |`);
  out.push(`| parameters | ${s.parameterCount} |`);
  if (fixed.size > 0) out.push(`| fixed inputs | ${[...fixed.entries()].sort((a, b) => a[0] - b[0]).map(([i, v]) => `[${i}] = ${num(v, 6)}`).join(', ')} |`);
  out.push(`| free inputs | ${free.length === 0 ? 'none' : free.map((i) => `[${i}]`).join(', ')} → ${free.length === net.outputSize ? 'square map' : `${free.length} → ${net.outputSize}`} |`);
  out.push(`| file | \`${opts.path}\` |`);
  if (opts.hash) out.push(`| SHA-256 | \`${opts.hash.slice(0, 16)}…\` |`);
  return out.join('\n');
}
