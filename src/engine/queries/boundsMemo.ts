// Big-M bounds computed once per (network, box, method) when one query asks for them again and again: a pruning
// sweep bounds the original network on the same box at every level (each level's match encodes it beside the
// pruned copy), so the original's bounds (LP/OBBT, the costly part) are computed for the first level only.
import type { BoundMethod, Box, NetworkBounds } from '../bounds';
import type { Network } from '../ir/network';

export class BoundsMemo {
  private readonly memo = new WeakMap<Network, Map<string, Promise<NetworkBounds>>>();

  /** The bounds of `net` on `box` by `method`, computed by `compute` the first time only (a failed attempt is not kept). */
  get(net: Network, box: Box, method: BoundMethod, compute: () => Promise<NetworkBounds>): Promise<NetworkBounds> {
    let byBox = this.memo.get(net);
    if (!byBox) this.memo.set(net, byBox = new Map<string, Promise<NetworkBounds>>());
    const key = `${method}|${Array.from(box.lower).join(',')}|${Array.from(box.upper).join(',')}`;
    const known = byBox.get(key);
    if (known) return known;
    const computed = compute();
    byBox.set(key, computed);
    computed.catch(() => byBox.delete(key));
    return computed;
  }
}
