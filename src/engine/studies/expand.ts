// A study as its deterministic list of query instances. The orbit is iterated once, in float64 on the network
// restricted to its free inputs (analysis/orbit.ts); each state, and each grid cell of a map, becomes one radius
// query whose result is the engine's own typed radius result. The order and keys depend only on the spec, so every
// shard of a batch computes the same list.
import { orbit } from '../analysis/orbit';
import { InvalidArgument } from '../errors';
import type { RestrictedNetwork } from '../ir/network';
import type { MapStudySpec, OrbitStudySpec, StudyInstance, StudySpec } from '../../shared/studies';

/** The instances of `spec`, on the model it names already loaded and restricted (`state`). */
export function expandStudy(spec: StudySpec, state: RestrictedNetwork): StudyInstance[] {
  return spec.kind === 'orbit' ? orbitInstances(spec, state) : mapInstances(spec, state);
}

function orbitInstances(spec: OrbitStudySpec, state: RestrictedNetwork): StudyInstance[] {
  const free = state.freeIndices.length;
  if (spec.start.length !== free) throw new InvalidArgument(`orbit: the start point has ${spec.start.length} values but the model has ${free} free inputs`);
  if (!Number.isInteger(spec.steps) || spec.steps < 0) throw new InvalidArgument(`orbit: steps must be a whole number ≥ 0, got ${spec.steps}`);
  const states = orbit(state.net, spec.start, spec.steps);
  const out: StudyInstance[] = [];
  states.forEach((x, k) => {
    for (const query of spec.queries) {
      out.push({
        key: `k${k}-${query}`,
        place: { kind: 'orbit-state', k, x, query },
        spec: {
          kind: 'radius', model: spec.model, query, center: x, norm: 'inf',
          ...(spec.domain ? { domain: spec.domain } : {}), ...(spec.tolerance !== undefined ? { tolerance: spec.tolerance } : {}),
          ...(spec.budgetSeconds !== undefined ? { budgetSeconds: spec.budgetSeconds } : {}),
        },
      });
    }
  });
  return out;
}

/** Cell centres of an n-cell grid over [a, b]: a + (i + ½)(b − a)/n, so no centre sits on the domain's edge. */
export function cellCentres(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((i + 0.5) * (b - a)) / n);
}

/** The point a map's grid runs through: its slice point, else the centre of its domain (the other inputs' values). */
export function mapSlicePoint(spec: MapStudySpec): number[] {
  return spec.slice ? [...spec.slice] : spec.domain.map(([lo, hi]) => 0.5 * (lo + hi));
}

function mapInstances(spec: MapStudySpec, state: RestrictedNetwork): StudyInstance[] {
  const free = state.freeIndices.length;
  if (spec.domain.length !== free) throw new InvalidArgument(`map: the domain has ${spec.domain.length} intervals but the model has ${free} free inputs`);
  const [ax, ay] = spec.axes;
  if (ax === ay || ![ax, ay].every((a) => Number.isInteger(a) && a >= 0 && a < free)) {
    throw new InvalidArgument(`map: the axes must be two different free inputs among 0..${free - 1}, got ${ax}, ${ay}`);
  }
  const [nx, ny] = spec.grid;
  if (![nx, ny].every((n) => Number.isInteger(n) && n >= 1)) throw new InvalidArgument(`map: the grid must be whole numbers ≥ 1, got ${nx} x ${ny}`);
  if (spec.slice && spec.slice.length !== free) throw new InvalidArgument(`map: the slice point has ${spec.slice.length} values but the model has ${free} free inputs`);
  const base = mapSlicePoint(spec);
  const xs = cellCentres(spec.domain[ax][0], spec.domain[ax][1], nx);
  const ys = cellCentres(spec.domain[ay][0], spec.domain[ay][1], ny);
  const out: StudyInstance[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const centre = [...base];
      centre[ax] = xs[i];
      centre[ay] = ys[j];
      out.push({
        key: `i${i}-j${j}`,
        place: { kind: 'grid-cell', i, j, centre },
        spec: {
          kind: 'radius', model: spec.model, query: 'bl', center: centre, norm: 'inf', domain: spec.domain,
          ...(spec.tolerance !== undefined ? { tolerance: spec.tolerance } : {}),
          ...(spec.budgetSeconds !== undefined ? { budgetSeconds: spec.budgetSeconds } : {}),
        },
      });
    }
  }
  return out;
}

/** How many instances `spec` expands to, without its model: an orbit's count assumes it does not escape (an orbit
 * that leaves every bound stops there, so expandStudy may give fewer). For labels before a study is planned. */
export function studySize(spec: StudySpec): number {
  return spec.kind === 'orbit' ? (spec.steps + 1) * spec.queries.length : spec.grid[0] * spec.grid[1];
}
