// Size limits for models the engine accepts. They keep a hostile or oversized file from allocating
// gigabytes, and keep every model within what a WASM HiGHS heap and a MIP with one binary per ReLU
// can sensibly handle. Checked before allocating, against counts declared in the file.
import { ModelTooLarge } from '../errors';
import type { ErrorLocation } from '../errors';

/** Total weights over all dense layers (mnist_256x4 has ~0.4 M, the ERAN 9×200 ~0.45 M). */
export const MAX_WEIGHTS = 5_000_000;
/** Total ReLUs: each becomes a binary in the MIP; 20 k is far beyond what the solver can decide. */
export const MAX_RELUS = 20_000;
/** Elements of any one tensor (initializer, constant or intermediate value). */
export const MAX_TENSOR_ELEMENTS = 20_000_000;
/** Length of the flattened input vector. */
export const MAX_INPUT_SIZE = 100_000;

export function checkTensorElements(count: number, what: string, location: ErrorLocation): void {
  if (!(count <= MAX_TENSOR_ELEMENTS)) {
    throw new ModelTooLarge(`${what} has ${count} elements (limit ${MAX_TENSOR_ELEMENTS})`, location);
  }
}

/** A dense affine map over an input of `inSize` with `rows` outputs: refuse it before allocating. */
export function checkAffineSize(rows: number, inSize: number, what: string, location: ErrorLocation): void {
  if (!(rows * inSize <= MAX_WEIGHTS)) {
    throw new ModelTooLarge(
      `${what} needs a ${rows}×${inSize} weight matrix (${rows * inSize} weights; limit ${MAX_WEIGHTS} in total)`,
      location,
    );
  }
}
