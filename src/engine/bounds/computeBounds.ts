// The one entry point to bounds: every caller (the split cells, the MILP path's big-M, OBBT's consumers, `inspect`)
// names a method and gets pre-activation bounds of every layer over a box, as α,β-CROWN's
// compute_bounds(..., method=...) does for every domain of its input-split branch and bound. The methods' own
// functions (interval.ts, crown.ts, lp.ts) are implementations behind it (.dependency-cruiser.cjs keeps them there).
import { InvalidArgument, InvalidDomain, throwIfAborted } from '../errors';
import type { Network } from '../ir/network';
import { crownBounds } from './crown';
import { intervalBounds } from './interval';
import type { LpOptions } from './lp';
import { lpBounds } from './lp';
import type { Box, NetworkBounds } from './types';

/** How to bound. Each method is at least as tight as the one before it (in BOUND_METHODS' order). */
export type BoundMethod = 'interval' | 'crown' | 'lp';

/** What each method does, in one line: the help texts (`invcert inspect --tighten`) list them from here. */
export const BOUND_METHOD_SUMMARIES: Readonly<Record<BoundMethod, string>> = {
  interval: 'interval arithmetic (the paper\'s bounds)',
  crown: 'CROWN: linear bounds back-substituted to the input, ∩ interval',
  lp: 'CROWN, then LP-based tightening (OBBT) of the unstable neurons with HiGHS',
};

export const BOUND_METHODS = Object.keys(BOUND_METHOD_SUMMARIES) as readonly BoundMethod[];

export interface BoundsOptions extends LpOptions {
  readonly method: BoundMethod;
  /**
   * Valid bounds known from elsewhere (a parent cell's, an earlier pass's), one per layer: the result lies inside
   * them layer by layer, and CROWN and OBBT start their relaxations from the intersection.
   */
  readonly reference?: NetworkBounds;
}

/** 'interval' and 'crown' need no solver and return at once (the split search calls them per cell). */
export type DirectBoundsOptions = BoundsOptions & { readonly method: 'interval' | 'crown' };

/**
 * Pre-activation bounds of every layer of `net` for inputs in `box`, by `opts.method`, each widened by the one slack
 * policy (SLACK_REL in interval.ts; 'lp' adds its solver tolerance). Throws InvalidDomain for a box that does not
 * fit the network, InvalidArgument for a reference that does not, Cancelled when `opts.signal` is aborted.
 */
export function computeBounds(net: Network, box: Box, opts: DirectBoundsOptions): NetworkBounds;
export function computeBounds(net: Network, box: Box, opts: BoundsOptions & { readonly method: 'lp' }): Promise<NetworkBounds>;
export function computeBounds(net: Network, box: Box, opts: BoundsOptions): NetworkBounds | Promise<NetworkBounds>;
export function computeBounds(net: Network, box: Box, opts: BoundsOptions): NetworkBounds | Promise<NetworkBounds> {
  if (opts.method === 'lp') return checkedLpBounds(net, box, opts);
  checkInputs(net, box, opts);
  switch (opts.method) {
    case 'interval': return intervalBounds(net, box, opts.reference);
    case 'crown': return crownBounds(net, box, opts.reference);
  }
}

/** 'lp' is asynchronous: a bad box or reference rejects its promise, like every other failure of its LPs. */
async function checkedLpBounds(net: Network, box: Box, opts: BoundsOptions): Promise<NetworkBounds> {
  checkInputs(net, box, opts);
  return lpBounds(net, box, opts, opts.reference);
}

function checkInputs(net: Network, box: Box, opts: BoundsOptions): void {
  checkBox(net, box);
  if (opts.reference) checkReference(net, opts.reference);
  throwIfAborted(opts.signal);
}

function checkBox(net: Network, box: Box): void {
  if (box.lower.length !== net.inputSize || box.upper.length !== net.inputSize) {
    throw new InvalidDomain(`the box has ${box.lower.length} dimensions but the network has ${net.inputSize} (free) inputs`);
  }
  for (let j = 0; j < net.inputSize; j++) {
    if (!(box.lower[j] <= box.upper[j]) || !Number.isFinite(box.lower[j]) || !Number.isFinite(box.upper[j])) {
      throw new InvalidDomain(`input ${j}: bounds [${box.lower[j]}, ${box.upper[j]}] are not a finite interval with lower ≤ upper`);
    }
  }
}

function checkReference(net: Network, reference: NetworkBounds): void {
  if (reference.length !== net.layers.length) {
    throw new InvalidArgument(`reference bounds have ${reference.length} layers but the network has ${net.layers.length}`);
  }
  net.layers.forEach((layer, k) => {
    const r = reference[k];
    if (r.lower.length !== layer.outSize || r.upper.length !== layer.outSize) {
      throw new InvalidArgument(`reference bounds of layer ${k} have ${r.lower.length}/${r.upper.length} neurons but the layer has ${layer.outSize}`);
    }
  });
}
