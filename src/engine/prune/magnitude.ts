// Magnitude pruning: zero the given percentage of each layer's weights with the smallest |w| (biases kept).
// Only the model's own weights count: a skip connection lowered into the chain (ir/network.ts) adds pass-through
// rows and the columns that read them, which are the skip path, not weights, so they are neither pruned nor counted.
import { InvalidArgument } from '../errors';
import { ownWeightEntries } from '../ir/network';
import type { Network } from '../ir/network';

export function pruneByMagnitude(net: Network, percent: number): Network {
  if (!(percent >= 0 && percent <= 100)) throw new InvalidArgument(`pruning level must be within 0..100, got ${percent}`);
  const layers = net.layers.map((layer, index) => {
    const w = Float64Array.from(layer.weights);
    const entries = ownWeightEntries(layer, net.layers[index - 1]);
    const k = Math.floor((percent / 100) * entries.length);
    if (k > 0) {
      // Stable order: by |w|, then by index, so ties prune deterministically.
      const order = entries.sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]) || a - b);
      for (let i = 0; i < k; i++) w[order[i]] = 0;
    }
    return { ...layer, weights: w };
  });
  return { ...net, layers, source: `${net.source} (pruned ${percent}%)` };
}
