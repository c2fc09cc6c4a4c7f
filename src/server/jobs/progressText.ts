// The engine's own progress line, for the log ("split: radius: scanning det DF", MIP gaps); what a person reads is
// ProgressWords (src/engine/progressWords.ts).
import type { EngineProgress } from '../../shared/querySpec';
import { num } from '../results/format';

/** The engine's line for the log: its message, with a MILP's incumbent and bound when it has them. */
export function progressMessage(p: EngineProgress): string {
  const parts = [p.message];
  const mip: string[] = [];
  if (p.incumbent !== undefined && p.incumbent !== null) mip.push(`incumbent ${num(p.incumbent, 3)}`);
  if (p.bound !== undefined && p.bound !== null) mip.push(`bound ${num(p.bound, 3)}`);
  if (p.gap !== undefined && p.gap !== null && Number.isFinite(p.gap)) mip.push(`gap ${Math.round(p.gap * 100)}%`);
  if (mip.length > 0 && !/incumbent|bound|gap/.test(p.message)) parts.push(mip.join(', '));
  return parts.filter((s) => s.length > 0).join(' — ');
}

export function progressPercent(p: EngineProgress): number | undefined {
  return p.fraction === undefined ? undefined : Math.max(0, Math.min(100, Math.round(p.fraction * 100)));
}
