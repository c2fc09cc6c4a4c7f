// The one rule for numbers, percentages and dates in result text (verdicts, diagnostics, hovers, notes). The panel
// draws with the same rule, mirrored in src/webview/format.ts (the webview may import nothing from the server);
// test/unit/format.rules.test.ts holds the two to the same outputs.

/**
 * `digits` significant digits, trailing zeros dropped; exponent form below 1e-3 and from 1e6 on
 * (0.6553, 12.5, 6.72e-4, 1.5e+6).
 */
export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

export function vec(v: readonly number[], digits = 4): string {
  return `(${v.map((x) => num(x, digits)).join(', ')})`;
}

/** The most digits any pair is printed with: float64 round-trips at 17. */
const MAX_PAIR_DIGITS = 17;

/**
 * Significant digits for a pair: one more than the fewest (at least `least`) at which every coordinate where x and y
 * differ prints differently, so a pair 6.7e-4 apart never reads as one point twice and the printed difference
 * carries the separation's leading digit: 2.54512 / 2.54445 → 5 digits (2.5451 / 2.5445).
 */
export function pairDigits(x: readonly number[], y: readonly number[], least = 4): number {
  for (let d = least; d < MAX_PAIR_DIGITS; d++) {
    if (x.every((v, i) => v === y[i] || num(v, d) !== num(y[i], d))) return Math.min(d + 1, MAX_PAIR_DIGITS);
  }
  return MAX_PAIR_DIGITS;
}

/** A fraction as a percentage with two significant digits: 0.0009146 → "0.091%", 0.4 → "40%". */
export function percentText(fraction: number): string {
  return `${num(fraction * 100, 2)}%`;
}

/** A date in the reader's local time, one style on every surface: "5 Dec 2026, 23:10:19". */
export function dateText(epochMs: number): string {
  return new Date(epochMs).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A duration: "4.1 s", "42 s", "2.5 min". */
export function secondsText(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${(s / 60).toFixed(1)} min`;
}
