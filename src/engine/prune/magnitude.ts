// Magnitude pruning: zero the given percentage of each layer's weights with the smallest |w| (biases kept).
import { InvalidArgument } from '../errors';
import type { Network } from '../ir/network';

export function pruneByMagnitude(net: Network, percent: number): Network {
  if (!(percent >= 0 && percent <= 100)) throw new InvalidArgument(`pruning level must be within 0..100, got ${percent}`);
  const layers = net.layers.map((layer) => {
    const w = Float64Array.from(layer.weights);
    const k = Math.floor((percent / 100) * w.length);
    if (k > 0) {
      // Stable order: by |w|, then by index, so ties prune deterministically.
      const order = Array.from(w.keys()).sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]) || a - b);
      for (let i = 0; i < k; i++) w[order[i]] = 0;
    }
    return { ...layer, weights: w };
  });
  return { ...net, layers, source: `${net.source} (pruned ${percent}%)` };
}
