// The matching and pruning cases of issue #12 (`--match`): each runs with the default method and beside the MILP
// path (`direct`) and the paper's two-copy MILP (`paper`), with the target printed beside its answer.
// Expected discrepancies are the quick numpy probe's (perf-notes.md, "Network matching"), made on the same pruned
// copies (magnitude pruning of every layer, b's column included, then b = 2.1 fixed).
import type { QuerySpec } from '../src/shared/querySpec';
import type { PruneRow, QueryResult } from '../src/shared/results';
import type { BenchCase } from './cases';
import { matchBracket } from './matchReport';
import { writePrunedCopy } from './prunedModels';

const models = '/work/shared/models';
const brusselatorFile = `${models}/brusselator_param.onnx`;
const mnistFile = `${models}/mnist_256x2.onnx`;
const fixedB = [[2, 2.1]] as Array<[number, number]>;
const P1 = [1.96433, 1.24951];
const BRUSSELATOR_BOX: Array<[number, number]> = [[0, 3], [0, 4]];
const BRUSSELATOR_LEVELS = [10, 20, 30, 40, 50, 60];
/** The probe's maxima at BRUSSELATOR_LEVELS, and of vdp at 20 and 50 %. */
const BRUSSELATOR_PROBE = [0.094293, 0.276722, 0.692139, 1.265575, 2.149458, 3.026185];
const VDP_PROBE = [0.695078, 3.954331];
/** The precision: discrepancies to 1e-4 absolute, radii to 1e-3. */
const DISCREPANCY_PRECISION = 1e-4;
const RADIUS_PRECISION = 1e-3;
/** mnist: the L∞ ball of radius 0.02 around 0.5 everywhere. */
const MNIST_BOX: Array<[number, number]> = Array.from({ length: 784 }, () => [0.48, 0.52]);
/** mnist target: unresolved counts as answered when (upper − lower) / lower is at most this. */
const MNIST_RELATIVE_GAP = 0.1;

/** The pruned copies the match cases compare against, written into `dir` (bench/results/models). */
export interface MatchModels { readonly brusselator10: string; readonly brusselator30: string; readonly mnist50: string }

export function writeMatchModels(dir: string): MatchModels {
  return {
    brusselator10: writePrunedCopy(brusselatorFile, 10, dir),
    brusselator30: writePrunedCopy(brusselatorFile, 30, dir),
    mnist50: writePrunedCopy(mnistFile, 50, dir),
  };
}

/** A sweep row's discrepancy to DISCREPANCY_PRECISION and its radius (or "none in the box") to RADIUS_PRECISION. */
function rowCertified(row: PruneRow, withRadius: boolean): boolean {
  const disc = row.discrepancy !== null && row.discrepancyBound !== null && row.discrepancyBound - row.discrepancy <= DISCREPANCY_PRECISION;
  const radius = row.radiusStatus === 'certified' && (row.radiusUpper === null || row.radiusUpper - (row.radiusLower ?? -Infinity) <= RADIUS_PRECISION);
  return disc && (!withRadius || radius);
}

function everyLevel(r: QueryResult, levels: readonly number[], withRadius: boolean): boolean {
  const rows = r.prune ?? [];
  return rows.length === levels.length && rows.every((row) => rowCertified(row, withRadius));
}

/** The five cases; pruned sweep copies go to `prunedDir` (bench/results/pruned). */
export function matchCases(m: MatchModels, prunedDir: string): BenchCase[] {
  const brusselator = { path: brusselatorFile, fixed: fixedB };
  const vdp = { path: `${models}/vnncomp2022_vdp.onnx`, fixed: [] as Array<[number, number]> };
  const baselines = ['direct', 'paper'] as const;
  const discrepancy = (b: string, domain: Array<[number, number]>, a = brusselator, fixed = fixedB): QuerySpec =>
    ({ kind: 'match', modelA: a, modelB: { path: b, fixed }, query: 'discrepancy', domain, norm: 'inf' });
  return [
    {
      name: 'brusselator vs 10% discrepancy', spec: discrepancy(m.brusselator10, BRUSSELATOR_BOX),
      expect: [BRUSSELATOR_PROBE[0]], expectTolerance: DISCREPANCY_PRECISION, quick: true, match: true, baselines,
    },
    {
      name: 'brusselator sweep 10-60%',
      spec: { kind: 'prune', model: brusselator, levels: BRUSSELATOR_LEVELS, outDir: prunedDir, domain: BRUSSELATOR_BOX, center: P1, norm: 'inf' },
      expectDiscrepancies: BRUSSELATOR_PROBE, expectTolerance: DISCREPANCY_PRECISION, quick: false, match: true, baselines,
      target: { text: 'every discrepancy (1e-4) and radius (1e-3) certified, ≤ 10 s', seconds: 10, answered: (r) => everyLevel(r, BRUSSELATOR_LEVELS, true) },
    },
    {
      name: 'brusselator vs 30% transform',
      spec: { kind: 'match', modelA: brusselator, modelB: { path: m.brusselator30, fixed: fixedB }, query: 'transform', domain: BRUSSELATOR_BOX, norm: 'inf' },
      quick: false, match: true, baselines,
      target: {
        text: 'certified, or a refuting pair with its maximum, ≤ 10 s', seconds: 10,
        answered: (r) => r.status === 'certified' || (r.status === 'counterexample' && r.objective !== null),
      },
    },
    {
      name: 'vdp sweep 20,50%',
      spec: { kind: 'prune', model: vdp, levels: [20, 50], outDir: prunedDir, domain: [[-1, 1], [-1, 1], [-1, 1]], norm: 'inf' },
      expectDiscrepancies: VDP_PROBE, expectTolerance: DISCREPANCY_PRECISION, quick: false, match: true, baselines,
      target: { text: 'both discrepancies certified, ≤ 30 s in total', seconds: 30, answered: (r) => everyLevel(r, [20, 50], false) },
    },
    {
      name: 'mnist_256x2 vs 50% discrepancy', spec: discrepancy(m.mnist50, MNIST_BOX, { path: mnistFile, fixed: [] }, []),
      quick: false, match: true, baselines,
      // The default method's whole-query budget (the cap less 2 s) leaves room to return within the target's 60 s.
      fastCapSeconds: 60,
      target: {
        text: `certified, or unresolved with (upper − lower) / lower ≤ ${MNIST_RELATIVE_GAP * 100}%, ≤ 60 s`, seconds: 60,
        answered: (r) => {
          const [lo, hi] = matchBracket(r);
          return r.status === 'certified' || (lo > 0 && (hi - lo) / lo <= MNIST_RELATIVE_GAP);
        },
      },
    },
  ];
}
