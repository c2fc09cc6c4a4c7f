// A StateMap with every input free (hand-built networks, matching queries without --fix).
import type { Network, StateMap } from '../ir/network';

export function allFree(net: Network): StateMap {
  return { net, freeIndices: Array.from({ length: net.inputSize }, (_, i) => i), fixed: new Map(), original: net };
}
