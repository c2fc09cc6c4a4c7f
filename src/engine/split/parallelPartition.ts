// How several workers share one split search: each recomputes the same cells and pair screen, then processes
// only the initial pairs it claims (by index in screen order). Serial search claims 0, 1, 2, ... itself.
import { PARALLEL_NEXT_PAIR, PARALLEL_STOP } from './parallelProtocol';

export interface PairPartition {
  /** Called once after the screen with the number of surviving initial pairs. */
  begin(total: number): void;
  /** Index of the next initial pair to process, or -1 when none are left for this worker. */
  claim(): number;
  /** True once the search as a whole is settled elsewhere (a collision in another worker, or a cancel). */
  stopped(): boolean;
}

/** Dynamic assignment: one shared counter, whichever worker is free takes the next pair. */
export function sharedQueuePartition(shared: Int32Array, onBegin?: (total: number) => void): PairPartition {
  let total = 0;
  return {
    begin(n) { total = n; onBegin?.(n); },
    claim() {
      const k = Atomics.add(shared, PARALLEL_NEXT_PAIR, 1);
      return k < total ? k : -1;
    },
    stopped: () => Atomics.load(shared, PARALLEL_STOP) !== 0,
  };
}

/** Static assignment: worker `k` of `n` takes the pairs with index ≡ k (mod n). */
export function stridedPartition(shared: Int32Array, k: number, n: number, onBegin?: (total: number) => void): PairPartition {
  let total = 0;
  let next = k;
  return {
    begin(count) { total = count; onBegin?.(count); },
    claim() {
      if (next >= total) return -1;
      const i = next;
      next += n;
      // Progress for the main thread: the highest index any worker has reached.
      if (Atomics.load(shared, PARALLEL_NEXT_PAIR) < i + 1) Atomics.store(shared, PARALLEL_NEXT_PAIR, i + 1);
      return i;
    },
    stopped: () => Atomics.load(shared, PARALLEL_STOP) !== 0,
  };
}
