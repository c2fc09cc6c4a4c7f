// Table rows, agreement checks and the JSON record of a bench run.
import type { QueryResult } from '../src/shared/results';
import type { BenchCase } from './cases';
import { compareMatch, expectedMatch, isMatchResult, summarizeMatch } from './matchReport';
import type { Measurement } from './measure';

export interface CaseReport {
  readonly name: string;
  readonly fast: Measurement;
  /** The capped baselines (the case's `baselines`), in order. */
  readonly baselines: readonly Measurement[];
  /** fast vs each baseline: 'agree', a disagreement, or why it could not be compared. */
  readonly agreement: string;
  /** fast vs published (or probe) values, when the case has them. */
  readonly expected: string;
  /** fast vs the issue's target, when the case has one. */
  readonly target: string;
}

export function summarize(r: QueryResult | undefined): string {
  if (!r) return '-';
  if (isMatchResult(r)) return summarizeMatch(r);
  if (r.radiusLower !== undefined || r.radius !== undefined) {
    const [lo, hi] = bracket(r);
    return `${r.status} r∈[${lo.toFixed(6)}, ${Number.isFinite(hi) ? hi.toFixed(6) : '∞)'}${Number.isFinite(hi) ? ']' : ''}`;
  }
  return r.status;
}

/** Each baseline against the fast answer, '; '-joined and named by method. */
export function compareAll(c: BenchCase, fast: Measurement, baselines: readonly Measurement[]): string {
  if (baselines.length === 0) return 'no baseline';
  return baselines.map((b) => `${b.method}: ${compare(c, fast, b)}`).join('; ');
}

/** Same verdict for certify; overlapping brackets (within tolerance + ε) for radii. */
function compare(c: BenchCase, fast: Measurement, baseline: Measurement): string {
  const a = fast.result, b = baseline.result;
  if (!a || !b) return 'baseline did not finish';
  if (isMatchResult(a)) return compareMatch(a, b);
  if (a.status === 'unresolved' || b.status === 'unresolved') return 'unresolved on one side';
  if (c.spec.kind === 'certify') return a.status === b.status ? 'agree' : `DISAGREEMENT (${a.status} vs ${b.status})`;
  const slack = (a.tolerance ?? 1e-3) + (a.epsilon ?? 0) + (b.tolerance ?? 1e-3);
  const [alo, ahi] = bracket(a), [blo, bhi] = bracket(b);
  return alo <= bhi + slack && blo <= ahi + slack ? 'agree' : `DISAGREEMENT ([${alo}, ${ahi}] vs [${blo}, ${bhi}])`;
}

export function checkExpected(c: BenchCase, fast: Measurement): string {
  if (!c.expect && !c.expectDiscrepancies) return '';
  const r = fast.result;
  if (!r) return 'MISSING';
  if (isMatchResult(r)) return expectedMatch(c, r);
  if (!c.expect) return '';
  const [lo, hi] = bracket(r);
  const tol = c.expectTolerance ?? 1e-3;
  const ok = c.expect.some((v) => Math.abs(lo - v) <= tol && Math.abs(hi - v) <= tol);
  return ok ? `ok (published ${c.expect.join(' / ')})` : `OFF (published ${c.expect.join(' / ')})`;
}

/** The radius bracket; radiusUpper null (no pair in the searched box) is an open upper end. */
function bracket(r: QueryResult): [number, number] {
  const lo = r.radiusLower ?? r.radius ?? NaN;
  return [lo, r.radiusUpper === null ? Infinity : r.radiusUpper ?? r.radius ?? lo];
}

/** The issue's target for the case: met, or what missed it. */
export function checkTarget(c: BenchCase, fast: Measurement): string {
  const t = c.target;
  if (!t) return '';
  const answered = fast.result !== undefined && t.answered(fast.result);
  const inTime = fast.outcome === 'done' && fast.seconds <= t.seconds;
  const verdict = answered && inTime ? 'met' : `MISSED (${[!answered ? 'not answered as asked' : '', !inTime ? `${fast.seconds.toFixed(1)} s` : ''].filter((s) => s).join(', ')})`;
  return `target ${t.text}: ${verdict}`;
}

/** How many times faster the fast answer was than the baseline; a capped baseline gives a lower bound (≥). */
export function ratio(fast: Measurement, baseline: Measurement): string {
  if (fast.outcome !== 'done') return '-';
  const x = baseline.seconds / Math.max(fast.seconds, 1e-3);
  if (baseline.outcome === 'timeout') return `≥ ${x.toFixed(1)}×`;
  if (baseline.outcome !== 'done') return '-';
  return `${x.toFixed(1)}×`;
}

/** One line per measurement: the fast one with the case's checks, then each baseline with its speed ratio. */
export function table(rows: readonly CaseReport[]): string {
  const header = ['case', 'method', 'result', 'seconds', 'cpu s', 'nodes', 'ratio', 'check'];
  const lines: string[][] = [header];
  for (const r of rows) {
    for (const m of [r.fast, ...r.baselines]) {
      const isFast = m === r.fast;
      const result = m.outcome === 'done' ? summarize(m.result) : m.outcome === 'timeout' ? `timeout (cap ${m.seconds.toFixed(1)} s)${m.result ? `, so far ${summarize(m.result)}` : ''}` : `failed: ${m.error ?? ''}`;
      lines.push([
        isFast ? r.name : '', m.method + (isFast && m.result?.stats.method ? ` (${m.result.stats.method})` : ''), result,
        m.seconds.toFixed(2), m.cpuSeconds.toFixed(2), String(m.result?.stats.nodes ?? '-'),
        isFast ? '' : ratio(r.fast, m), isFast ? [r.agreement, r.expected, r.target].filter((s) => s).join('; ') : '',
      ]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const fmt = (l: string[]): string => `| ${l.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(lines[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.slice(1).map(fmt)].join('\n');
}

/**
 * The speed-up over each baseline against a target factor: shown (the baseline took, or was capped at, at least
 * that many times the fast time), less (the baseline finished sooner), or not shown (its cap came first).
 */
export function speedupLine(rows: readonly CaseReport[], factor: number): string {
  const shown: string[] = [], less: string[] = [], open: string[] = [];
  for (const r of rows) {
    for (const b of r.baselines) {
      if (r.fast.outcome !== 'done' || b.outcome === 'failed') continue;
      const label = `${r.name} vs ${b.method} ${ratio(r.fast, b)}`;
      if (b.seconds / Math.max(r.fast.seconds, 1e-3) >= factor) shown.push(label);
      else if (b.outcome === 'done') less.push(label);
      else open.push(label);
    }
  }
  const list = (xs: string[]): string => `${xs.length}${xs.length > 0 ? ` (${xs.join(', ')})` : ''}`;
  return `≥ ${factor}× over the MILP: shown on ${list(shown)}; LESS on ${list(less)}; not shown, the cap came first, on ${list(open)}`;
}
