// Big-M bounds provider: LP-based tightening (CROWN ∩ interval, then OBBT on unstable neurons) via the solver pool.
import { tightenBounds } from '../bounds';
import type { ColumnBounder } from '../bounds';
import type { BoundsProvider } from './context';

export function defaultBoundsProvider(pool: ColumnBounder): BoundsProvider {
  return (net, box, mode, signal) => tightenBounds(net, box, mode, { pool, ...(signal ? { signal } : {}) });
}
