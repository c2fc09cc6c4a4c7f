// A RestrictedNetwork with every input free (hand-built networks, matching queries without --fix).
import type { Network, RestrictedNetwork } from '../ir/network';

export function allFree(net: Network): RestrictedNetwork {
  return { net, freeIndices: Array.from({ length: net.inputSize }, (_, i) => i), fixed: new Map(), original: net };
}
