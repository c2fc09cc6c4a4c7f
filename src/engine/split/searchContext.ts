// Shared machinery of the split searches: cached per-box bounds, the certificate, leaf MILPs, budgets.
import type { Network } from '../ir/network';
import type { Box, NetworkBounds } from '../bounds/types';
import type { MipProblem, SolveOptions, SolveResult } from '../solver/problem';
import { throwIfAborted } from '../errors';
import { computeBounds, outputBox } from '../bounds';
import { disjoint } from './box';
import { imagesSeparated } from './imageSeparation';
import { jacobianCertificate } from './jacobian';
import type { LeafMilp } from './pairMilp';
import type { SplitOptions, SplitStats } from './types';
import { emptyStats } from './types';

export interface BoxInfo {
  readonly bounds: NetworkBounds;
  readonly out: Box;
}

export type LeafVerdict =
  | { readonly kind: 'infeasible' }
  | { readonly kind: 'feasible'; readonly x: Float64Array; readonly y: Float64Array }
  | { readonly kind: 'unknown'; readonly reason: string };

export class SearchContext {
  readonly stats: SplitStats = emptyStats();
  private readonly cache = new WeakMap<Box, BoxInfo>();
  private readonly started = performance.now();
  private ticks = 0;

  constructor(readonly net: Network, readonly opts: SplitOptions) {}

  info(box: Box): BoxInfo {
    let v = this.cache.get(box);
    if (!v) {
      const bounds = computeBounds(this.net, box, { method: 'crown' });
      v = { bounds, out: outputBox(this.net, bounds) };
      this.cache.set(box, v);
      this.stats.boundsComputed++;
    }
    return v;
  }

  /** True when F(a) and F(c) share no point: their output boxes are disjoint, or a slanted direction separates them. */
  imagesApart(a: Box, c: Box): boolean {
    const ia = this.info(a), ic = this.info(c);
    if (disjoint(ia.out, ic.out)) return true;
    const ok = imagesSeparated(this.net, a, ia.bounds, c, ic.bounds);
    if (ok) this.stats.pairsSeparated++;
    return ok;
  }

  /** Jacobian certificate of exact injectivity on the box (bounds computed on the box itself). */
  certify(box: Box): boolean {
    this.stats.certificateAttempts++;
    const ok = jacobianCertificate(this.net, this.info(box).bounds, this.opts.maxEnumerate).certified;
    if (ok) this.stats.certificates++;
    return ok;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** Throws Cancelled on abort; true once the wall-clock budget is spent. */
  overBudget(): boolean {
    if ((++this.ticks & 63) === 0) throwIfAborted(this.opts.signal);
    return this.opts.deadlineSeconds !== undefined && this.elapsedSeconds() > this.opts.deadlineSeconds;
  }

  /** Solves one leaf feasibility MILP; a feasible point is only a candidate (callers re-check it). */
  async solveLeaf(leaf: LeafMilp): Promise<LeafVerdict> {
    const res = await this.runLeafMilp(leaf.problem, leaf.binaries, { stopAtFirstSolution: true });
    if (!res) return { kind: 'unknown', reason: 'no MILP solver for the leaf boxes' };
    if (res.status === 'infeasible') return { kind: 'infeasible' };
    if (res.colValue && (res.status === 'optimal' || res.status === 'solutionLimit' || res.status === 'timeLimit'
      || res.status === 'interrupted' || res.status === 'objectiveBound')) {
      const x = Float64Array.from(leaf.xCols, (c) => res.colValue![c]);
      const y = Float64Array.from(leaf.yCols, (c) => res.colValue![c]);
      return { kind: 'feasible', x, y };
    }
    return { kind: 'unknown', reason: `leaf MILP ended with status ${res.status}` };
  }

  /**
   * Solves one leaf MILP (feasibility or optimisation, by `extra`) under the search's limits, counted in its stats;
   * null without a solver.
   */
  async runLeafMilp(problem: MipProblem, binaries: number, extra: Partial<SolveOptions>): Promise<SolveResult | null> {
    const solver = this.opts.solver;
    if (!solver) return null;
    throwIfAborted(this.opts.signal);
    this.stats.leafMilps++;
    this.stats.binaries += binaries;
    // A leaf MILP never runs past the search's own wall-clock budget (e.g. the pre-pass above 3 inputs).
    const left = this.opts.deadlineSeconds === undefined ? Infinity : this.opts.deadlineSeconds - this.elapsedSeconds();
    const res = await solver.solve(problem, {
      timeLimitSeconds: Math.max(0.05, Math.min(this.opts.milpTimeLimitSeconds, left)),
      ...extra,
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    });
    this.stats.milpNodes += res.nodes;
    this.stats.milpSeconds += res.seconds;
    return res;
  }
}
