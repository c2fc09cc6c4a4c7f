// The bench cases: the paper's Brusselator radii, VNN-COMP maps at fixed radii, the residual maps of the paper's SI
// (and a folding and a time-stepping residual map), seeded random MLPs (the matching and pruning cases are in
// matchCases.ts).
// Centres and radii of the VNN-COMP cases were picked so that some certify and some have counterexamples
// (see bench/README.md); expected values are the paper's published radii.
import type { ModelRef, QuerySpec } from '../src/shared/querySpec';
import type { QueryResult } from '../src/shared/results';
import type { RandomModel } from './randomModels';

/** A method the default one is measured against, capped; 'direct' is a match's or sweep's MILP path. */
export type BaselineMethod = 'direct' | 'paper';

/** A target of the issue a case measures: answered as asked, within `seconds` of wall time. */
export interface Target {
  /** The target in words, printed beside the answer. */
  readonly text: string;
  readonly seconds: number;
  /** Whether the fast answer is the kind the target asks for (certified, a bracket this tight, ...). */
  readonly answered: (r: QueryResult) => boolean;
}

export interface BenchCase {
  readonly name: string;
  readonly spec: QuerySpec;
  /**
   * Published value (radius cases), or the probe's discrepancy (a match), that the fast answer must match within
   * `expectTolerance`; a radius case may list alternatives.
   */
  readonly expect?: readonly number[];
  /** A sweep: the probe's discrepancy at each of its levels, in order. */
  readonly expectDiscrepancies?: readonly number[];
  readonly expectTolerance?: number;
  /** Part of the --quick subset. */
  readonly quick: boolean;
  /** Set on the 16 centres of the radius map grid (`--grid16`): the bench prints their slowest and total. */
  readonly grid16?: boolean;
  /** Set on the matching and pruning cases (`--match`). */
  readonly match?: boolean;
  /** The methods run beside the default one, each capped alike (default: the paper's formulation only). */
  readonly baselines?: readonly BaselineMethod[];
  /** Cap of the baselines on this case (seconds), below the run's --cap. */
  readonly baselineCapSeconds?: number;
  /** Cap of the default method on this case (its whole-query budget is 2 s less), below the run's --fast-cap. */
  readonly fastCapSeconds?: number;
  readonly target?: Target;
}

const models = '/work/shared/models';
const brusselator = { path: `${models}/brusselator_param.onnx`, fixed: [[2, 2.1]] as Array<[number, number]> };
const plain = (file: string) => ({ path: `${models}/${file}`, fixed: [] as Array<[number, number]> });
const P1 = [1.96433, 1.24951];
const P2 = [0.666201, 1.99221];

/**
 * The 16 cell centres of a 4 × 4 grid over the paper's Brusselator domain [0, 3] × [0, 4]: where a user mapping the
 * BL safety radius would ask (issue #17). Row by row, x ∈ {0.375, …, 2.625}, y ∈ {0.5, …, 3.5}.
 */
export const GRID16_CENTRES: ReadonlyArray<readonly [number, number]> = [0.5, 1.5, 2.5, 3.5]
  .flatMap((y) => [0.375, 1.125, 1.875, 2.625].map((x) => [x, y] as const));

/** The paper's formulation takes minutes per BL radius: on the 16 grid centres it is capped at this each. */
export const GRID16_PAPER_CAP_SECONDS = 20;

/** residual_step_2x32: a 2-D radius as fast as the Brusselator's (P1: about 1.1 s in the bench). */
const STEP_RADIUS_TARGET: Target = {
  text: 'radius certified (or r ≥ reach), ≤ 1.2 s as the Brusselator', seconds: 1.2, answered: (r) => r.status === 'certified',
};
/** residual_fold_4x20 (issue #13): its BL radius with a verified colliding pair in ≤ 10 s. */
const FOLD_RADIUS_TARGET: Target = {
  text: 'radius with a verified colliding pair, ≤ 10 s', seconds: 10, answered: (r) => r.status === 'certified' && r.witness !== undefined && r.witness !== null,
};
/** A certify target of issue #13: certified (a proof, not a pair or unresolved) within `seconds`. */
function provedWithin(seconds: number): Target {
  return { text: `certified, ≤ ${seconds} s`, seconds, answered: (r) => r.status === 'certified' };
}

export function benchCases(randomModels: readonly RandomModel[]): BenchCase[] {
  const radius = (model: ModelRef,
    query: 'bl' | 'pi', center: number[], domain?: Array<[number, number]>): QuerySpec =>
    ({ kind: 'radius', model, query, center, norm: 'inf', tolerance: 1e-3, ...(domain ? { domain } : {}) });
  const certify = (model: ModelRef, query: 'bl' | 'pi', center: number[], r: number): QuerySpec =>
    ({ kind: 'certify', model, query, center, radius: r, norm: 'inf' });
  const vdp = plain('vnncomp2022_vdp.onnx');
  const robot = plain('vnncomp2022_robot.onnx');
  const acas = plain('acasxu_run2a_1_1.onnx');
  const acasCentre = [0.1, 0.05, -0.1, 0.2, -0.2];
  const robotCentre = [0.1, 0.1, 0.1, 0.1, 0.1];
  const residual = (name: string) => plain(`residual/${name}.onnx`);
  const origin = (n: number): number[] => new Array<number>(n).fill(0);
  return [
    { name: 'brusselator P1 BL radius', spec: radius(brusselator, 'bl', P1), expect: [0.655344], expectTolerance: 1e-3, quick: true },
    { name: 'brusselator P1 PI radius', spec: radius(brusselator, 'pi', P1), expect: [2.773821, 2.773914], expectTolerance: 1e-3, quick: true },
    { name: 'brusselator P2 BL radius', spec: radius(brusselator, 'bl', P2), expect: [1.187377], expectTolerance: 1e-3, quick: true },
    { name: 'brusselator P2 PI radius', spec: radius(brusselator, 'pi', P2), expect: [4.236156, 4.236199], expectTolerance: 1e-3, quick: true },
    { name: 'brusselator P1 BL r=0.65', spec: certify(brusselator, 'bl', P1, 0.65), quick: false },
    { name: 'brusselator P1 BL r=0.66', spec: certify(brusselator, 'bl', P1, 0.66), quick: false },
    { name: 'brusselator P2 BL r=1.18', spec: certify(brusselator, 'bl', P2, 1.18), quick: true },
    { name: 'brusselator P2 BL r=1.195', spec: certify(brusselator, 'bl', P2, 1.195), quick: false },
    { name: 'vdp BL c=0 r=0.05', spec: certify(vdp, 'bl', [0, 0, 0], 0.05), quick: true },
    { name: 'vdp BL c=0 r=0.1', spec: certify(vdp, 'bl', [0, 0, 0], 0.1), quick: true },
    { name: 'vdp PI c=0 r=0.3', spec: certify(vdp, 'pi', [0, 0, 0], 0.3), quick: false },
    { name: 'vdp PI c=0 r=0.5', spec: certify(vdp, 'pi', [0, 0, 0], 0.5), quick: true },
    // Issue #13's targets: robot BL r = 0.01 certified in ≤ 1 s (the input branch and bound above 3 inputs), PI r = 0.1 in ≤ 2 s.
    { name: 'robot BL r=0.01', spec: certify(robot, 'bl', robotCentre, 0.01), quick: true, target: provedWithin(1) },
    { name: 'robot BL r=0.1', spec: certify(robot, 'bl', robotCentre, 0.1), quick: false },
    { name: 'robot PI r=0.1', spec: certify(robot, 'pi', robotCentre, 0.1), quick: false, target: provedWithin(2) },
    { name: 'acas BL r=0.01', spec: certify(acas, 'bl', acasCentre, 0.01), quick: true },
    { name: 'acas BL r=0.05', spec: certify(acas, 'bl', acasCentre, 0.05), quick: false },
    { name: 'acas PI r=0.05', spec: certify(acas, 'pi', acasCentre, 0.05), quick: false },
    // The SI Fig. 2 shapes: authors' Gurobi 98 s, 870 s and 267 s; the paper's formulation here took 114 s, > 150 s, > 150 s.
    { name: 'residual SI 8x10 BL r=10', spec: certify(residual('residual_invertible_8x10'), 'bl', origin(8), 10), quick: true, baselineCapSeconds: 150, target: provedWithin(1) },
    { name: 'residual SI 8x10 BL r=20', spec: certify(residual('residual_invertible_8x10'), 'bl', origin(8), 20), quick: true, baselineCapSeconds: 150, target: provedWithin(1) },
    { name: 'residual SI 6x50 BL r=15', spec: certify(residual('residual_invertible_6x50'), 'bl', origin(6), 15), quick: true, baselineCapSeconds: 150, target: provedWithin(1) },
    { name: 'residual fold 4x20 BL r=1', spec: certify(residual('residual_fold_4x20'), 'bl', origin(4), 1), quick: false, baselineCapSeconds: 150 },
    // The radius cases of the residual models, beside the exact MILP radius (direct) and the paper's bisection.
    ...([[0, 0], [-1, -1], [-1, 1]] as const).map(([x, y]) => ({
      name: `residual step 2x32 BL radius at (${x}, ${y})`, spec: radius(residual('residual_step_2x32'), 'bl', [x, y], [[-2, 2], [-2, 2]]),
      quick: false, baselines: ['direct', 'paper'] as const, baselineCapSeconds: 150, target: STEP_RADIUS_TARGET,
    })),
    {
      name: 'residual fold 4x20 BL radius at 0', spec: radius(residual('residual_fold_4x20'), 'bl', origin(4), [[-1, 1], [-1, 1], [-1, 1], [-1, 1]]),
      quick: false, baselines: ['direct', 'paper'], baselineCapSeconds: 150, target: FOLD_RADIUS_TARGET,
    },
    ...GRID16_CENTRES.map(([x, y]) => ({
      name: `brusselator grid (${x}, ${y}) BL radius`, spec: radius(brusselator, 'bl', [x, y]), quick: false, grid16: true,
      baselineCapSeconds: GRID16_PAPER_CAP_SECONDS,
    })),
    ...randomModels.flatMap((m) => [
      { name: `${m.name} BL radius`, spec: radius({ path: m.path, fixed: [] }, 'bl', [0.2, -0.1], [[-3, 3], [-3, 3]]), quick: m.name === 'mlp_1x40' },
      { name: `${m.name} PI radius`, spec: radius({ path: m.path, fixed: [] }, 'pi', [0.2, -0.1], [[-3, 3], [-3, 3]]), quick: true },
    ]),
  ];
}
