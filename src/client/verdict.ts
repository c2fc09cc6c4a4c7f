// One-line verdicts for inline decorations and the panel list, e.g. "✓ certified r = 0.6553 (4.1 s)".
// Pure (no vscode import): unit-tested in test/unit/client.verdict.test.ts.
import type { NormName, QueryResult, QueryStatus } from '../shared/results';

/** 4 significant digits, trailing zeros dropped; exponent form only for very small or large magnitudes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(2);
  const fixed = value.toPrecision(4);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function formatPoint(point: readonly number[]): string {
  return `(${point.map(formatNumber).join(', ')})`;
}

/** Decimals for a witness pair so x and y visibly differ: one more than the separation's first significant decimal, 3..8. */
export function pairDecimals(separation: number): number {
  if (!(separation > 0) || !Number.isFinite(separation)) return 4;
  return Math.min(8, Math.max(3, Math.ceil(-Math.log10(separation)) + 1));
}

/** A point with fixed decimals (trailing zeros dropped); exponent form only for huge magnitudes. */
export function formatPointWithDecimals(point: readonly number[], decimals: number): string {
  const coord = (value: number): string => {
    if (!Number.isFinite(value) || Math.abs(value) >= 1e6) return formatNumber(value);
    const fixed = value.toFixed(decimals).replace(/\.?0+$/, '');
    return fixed === '-0' ? '0' : fixed;
  };
  return `(${point.map(coord).join(', ')})`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

const normSubscript: Record<NormName, string> = { inf: '∞', '1': '₁', '2': '₂' };

export function normLabel(norm: NormName): string {
  return normSubscript[norm];
}

export const statusGlyph: Record<QueryStatus, string> = {
  certified: '✓',
  counterexample: '✗',
  unresolved: '?',
  error: '⚠',
};

function radiusText(result: QueryResult): string | undefined {
  const symbol = result.query === 'radius-pi' ? 'R' : 'r';
  if (result.radius !== undefined) return `${symbol} = ${formatNumber(result.radius)}`;
  if (result.radiusLower !== undefined && result.radiusUpper !== undefined) {
    return `${symbol} ∈ [${formatNumber(result.radiusLower)}, ${formatNumber(result.radiusUpper)}]`;
  }
  return undefined;
}

function witnessText(result: QueryResult): string | undefined {
  const w = result.witness;
  if (!w) return undefined;
  const n = normLabel(result.norm);
  if (result.query === 'discrepancy') return `at x = ${formatPoint(w.x)}`;
  const decimals = pairDecimals(w.separation);
  if (result.query === 'pi' || result.query === 'radius-pi') {
    return `x = ${formatPointWithDecimals(w.x, decimals)}, F(x) = F(c), ‖x−c‖${n} = ${formatNumber(w.separation)}`;
  }
  return `x = ${formatPointWithDecimals(w.x, decimals)}, y = ${formatPointWithDecimals(w.y, decimals)}, ‖x−y‖${n} = ${formatNumber(w.separation)}`;
}

function gapText(result: QueryResult): string | undefined {
  if (result.gap === null || !Number.isFinite(result.gap)) return undefined;
  return `gap ${formatNumber(result.gap * 100)}%`;
}

/** The verdict without the timing suffix. */
export function verdictBody(result: QueryResult): string {
  const glyph = statusGlyph[result.status];
  const n = normLabel(result.norm);
  switch (result.status) {
    case 'error':
      return `${glyph} ${result.error?.message ?? result.message}`;
    case 'unresolved': {
      const parts = [gapText(result), radiusText(result)].filter((p): p is string => p !== undefined);
      return parts.length > 0 ? `${glyph} unresolved, ${parts.join(', ')}` : `${glyph} unresolved`;
    }
    case 'counterexample': {
      const parts = [radiusText(result), witnessText(result)].filter((p): p is string => p !== undefined);
      return parts.length > 0 ? `${glyph} ${parts.join(' · ')}` : `${glyph} ${result.message}`;
    }
    case 'certified': {
      if (result.query === 'discrepancy' && result.objective !== null) {
        const at = witnessText(result);
        return `${glyph} max ‖f₁−f₂‖${n} = ${formatNumber(result.objective)}${at ? ` ${at}` : ''}`;
      }
      if (result.query === 'transform') return `${glyph} certified f₂ = T∘f₁ on the domain`;
      if (result.invertibleOnDomain) return `${glyph} invertible on the whole domain`;
      const radius = radiusText(result);
      if (radius && (result.query === 'radius-bl' || result.query === 'radius-pi')) return `${glyph} certified ${radius}`;
      if (result.boxRadius !== undefined) return `${glyph} certified on B${n}(c, ${formatNumber(result.boxRadius)})`;
      return `${glyph} ${result.message}`;
    }
  }
}

/** Full verdict, e.g. "✓ certified r = 0.6553 (4.1 s)". */
export function verdictText(result: QueryResult): string {
  if (result.status === 'error') return verdictBody(result);
  return `${verdictBody(result)} (${formatSeconds(result.stats.seconds)})`;
}
