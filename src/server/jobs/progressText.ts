// Engine progress as the one line the progress UI and the status item show.
import type { EngineProgress } from '../../shared/querySpec';
import { num } from '../results/format';

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

/** "phase: message", without repeating the phase when the engine's message already starts with it. */
export function withPhase(phase: string, message: string): string {
  return message.toLowerCase().startsWith(phase.toLowerCase()) ? message : `${phase}: ${message}`;
}
