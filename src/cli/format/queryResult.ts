// The query commands' output: the human-readable result (verdict line first) and the progress lines on stderr.
import type { EngineProgress } from '../../shared/querySpec';
import type { QueryResult } from '../../shared/results';
import { throttledStderr } from './throttledStderr';

export function stderrProgress(): (p: EngineProgress) => void {
  return throttledStderr((p) => `[${p.phase}] ${p.message}`);
}

/** Verdict line first, then details. */
export function formatResult(r: QueryResult): string {
  const lines = [r.message];
  const add = (k: string, v: unknown): void => { if (v !== undefined && v !== null) lines.push(`  ${k}: ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`); };
  add('status', r.status);
  add('norm', r.norm === 'inf' ? 'L∞' : `L${r.norm}`);
  add('objective', r.objective);
  add('bound', r.bound);
  add('objective interval', r.objectiveLower !== undefined ? [r.objectiveLower, r.objectiveUpper] : undefined);
  add('radius', r.radius);
  add('radius interval', r.radiusLower !== undefined ? [r.radiusLower, r.radiusUpper ?? null] : undefined);
  add('tolerance', r.tolerance);
  add('epsilon (separation floor)', r.epsilon);
  if (r.witness) {
    add('witness x', r.witness.x);
    add('witness y', r.witness.y);
    add('F(x)', r.witness.Fx);
    add('F(y)', r.witness.Fy);
    add('separation', r.witness.separation);
    add('output gap', r.witness.outputGap);
    add('checked by', r.witness.checkedBy.join(', '));
  }
  if (r.prune) {
    lines.push('  level  discrepancy    radius         time(s)  file');
    for (const row of r.prune) {
      lines.push(`  ${String(row.level).padStart(5)}  ${fmtCell(row.discrepancy)}  ${fmtCell(row.radius)}  ${row.seconds.toFixed(2).padStart(7)}  ${row.file}`);
    }
  }
  lines.push(`  time: ${r.stats.seconds.toFixed(2)} s${r.stats.solves !== undefined ? `, ${r.stats.solves} MILP solves` : ''}${r.stats.method ? `, method ${r.stats.method}` : ''}`);
  if (r.error) lines.push(`  error: ${r.error.code}: ${r.error.message}`);
  return lines.join('\n');
}

function fmtCell(v: number | null): string {
  return (v === null ? '?' : v.toPrecision(6)).padEnd(13);
}
