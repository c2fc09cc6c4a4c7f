// Bounds: interval arithmetic, CROWN-style symbolic bounds, LP-based tightening (OBBT).
export { intervalBounds, affineInterval, activated, neuronStatus, SLACK_REL } from './interval';
export { crownBounds, outputBox } from './crown';
export { tightenBounds, buildLayerLp, LP_BOUND_SLACK } from './lp';
export type { ColumnBounder, LayerTightening, TightenOptions, TightenProgress } from './lp';
export type { Box, LayerBounds, NetworkBounds, NeuronStatusCounts, Tightening } from './types';
