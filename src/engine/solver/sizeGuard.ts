// Refuses models that would not fit the 2 GiB WASM heap, before a worker tries (and dies trying).
import { ModelTooLarge } from '../errors';
import { reluCount } from '../ir/network';
import type { Network } from '../ir/network';
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
    throw new ModelTooLarge(
      `MIP has ${p.numCols} columns, ${p.numRows} rows and ${p.aIndex.length} nonzeros; HiGHS would need about ` +
      `${mib(bytes)}, more than the ${mib(WASM_HEAP_BUDGET_BYTES)} the WebAssembly solver can use`,
    );
  }
}

/**
 * Refuses, before any encoding, a query whose MIP could not fit: `copies` network copies (BL 2, PI 1, match the sum
 * over both networks), estimated as one nonzero per weight and, per ReLU, a z and a binary column and three rows.
 * Encoding a model that large would itself take gigabytes of JavaScript heap before the solver's own check ran.
 */
export function assertNetworkMipFits(nets: ReadonlyArray<{ readonly net: Network; readonly copies: number }>): void {
  let nonzeros = 0, colsRows = 0;
  for (const { net, copies } of nets) {
    const relus = reluCount(net);
    nonzeros += copies * (net.layers.reduce((s, l) => s + l.inSize * l.outSize, 0) + 4 * relus);
    colsRows += copies * (net.inputSize + 5 * relus + net.outputSize);
  }
  const bytes = BYTES_PER_NONZERO * nonzeros + BYTES_PER_COLUMN_OR_ROW * colsRows;
  if (bytes > WASM_HEAP_BUDGET_BYTES) {
    throw new ModelTooLarge(
      `the MIP of this query (about ${nonzeros} nonzeros, ${colsRows} columns and rows) would need about ${mib(bytes)} ` +
      `in HiGHS, more than the ${mib(WASM_HEAP_BUDGET_BYTES)} the WebAssembly solver can use: use a smaller model or fix inputs`,
      nets.length > 0 ? { file: nets[0].net.source } : {},
    );
  }
}

function mib(b: number): string {
  return `${Math.round(b / 1024 ** 2)} MiB`;
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
