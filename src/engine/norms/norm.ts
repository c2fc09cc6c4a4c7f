// Vector norms used by every query (the user's choice of ball and separation measure).
import type { NormName } from '../../shared/results';

/** The subscript of a norm in result text: B∞(c, r), ‖x − y‖₁. */
export const normSymbol: Readonly<Record<NormName, string>> = { inf: '∞', '1': '₁', '2': '₂' };

export function normOf(d: ArrayLike<number>, norm: NormName): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) {
    const a = Math.abs(d[i]);
    if (norm === 'inf') s = Math.max(s, a);
    else if (norm === '1') s += a;
    else s += a * a;
  }
  return norm === '2' ? Math.sqrt(s) : s;
}

export function distance(x: ArrayLike<number>, y: ArrayLike<number>, norm: NormName): number {
  return normOf(Array.from({ length: x.length }, (_, i) => x[i] - y[i]), norm);
}

export function maxAbs(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]));
  return s;
}

/**
 * Membership in the ball B(center, radius) for the witness rule, with a relative hair of slack for rounding in the
 * norm; undefined for L∞, whose ball is exactly the box the rule already checks.
 */
export function ballMembership(center: ArrayLike<number>, radius: number, norm: NormName): ((p: Float64Array) => boolean) | undefined {
  if (norm === 'inf') return undefined;
  return (p) => distance(p, center, norm) <= radius * (1 + 1e-7) + 1e-9;
}

/** B∞(c, r), B₁(c, r), B₂(c, r) in result text. */
export function ballText(norm: NormName, radius: number | string): string {
  return `B${normSymbol[norm]}(c, ${radius})`;
}
