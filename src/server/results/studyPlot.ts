// What the panel draws of a study: for an orbit, the states on the phase plane with each state's certified BL box and
// the fold curve J₀ (traced by the same tracer as the plane plot), and their radii against k; for a map, r_BL per
// grid cell with J₀ over it. Radii keep their words: `radius` only where the result proved it, else the proved lower
// end and the bracket; unresolved and failed instances are carried with their status, never as a radius.
import { fixInputs } from '../../engine/ir/fixInputs';
import { mapSlicePoint } from '../../engine/studies/expand';
import type { Network } from '../../engine/ir/network';
import type { MapCellPlot, MapStudyPlot, OrbitStatePlot, OrbitStudyPlot, Point2, StudyPlot, StudyRadius } from '../../shared/plotData';
import type { QueryResult } from '../../shared/results';
import type { MapStudySpec, OrbitStudySpec, StudyResults } from '../../shared/studies';
import { radiusText } from './format';
import { foldOnPlane, freeLabels } from './plotData';
import { sliceAxes } from './slice';

export interface StudyPlotOptions {
  /** Fold-curve grid cells per axis (default 120, clamped to 8…400). */
  readonly resolution?: number;
  readonly signal?: AbortSignal;
}

/** The study's question in plain words, as the panel heads its detail view. */
export function studyQuestion(s: StudyResults): string {
  if (s.study.kind === 'map') return 'radius of local invertibility (BL) over a grid of centres';
  const names = s.study.queries.map((q) => (q === 'bl' ? 'BL' : 'PI')).join(' and ');
  return `${names} radi${s.study.queries.length > 1 ? 'i' : 'us'} at every state of an orbit`;
}

/** One instance's radius in the panel's terms. */
export function studyRadius(r: QueryResult): StudyRadius {
  const seconds = r.stats.seconds;
  if (r.status === 'error') return { status: 'error', lower: null, upper: null, text: `failed: ${r.error.message}`, seconds };
  const lower = r.radiusLower ?? null;
  const upper = typeof r.radiusUpper === 'number' ? r.radiusUpper : null;
  const text = radiusText(r) ?? (r.status === 'unresolved' ? 'unresolved: nothing proved' : r.message);
  return { status: r.status, ...(r.radius !== undefined ? { radius: r.radius } : {}), lower, upper, text, seconds };
}

interface Plane {
  readonly net: Network;
  readonly labels: string[];
  readonly axes: readonly [number, number];
}

function planeOf(s: StudyResults, network: Network): Plane {
  const state = fixInputs(network, new Map(s.study.model.fixed));
  const net = state.net;
  const labels = freeLabels(network, s.study.model.fixed);
  const axes = s.study.kind === 'map' ? s.study.axes : net.inputSize <= 2 ? ([0, 1] as const) : sliceAxes(net.inputSize);
  return { net, labels, axes };
}

function sliceOf(plane: Plane, through: readonly number[]): { slice?: NonNullable<OrbitStudyPlot['slice']> } {
  return plane.net.inputSize > 2 ? { slice: { axes: plane.axes, inputLabels: plane.labels, through: [...through] } } : {};
}

function base(s: StudyResults, plane: Plane): Pick<OrbitStudyPlot, 'title' | 'stale' | 'running' | 'done' | 'total' | 'axisLabels'> {
  const [a, b] = plane.axes;
  return {
    title: s.queryText, stale: s.stale, running: s.running, done: s.instances.length, total: s.total,
    axisLabels: [plane.labels[a] ?? 'x₁', plane.labels[b] ?? 'x₂'],
  };
}

/** The states answered so far, one per k, in k order. */
function orbitStates(s: StudyResults, plane: Plane): OrbitStatePlot[] {
  const [a, b] = plane.axes;
  const byK = new Map<number, { x: readonly number[]; nearFold: boolean; bl?: StudyRadius; pi?: StudyRadius }>();
  for (const inst of s.instances) {
    if (inst.place.kind !== 'orbit-state') continue;
    const { k, x, query } = inst.place;
    const entry = byK.get(k) ?? { x, nearFold: false };
    byK.set(k, { ...entry, nearFold: entry.nearFold || inst.nearFold === true, [query]: studyRadius(inst.result) });
  }
  return [...byK.entries()].sort(([p], [q]) => p - q).map(([k, e]) => ({ k, ...e, at: [e.x[a], e.x[b]] as Point2 }));
}

/** The region: the study's domain on the plotted axes, else every state with its proved box and some room. */
function orbitDomain(spec: OrbitStudySpec, plane: Plane, states: readonly OrbitStatePlot[]): [Point2, Point2] {
  const [a, b] = plane.axes;
  if (spec.domain) return [[spec.domain[a][0], spec.domain[a][1]], [spec.domain[b][0], spec.domain[b][1]]];
  const points = states.length > 0 ? states : [{ at: [spec.start[a], spec.start[b]] as Point2, bl: undefined }];
  const extent = (axis: 0 | 1): Point2 => {
    const lo = Math.min(...points.map((p) => p.at[axis] - (p.bl?.lower ?? 0)));
    const hi = Math.max(...points.map((p) => p.at[axis] + (p.bl?.lower ?? 0)));
    const pad = Math.max(0.25, 0.1 * (hi - lo));
    return [lo - pad, hi + pad];
  };
  return [extent(0), extent(1)];
}

async function orbitPlot(s: StudyResults, spec: OrbitStudySpec, plane: Plane, opts: StudyPlotOptions): Promise<OrbitStudyPlot> {
  const states = orbitStates(s, plane);
  const domain = orbitDomain(spec, plane, states);
  const through = states[0]?.x ?? spec.start;
  return {
    kind: 'orbit', ...base(s, plane), domain, ...(await foldOnPlane(plane.net, plane.axes, through, domain, opts)), ...sliceOf(plane, through),
    queries: spec.queries, foldTolerance: spec.foldTolerance, withinDomain: spec.domain !== undefined, states,
  };
}

async function mapPlot(s: StudyResults, spec: MapStudySpec, plane: Plane, opts: StudyPlotOptions): Promise<MapStudyPlot> {
  const [a, b] = plane.axes;
  const domain: [Point2, Point2] = [[spec.domain[a][0], spec.domain[a][1]], [spec.domain[b][0], spec.domain[b][1]]];
  const through = mapSlicePoint(spec);
  const cells: MapCellPlot[] = [];
  for (const inst of s.instances) {
    if (inst.place.kind !== 'grid-cell') continue;
    const { i, j, centre } = inst.place;
    cells.push({ key: inst.key, i, j, centre, at: [centre[a], centre[b]], bl: studyRadius(inst.result) });
  }
  const [nx, ny] = spec.grid;
  return {
    kind: 'map', ...base(s, plane), domain, ...(await foldOnPlane(plane.net, plane.axes, through, domain, opts)), ...sliceOf(plane, through),
    grid: spec.grid, cellSize: [(domain[0][1] - domain[0][0]) / nx, (domain[1][1] - domain[1][0]) / ny], cells,
  };
}

/** The plot of a study on its model (loaded, not yet restricted to the free inputs). */
export async function studyPlotFor(s: StudyResults, network: Network, opts: StudyPlotOptions = {}): Promise<StudyPlot> {
  const plane = planeOf(s, network);
  return s.study.kind === 'orbit' ? orbitPlot(s, s.study, plane, opts) : mapPlot(s, s.study, plane, opts);
}
