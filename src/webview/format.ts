// Number, point, percentage and date formatting for the panel's tables and plots. The rule is the server's
// (src/server/results/numberText.ts), mirrored here because the webview imports nothing from the server;
// test/unit/format.rules.test.ts holds both sides to the same outputs.

/** `digits` significant digits, trailing zeros dropped; exponent form below 1e-3 and from 1e6 on; "—" for none. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(digits)));
}

export function fmtPoint(point: readonly number[], digits = 4): string {
  return `(${point.map((v) => fmt(v, digits)).join(', ')})`;
}

/** The most digits any pair is printed with: float64 round-trips at 17. */
const MAX_PAIR_DIGITS = 17;

/** Significant digits for a pair: one more than the fewest (at least `least`) at which the differing coordinates print differently. */
export function pairDigits(x: readonly number[], y: readonly number[], least = 4): number {
  for (let d = least; d < MAX_PAIR_DIGITS; d++) {
    if (x.every((v, i) => v === y[i] || fmt(v, d) !== fmt(y[i], d))) return Math.min(d + 1, MAX_PAIR_DIGITS);
  }
  return MAX_PAIR_DIGITS;
}

/** A fraction as a percentage with two significant digits. */
export function fmtPercent(fraction: number): string {
  return `${fmt(fraction * 100, 2)}%`;
}

/** A date in the reader's local time, in the hover's style: "5 Dec 2026, 23:10:19". */
export function fmtDate(epochMs: number): string {
  return new Date(epochMs).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function fmtSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

export const normSymbol = { inf: '∞', '1': '₁', '2': '₂' } as const;
