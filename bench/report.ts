// Table rows, agreement checks and the JSON record of a bench run.
import type { QueryResult } from '../src/shared/results';
import type { BenchCase } from './cases';
import type { Measurement } from './measure';

export interface CaseReport {
  readonly name: string;
  readonly fast: Measurement;
  readonly paper: Measurement | null;
  /** fast vs paper: 'agree', 'differ', or why it could not be compared. */
  readonly agreement: string;
  /** fast vs published values, when the case has them. */
  readonly expected: string;
}

export function summarize(r: QueryResult | undefined): string {
  if (!r) return '-';
  if (r.radiusLower !== undefined || r.radius !== undefined) {
    const [lo, hi] = bracket(r);
    return `${r.status} r∈[${lo.toFixed(6)}, ${Number.isFinite(hi) ? hi.toFixed(6) : '∞)'}${Number.isFinite(hi) ? ']' : ''}`;
  }
  return r.status;
}

/** Same verdict for certify; overlapping brackets (within tolerance + ε) for radii. */
export function compare(c: BenchCase, fast: Measurement, paper: Measurement | null): string {
  if (!paper) return 'no baseline';
  const a = fast.result, b = paper.result;
  if (!a || !b) return 'baseline did not finish';
  if (a.status === 'unresolved' || b.status === 'unresolved') return 'unresolved on one side';
  if (c.spec.kind === 'certify') return a.status === b.status ? 'agree' : `DIFFER (${a.status} vs ${b.status})`;
  const slack = (a.tolerance ?? 1e-3) + (a.epsilon ?? 0) + (b.tolerance ?? 1e-3);
  const [alo, ahi] = bracket(a), [blo, bhi] = bracket(b);
  return alo <= bhi + slack && blo <= ahi + slack ? 'agree' : `DIFFER ([${alo}, ${ahi}] vs [${blo}, ${bhi}])`;
}

export function checkExpected(c: BenchCase, fast: Measurement): string {
  if (!c.expect) return '';
  const r = fast.result;
  if (!r) return 'MISSING';
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

export function ratio(fast: Measurement, paper: Measurement | null): string {
  if (!paper || fast.outcome !== 'done') return '-';
  const x = paper.seconds / Math.max(fast.seconds, 1e-3);
  if (paper.outcome === 'timeout') return `≥ ${x.toFixed(1)}×`;
  if (paper.outcome !== 'done') return '-';
  return `${x.toFixed(1)}×`;
}

export function table(rows: readonly CaseReport[]): string {
  const header = ['case', 'method', 'result', 'seconds', 'cpu s', 'nodes', 'ratio', 'check'];
  const lines: string[][] = [header];
  for (const r of rows) {
    for (const m of [r.fast, ...(r.paper ? [r.paper] : [])]) {
      const isFast = m === r.fast;
      const result = m.outcome === 'done' ? summarize(m.result) : m.outcome === 'timeout' ? `timeout (cap ${m.seconds.toFixed(1)} s)` : `failed: ${m.error ?? ''}`;
      lines.push([
        isFast ? r.name : '', m.method + (isFast && m.result?.stats.method ? ` (${m.result.stats.method})` : ''), result,
        m.seconds.toFixed(2), m.cpuSeconds.toFixed(2), String(m.result?.stats.nodes ?? '-'),
        isFast ? ratio(r.fast, r.paper) : '', isFast ? [r.agreement, r.expected].filter((s) => s).join('; ') : '',
      ]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const fmt = (l: string[]): string => `| ${l.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
  return [fmt(lines[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.slice(1).map(fmt)].join('\n');
}
