// Reading match and prune results in the bench: their brackets, one-line answers, the check of a fast answer
// against a baseline's (both brackets must hold the true value, so they must overlap), and against the probe's
// numbers.
import { distance } from '../src/engine/norms/norm';
import type { PruneRow, QueryResult } from '../src/shared/results';
import type { BenchCase } from './cases';

type Bracket = readonly [number, number];

const num = (v: number): string => (Number.isFinite(v) ? v.toFixed(6) : '∞');
const bracketText = ([lo, hi]: Bracket): string => `[${num(lo)}, ${num(hi)}]`;

/** True for the results this file reads (a match or a sweep). */
export function isMatchResult(r: QueryResult): boolean {
  return r.query === 'discrepancy' || r.query === 'transform' || r.query === 'prune';
}

/**
 * [lower, upper] of a match result. Discrepancy: the value at the re-checked input (the objective when certified)
 * and the proved upper bound. Transform: ‖f₂(x) − f₂(y)‖∞ of the refuting pair (0 without one) and the proved
 * bound; certified claims [0, tolerance]. An upper end nothing proved is ∞.
 */
export function matchBracket(r: QueryResult): Bracket {
  const upper = r.bound ?? Infinity;
  if (r.query === 'transform') {
    if (r.status === 'certified') return [0, r.tolerance];
    const w = r.witness;
    return [r.objective ?? (w?.Gx && w.Gy ? distance(w.Gx, w.Gy, 'inf') : 0), upper];
  }
  return [r.objective ?? r.witness?.outputGap ?? 0, upper];
}

/** A sweep row's discrepancy bracket: the certified value, else its re-checked lower end (0 without one) and its upper bound. */
function rowDiscrepancy(row: PruneRow): Bracket {
  return [row.discrepancy ?? row.discrepancyLower ?? 0, row.discrepancyBound ?? Infinity];
}

/** A sweep row's radius bracket (no pair in the box: no upper end). */
function rowRadius(row: PruneRow): Bracket {
  return [row.radiusLower ?? 0, row.radiusUpper ?? Infinity];
}

export function summarizeMatch(r: QueryResult): string {
  if (r.status === 'error') return 'error';
  if (r.query === 'prune') {
    const rows = r.prune ?? [];
    const disc = rows.filter((row) => row.discrepancy !== null).length;
    const radii = rows.filter((row) => row.radiusStatus === 'certified').length;
    return `${r.status}: ${disc}/${rows.length} discrepancies, ${radii}/${rows.length} radii certified`;
  }
  const b = matchBracket(r);
  if (r.query === 'transform') {
    if (r.status === 'certified') return `certified: T exists (≤ ${r.tolerance})`;
    if (r.status === 'counterexample') return r.objective !== null ? `refuted, max ${num(r.objective)}` : `refuted at ${num(b[0])}, max in ${bracketText(b)}`;
    return `unresolved ${bracketText(b)}`;
  }
  return r.status === 'certified' ? `certified ${num(b[0])}` : `unresolved ${bracketText(b)}`;
}

const overlap = (a: Bracket, b: Bracket, slack: number): boolean => a[0] <= b[1] + slack && b[0] <= a[1] + slack;

/**
 * Fast against baseline: every sound answer's bracket holds the true value, so two brackets that do not overlap
 * (beyond both tolerances) are a disagreement: a certified transform against a refuting pair, or two
 * discrepancies further apart than their tolerances. Sweeps are compared level by level, radii within 1e-3 + ε.
 */
export function compareMatch(fast: QueryResult, base: QueryResult): string {
  if (fast.status === 'error' || base.status === 'error') return `error on one side (${fast.status} vs ${base.status})`;
  const settled = fast.status !== 'unresolved' && base.status !== 'unresolved';
  if (fast.query === 'prune') {
    const pairs = (fast.prune ?? []).flatMap((row) => {
      const other = (base.prune ?? []).find((o) => o.level === row.level && !o.notRun);
      return other && !row.notRun ? [[row, other] as const] : [];
    });
    const slack = (v: number): number => fast.tolerance * (1 + Math.abs(v)) + base.tolerance * (1 + Math.abs(v));
    for (const [row, other] of pairs) {
      const [a, b] = [rowDiscrepancy(row), rowDiscrepancy(other)];
      if (!overlap(a, b, slack(a[0]))) return `DISAGREEMENT at ${row.level}%: discrepancy ${bracketText(a)} vs ${bracketText(b)}`;
      const [ra, rb] = [rowRadius(row), rowRadius(other)];
      if (!overlap(ra, rb, 2e-3)) return `DISAGREEMENT at ${row.level}%: radius ${bracketText(ra)} vs ${bracketText(rb)}`;
    }
    return pairs.length === 0 ? 'no level finished on both sides' : `${settled ? 'agree' : 'consistent'} (${pairs.length} levels)`;
  }
  const [a, b] = [matchBracket(fast), matchBracket(base)];
  const slack = fast.tolerance * (1 + Math.abs(a[0])) + base.tolerance * (1 + Math.abs(b[0])) + 1e-9;
  if (!overlap(a, b, slack)) return `DISAGREEMENT (${fast.status} ${bracketText(a)} vs ${base.status} ${bracketText(b)})`;
  return settled ? 'agree' : 'consistent (brackets overlap)';
}

/**
 * Against a probe value v that is itself the lower end of a bracket of width ≤ tol: 'ok' when the bracket is that
 * narrow and its lower end within tol of v, 'open' when it only holds v (within tol), else 'OFF'.
 */
function againstValue([lo, hi]: Bracket, v: number, tol: number): 'ok' | 'open' | 'OFF' {
  const holds = lo - tol <= v && v <= hi + tol;
  if (holds && hi - lo <= tol && Math.abs(lo - v) <= tol) return 'ok';
  return holds ? 'open' : 'OFF';
}

/** The fast answer against the probe's discrepancies (a match's `expect`, a sweep's `expectDiscrepancies`). */
export function expectedMatch(c: BenchCase, r: QueryResult): string {
  const tol = c.expectTolerance ?? 1e-4;
  const checks: Array<[string, Bracket, number]> = r.query === 'prune'
    ? (c.expectDiscrepancies ?? []).flatMap((v, i) => { const row = r.prune?.[i]; return row ? [[`${row.level}%`, rowDiscrepancy(row), v] as [string, Bracket, number]] : []; })
    : (c.expect ?? []).map((v) => ['', matchBracket(r), v] as [string, Bracket, number]);
  if (checks.length === 0) return '';
  const verdicts = checks.map(([label, b, v]) => [label, againstValue(b, v, tol), b, v] as const);
  const off = verdicts.filter(([, verdict]) => verdict !== 'ok');
  if (off.length === 0) return `ok (probe ${checks.map(([, , v]) => v).join(' / ')})`;
  return off.map(([label, verdict, b, v]) => `${verdict}${label ? ` at ${label}` : ''}: ${bracketText(b)} vs probe ${v}`).join('; ');
}

/** One line per finished sweep measurement: each level's discrepancy (or bracket) and radius. */
export function pruneLines(name: string, results: ReadonlyArray<readonly [string, QueryResult | undefined]>): string[] {
  return results.flatMap(([method, r]) => {
    if (r?.query !== 'prune' || !r.prune) return [];
    const cells = r.prune.map((row) => {
      if (row.notRun) return `${row.level}% not run`;
      const disc = row.discrepancy !== null ? num(row.discrepancy) : bracketText(rowDiscrepancy(row));
      const radius = row.radius !== null ? num(row.radius) : bracketText(rowRadius(row));
      return `${row.level}% ${disc} (r ${radius})`;
    });
    return [`  ${name}, ${method}: ${cells.join('; ')}`];
  });
}
