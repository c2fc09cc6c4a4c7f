// Bounds: one entry point, computeBounds(net, box, { method: 'interval' | 'crown' | 'lp', reference? }), the pure
// helpers that read bounds, and the bounds of a difference f₁ − f₂ of two networks (differenceBounds, built on CROWN).
// The methods' own functions stay behind computeBounds (.dependency-cruiser.cjs).
export { computeBounds, BOUND_METHODS, BOUND_METHOD_SUMMARIES } from './computeBounds';
export type { BoundMethod, BoundsOptions, DirectBoundsOptions } from './computeBounds';
export { activated, neuronStatus, neuronTotals, outputBox, SLACK_REL } from './interval';
export { lowerBoundAlong } from './objective';
export type { BoundsProgress, ColumnBounder, LayerTightening } from './lp';
export type { Box, LayerBounds, NetworkBounds, NeuronStatusCounts } from './types';
export { differenceBounds } from './difference';
export type { DifferenceBounds, DifferenceOptions } from './difference';
