// Refuses models that would not fit the 2 GiB WASM heap, before a worker tries (and dies trying).
import { ModelTooLarge } from '../errors';
import type { MipProblem } from './problem';

/** HiGHS keeps several copies of the matrix (row/col-wise, presolve, LP relaxation, cut pool). */
const BYTES_PER_NONZERO = 160;
const BYTES_PER_COLUMN_OR_ROW = 1200;
/** Stay well below the 2 GiB WASM32 limit; the runtime itself and fragmentation need the rest. */
export const WASM_HEAP_BUDGET_BYTES = 1.5 * 1024 ** 3;

export function estimateHighsBytes(p: MipProblem): number {
  return BYTES_PER_NONZERO * p.aIndex.length + BYTES_PER_COLUMN_OR_ROW * (p.numCols + p.numRows);
}

export function assertFitsWasmHeap(p: MipProblem): void {
  const bytes = estimateHighsBytes(p);
  if (bytes > WASM_HEAP_BUDGET_BYTES) {
    const mib = (b: number): string => `${Math.round(b / 1024 ** 2)} MiB`;
    throw new ModelTooLarge(
      `MIP has ${p.numCols} columns, ${p.numRows} rows and ${p.aIndex.length} nonzeros; HiGHS would need about ` +
      `${mib(bytes)}, more than the ${mib(WASM_HEAP_BUDGET_BYTES)} the WebAssembly solver can use`,
    );
  }
}

/** Structural checks that would otherwise surface as an opaque HiGHS validation error. */
export function assertWellFormed(p: MipProblem): void {
  const bad = (what: string): never => { throw new RangeError(`malformed MipProblem: ${what}`); };
  if (p.colCost.length !== p.numCols || p.colLower.length !== p.numCols || p.colUpper.length !== p.numCols) bad('column arrays');
  if (p.rowLower.length !== p.numRows || p.rowUpper.length !== p.numRows) bad('row arrays');
  if (p.aStart.length !== p.numRows + 1 || p.aStart[p.numRows] !== p.aIndex.length) bad('aStart');
  if (p.aIndex.length !== p.aValue.length) bad('aIndex/aValue lengths');
  if (p.integrality && p.integrality.length !== p.numCols) bad('integrality');
}
