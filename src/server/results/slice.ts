// The 2-D slice the panel draws for a map with 3 or more free inputs: the plane through the centre along two free
// inputs the user picks, the other free inputs held at the centre's values (the det field on it is
// sliceDetField in src/engine/analysis/detField.ts).
import { InvalidArgument } from '../../engine/errors';

/**
 * The slice's two axes (0-based among the free inputs), checked against the map: out-of-range or equal axes are
 * refused with a typed error naming them. Default: the first two free inputs.
 */
export function sliceAxes(freeCount: number, axes: readonly [number, number] = [0, 1]): readonly [number, number] {
  if (freeCount < 3) throw new InvalidArgument(`a slice needs 3 or more free inputs, the map has ${freeCount}`);
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= freeCount) {
      throw new InvalidArgument(`slice axis ${axis} is out of range: the map has ${freeCount} free inputs (0 to ${freeCount - 1})`);
    }
  }
  if (axes[0] === axes[1]) throw new InvalidArgument(`the slice's two axes must differ, got ${axes[0]} twice`);
  return [axes[0], axes[1]];
}
