// Number and point formatting for the panel (the extension side formats verdicts; these are for tables and plots).

/** 4 significant digits, trailing zeros dropped; exponent form for very small or large magnitudes. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(2);
  const text = value.toPrecision(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export function fmtPoint(point: readonly number[]): string {
  return `(${point.map((v) => fmt(v)).join(', ')})`;
}

export function fmtSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

export const normSymbol = { inf: '∞', '1': '₁', '2': '₂' } as const;
