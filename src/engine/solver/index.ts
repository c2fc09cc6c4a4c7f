// The solver host's public surface.
export { SolverPool, defaultPoolSize } from './pool';
export type { SolverPoolOptions, BoundColumnsRequest } from './pool';
export type { ColumnBounds } from './protocol';
export type { MipProblem, SolveOptions, SolveResult, SolveStatus, MipProgress } from './problem';
export { estimateHighsBytes, WASM_HEAP_BUDGET_BYTES } from './sizeGuard';
