// The one-line verdict of a study (orbit, map), worded once for every view: the inline text after its line, the bold
// line of its hover and the panel's list. Radii are quoted by their proved lower ends (`radiusLower`: every smaller
// ball is certified), so a range never claims more than its instances proved; unresolved and failed instances are
// counted, never folded into the range.
import type { QueryResult, QueryStatus } from '../../shared/results';
import type { StudyInstanceResult, StudyResults } from '../../shared/studies';
import { num } from './numberText';

/** The proved lower ends of the certified radii among `instances`, for one radius query. */
function provedRadii(instances: readonly StudyInstanceResult[], query: 'radius-bl' | 'radius-pi'): number[] {
  const out: number[] = [];
  for (const i of instances) {
    const r: QueryResult = i.result;
    if (r.query === query && r.status === 'certified') out.push(r.radiusLower);
  }
  return out;
}

function rangeText(name: string, radii: readonly number[]): string | undefined {
  if (radii.length === 0) return undefined;
  const lo = Math.min(...radii), hi = Math.max(...radii);
  return lo === hi ? `${name} ≥ ${num(lo)}` : `${name} ≥ ${num(lo)} … ${num(hi)}`;
}

/**
 * A study's status, the one rule behind its verdict's mark, its inline colour and the panel list's filter: error when
 * an instance failed, certified only when every instance is in and certified, otherwise unresolved.
 */
export function studyStatus(s: StudyResults): QueryStatus {
  if (s.instances.some((i) => i.result.status === 'error')) return 'error';
  return s.instances.length === s.total && s.instances.every((i) => i.result.status === 'certified') ? 'certified' : 'unresolved';
}

const MARKS: Record<QueryStatus, string> = { certified: '✓', unresolved: '?', error: '⚠', counterexample: '✗' };

/** e.g. "✓ 41 of 41 states · r_BL ≥ 0.0123 … 0.6553 · R_PI ≥ 0.21 … 2.774 · 3 near the fold". */
export function studyVerdict(s: StudyResults): string {
  const unit = s.study.kind === 'orbit' ? 'states' : 'cells';
  const perPlace = s.study.kind === 'orbit' ? s.study.queries.length : 1;
  const done = Math.floor(s.instances.length / perPlace), total = Math.floor(s.total / perPlace);
  const unresolved = s.instances.filter((i) => i.result.status === 'unresolved').length;
  const failed = s.instances.filter((i) => i.result.status === 'error').length;
  const nearFold = s.instances.filter((i) => i.nearFold === true).length;
  const parts = [
    `${done} of ${total} ${unit}`,
    rangeText('r_BL', provedRadii(s.instances, 'radius-bl')),
    rangeText('R_PI', provedRadii(s.instances, 'radius-pi')),
    s.study.kind === 'orbit' && nearFold > 0 ? `${nearFold} near the fold` : undefined,
    unresolved > 0 ? `${unresolved} unresolved` : undefined,
    failed > 0 ? `${failed} failed` : undefined,
  ].filter((p): p is string => p !== undefined);
  const status = studyStatus(s);
  const mark = s.running ? '⟳' : status === 'unresolved' && s.instances.length < s.total ? '◐' : MARKS[status];
  return `${mark} ${parts.join(' · ')}${!s.running && s.instances.length < s.total ? ' (stopped: run it again to finish)' : ''}`;
}
