// Plot data for the panel, computed from a stored result and the query's model: the fold curve J₀ and orbit for
// 2 free inputs, the slice through the centre for 3 or more, the sampled graph for 1, the level table for prune.
import { planeDetField, sliceDetField } from '../../engine/analysis/detField';
import { traceFoldCurveAsync } from '../../engine/analysis/foldCurve';
import { orbit, sampleGraph } from '../../engine/analysis/orbit';
import { fixInputs } from '../../engine/ir/fixInputs';
import type { Network } from '../../engine/ir/network';
import type { GraphPlot, PlanePlot, PlotData, Point2, PrunePlot } from '../../shared/plotData';
import type { ResultRecord } from '../../shared/protocol';
import { discrepancyWords, radiusWords, rowNumber } from '../../engine/prune/rowWords';
import type { QuerySpec } from '../../shared/querySpec';
import type { PruneRow } from '../../shared/results';
import { sliceAxes } from './slice';

export interface PlotOptions {
  readonly resolution?: number;
  readonly orbitSteps?: number;
  /** 3 or more free inputs: the two the slice runs along (0-based among the free inputs; default [0, 1]). */
  readonly sliceAxes?: readonly [number, number];
  readonly signal?: AbortSignal;
}

/** Names of the free inputs, e.g. ["x[0]", "x[1]"] (the input tensor name and flat index). */
export function freeLabels(net: Network, fixed: ReadonlyArray<readonly [number, number]>): string[] {
  const fixedSet = new Set(fixed.map(([i]) => i));
  const free = [...Array(net.inputSize).keys()].filter((i) => !fixedSet.has(i));
  const base = net.inputs.length === 1 ? net.inputs[0].name : 'input';
  return free.map((i) => `${base}[${i}]`);
}

function mainModel(spec: QuerySpec): { path: string; fixed: ReadonlyArray<readonly [number, number]> } {
  return spec.kind === 'match' ? spec.modelA : spec.model;
}

/** The region to draw: the query's domain when it has one, else a box around the centre that holds every feature. */
function plotDomain(spec: QuerySpec, record: ResultRecord, center: number[] | undefined, reach: number): Array<[number, number]> {
  // Every query's own domain (certify and radius: `within D`) is the region the user asked about.
  const domain = spec.domain;
  if (domain) return domain.map(([a, b]) => [a, b]);
  if (record.result.domain) return record.result.domain.map(([a, b]) => [a, b]);
  const c = center ?? [0, 0];
  const half = Math.max(0.25, reach * 1.5);
  return c.map((v) => [v - half, v + half]);
}

/** A level of the sweep as the panel draws it: its bracket ends, the input attaining the discrepancy, and the words. */
function pruneRowPlot(row: PruneRow): PrunePlot['rows'][number] {
  const status = row.radiusStatus === 'error' ? 'error' : row.discrepancy !== null && row.radiusStatus === 'certified' ? 'certified' : 'unresolved';
  return {
    level: row.level, discrepancy: row.discrepancy, discrepancyLower: row.discrepancyLower, discrepancyUpper: row.discrepancyBound,
    ...(row.discrepancyWitness ? { attainedAt: row.discrepancyWitness.x } : {}),
    radius: row.radius, radiusLower: row.radiusLower, radiusUpper: row.radiusUpper,
    status, notRun: row.notRun, file: row.file, seconds: row.seconds,
    discrepancyText: row.notRun ? 'not run' : discrepancyWords(row, rowNumber),
    radiusText: row.notRun ? 'not run' : radiusWords(row, rowNumber),
  };
}

/** Computes the plot; the fold curve is traced in slices so the server keeps answering other requests meanwhile. */
export async function plotFor(record: ResultRecord, spec: QuerySpec, network: Network, opts: PlotOptions = {}): Promise<PlotData> {
  const r = record.result;
  const base = { title: record.queryText, status: r.status, stale: record.stale };
  if (spec.kind === 'prune') {
    return { kind: 'prune', ...base, rows: (r.query === 'prune' && r.prune ? r.prune : []).map(pruneRowPlot) };
  }
  const model = mainModel(spec);
  const state = fixInputs(network, new Map(model.fixed));
  const net = state.net;
  const labels = freeLabels(network, model.fixed);
  const center = spec.kind === 'certify' || spec.kind === 'radius' ? [...spec.center] : undefined;
  const isPi = (spec.kind === 'certify' || spec.kind === 'radius') && spec.query === 'pi';
  const radiusValue = spec.kind === 'certify' ? spec.radius : (r.radius ?? r.radiusLower);
  // A radius result with no upper end draws the searched box, labelled as a lower bound ("r ≥ 10").
  const lowerBound = spec.kind === 'radius' && r.radius === undefined && r.radiusUpper === null ? { radiusIsLowerBound: true } : {};
  const w = r.witness;
  const witnessReach = w && center ? Math.max(...w.x.map((v, i) => Math.abs(v - center[i])), ...w.y.map((v, i) => Math.abs(v - center[i]))) : 0;
  const reach = Math.max(radiusValue ?? 0, witnessReach);
  const domain = plotDomain(spec, record, center, reach);

  if (net.inputSize === 1) {
    const g = sampleGraph(net, [domain[0][0], domain[0][1]], 400);
    const plot: GraphPlot = {
      kind: 'graph', ...base, axisLabel: labels[0] ?? 'x', domain: [domain[0][0], domain[0][1]], xs: g.xs, outputs: g.outputs,
      ...(center ? { center: center[0] } : {}),
      ...(radiusValue !== undefined ? (isPi ? { piRadius: radiusValue } : { blRadius: radiusValue }) : {}), ...lowerBound,
      ...(w ? { witness: { x: w.x[0], y: w.y[0], image: w.Fx } } : {}),
    };
    return plot;
  }
  if (net.inputSize > 2 && !center) {
    return { kind: 'summary', ...base, reason: `the map has ${net.inputSize} free inputs and the query no centre to slice through` };
  }
  // Two free inputs: the whole plane. More: the slice through the centre along the two chosen ones.
  const axes = net.inputSize === 2 ? ([0, 1] as const) : sliceAxes(net.inputSize, opts.sliceAxes);
  const [a, b] = axes;
  const on = (p: readonly number[]): Point2 => [p[a], p[b]];
  const square = net.outputSize === net.inputSize;
  const plane: [Point2, Point2] = [[domain[a][0], domain[a][1]], [domain[b][0], domain[b][1]]];
  const steps = Math.min(1000, Math.max(0, Math.floor(opts.orbitSteps ?? 0)));
  const plot: PlanePlot = {
    kind: 'plane', ...base, norm: r.norm,
    axisLabels: [labels[a] ?? 'x₁', labels[b] ?? 'x₂'],
    domain: plane,
    ...(await foldOnPlane(net, axes, center ?? [], plane, opts)),
    ...(center ? { center: on(center) } : {}),
    ...(radiusValue !== undefined ? (isPi ? { piRadius: radiusValue } : { blRadius: radiusValue }) : {}), ...lowerBound,
    // The image F(x) is drawn only where it lives in the same plane (a 2 → 2 map).
    ...(w ? { witness: { x: on(w.x), y: on(w.y), image: net.inputSize === 2 ? w.Fx : [] } } : {}),
    ...(net.inputSize === 2 && square && center && steps > 0 ? { orbit: orbit(net, center, steps).map((p) => [p[0], p[1]] as Point2) } : {}),
    ...(net.inputSize > 2 && center ? { slice: { axes, inputLabels: labels, through: center } } : {}),
  };
  return plot;
}

/**
 * The fold curve J₀ on the plotted plane of a restricted network: the whole plane for 2 free inputs, the slice
 * through `through` along `axes` for more; none when the map is not square (det DF has no meaning there).
 * `resolution`: grid cells per axis, default 120, clamped to 8…400.
 */
export async function foldOnPlane(net: Network, axes: readonly [number, number], through: readonly number[], plane: readonly [Point2, Point2],
  opts: { readonly resolution?: number; readonly signal?: AbortSignal }): Promise<{ foldCurve: Point2[][]; foldResolution: number }> {
  if (net.inputSize < 2 || net.outputSize !== net.inputSize) return { foldCurve: [], foldResolution: 0 };
  const det = net.inputSize === 2 ? planeDetField(net) : sliceDetField(net, through, axes);
  const resolution = Math.min(400, Math.max(8, Math.floor(opts.resolution ?? 120)));
  const fold = await traceFoldCurveAsync(det, { domain: plane, resolution, ...(opts.signal ? { signal: opts.signal } : {}) });
  return { foldCurve: fold.polylines, foldResolution: fold.resolution };
}
