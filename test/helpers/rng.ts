// A small seeded PRNG (mulberry32) so random tests are reproducible: the engine's own.
export { seededRandom } from '../../src/engine/seededRandom';

export function uniform(rand: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * rand();
}
