// A pruning level's discrepancy and radius in words, the same on every surface (the sweep's message, its progress
// line, the CLI table, the editor's hover and the panel's table): the number only when it is proved, else the
// bracket found so far, never "?". Each surface passes its own number format.
import type { PruneRow } from '../../shared/results';

export type NumberFormat = (v: number) => string;

/** `digits` significant digits, trailing zeros dropped: significant(6)(0.0942930) = "0.094293". */
export function significant(digits: number): NumberFormat {
  return (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v));
}

/** The columns the words are made of (a row, or the running level's bounds so far). */
export type DiscrepancyColumns = Pick<PruneRow, 'discrepancy' | 'discrepancyLower' | 'discrepancyBound'>;
export type RadiusColumns = Pick<PruneRow, 'radius' | 'radiusLower' | 'radiusUpper'> & Partial<Pick<PruneRow, 'radiusStatus'>>;

/** The numbers of a finished row: 6 significant digits ("0.094293"), as the sweep's message, the CLI, hover and panel show them. */
export const rowNumber = significant(6);

/** "0.094293" when certified, "in [0.0943, 0.4989]", "≥ 0.0943" (nothing proved above), "≤ 0.4989" (no input evaluated), or "no bound found". */
export function discrepancyWords(c: DiscrepancyColumns, num: NumberFormat): string {
  if (c.discrepancy !== null) return num(c.discrepancy);
  return bracketWords(c.discrepancyLower, c.discrepancyBound, num);
}

/** "0.6554" when it is the radius, "in [0.61, 0.66]", "≥ 0.61" (no pair found above), "search failed" or "no bound found". */
export function radiusWords(c: RadiusColumns, num: NumberFormat): string {
  if (c.radius !== null) return num(c.radius);
  if (c.radiusStatus === 'error' && c.radiusLower === null && c.radiusUpper === null) return 'search failed';
  return bracketWords(c.radiusLower, c.radiusUpper, num);
}

function bracketWords(lower: number | null, upper: number | null, num: NumberFormat): string {
  if (lower !== null && upper !== null) return `in [${num(lower)}, ${num(upper)}]`;
  if (lower !== null) return `≥ ${num(lower)}`;
  if (upper !== null) return `≤ ${num(upper)}`;
  return 'no bound found';
}

/** "30% → discrepancy 0.094293, radius in [0.61, 0.66]" (or "30% → not run"). */
export function levelWords(row: PruneRow, num: NumberFormat): string {
  if (row.notRun) return `${row.level}% → not run`;
  return `${row.level}% → discrepancy ${discrepancyWords(row, num)}, radius ${radiusWords(row, num)}`;
}
