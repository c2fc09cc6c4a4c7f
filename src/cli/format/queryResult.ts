// The query commands' output: the human-readable result (verdict line first); progress is format/progressLine.ts.
import type { PruneRow, QueryResult } from '../../shared/results';
import { discrepancyWords, radiusWords, rowNumber } from '../../engine/prune/rowWords';

/** Appends "  name: value" lines, skipping absent values (numbers as they are, anything else as JSON). */
function detailAdder(lines: string[]): (k: string, v: unknown) => void {
  return (k, v) => { if (v !== undefined && v !== null) lines.push(`  ${k}: ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`); };
}

/** Verdict line first, then details. */
export function formatResult(r: QueryResult): string {
  const lines = [r.message];
  const add = detailAdder(lines);
  add('status', r.status);
  add('norm', r.norm === 'inf' ? 'L∞' : `L${r.norm}`);
  add('objective', r.objective);
  add('bound', r.bound);
  add('objective interval', r.objectiveLower !== undefined ? [r.objectiveLower, r.objectiveUpper] : undefined);
  add('radius', r.radius);
  // Only a certified result searched the whole box; an unresolved one has simply not found a pair yet.
  if (r.radiusLower !== undefined && r.radiusUpper === null) lines.push(`  radius: ≥ ${r.radiusLower} (${r.status === 'certified' ? 'no pair in the searched box' : 'no re-checked pair found yet'}: no upper end)`);
  else add('radius interval', r.radiusLower !== undefined ? [r.radiusLower, r.radiusUpper] : undefined);
  add('tolerance', r.tolerance);
  add('epsilon (separation floor)', r.epsilon);
  lines.push(...witnessLines(r));
  if (r.query === 'prune' && r.prune) lines.push(...pruneTable(r.prune));
  lines.push(`  time: ${r.stats.seconds.toFixed(2)} s${r.stats.solves !== undefined ? `, ${r.stats.solves} MILP solves` : ''}${r.stats.method ? `, method ${r.stats.method}` : ''}`);
  if (r.status === 'error') lines.push(`  error: ${r.error.code}: ${r.error.message}`);
  return lines.join('\n');
}

/** The witness in the words of its query: the attaining input of a discrepancy, else the pair (PI: x and c). */
function witnessLines(r: QueryResult): string[] {
  const w = r.witness;
  if (!w) return [];
  const lines: string[] = [];
  const add = detailAdder(lines);
  switch (r.query) {
    case 'discrepancy':
      add('attained at x', w.x);
      add('f1(x)', w.Fx);
      add('f2(x)', w.Fy);
      add('|f1(x) - f2(x)|inf', w.outputGap);
      add('checked by', w.checkedBy.join(', '));
      return lines;
    case 'transform':
    case 'bl':
    case 'pi':
    case 'radius-bl':
    case 'radius-pi': {
      const [F, b] = r.query === 'transform' ? ['f1', 'y'] : r.query === 'pi' || r.query === 'radius-pi' ? ['F', 'c'] : ['F', 'y'];
      add('witness x', w.x);
      add(`witness ${b}`, w.y);
      add(`${F}(x)`, w.Fx);
      add(`${F}(${b})`, w.Fy);
      add('f2(x)', w.Gx);
      add('f2(y)', w.Gy);
      add('separation', w.separation);
      add('output gap', w.outputGap);
      add('checked by', w.checkedBy.join(', '));
      return lines;
    }
    default: {
      // A new query kind with a witness must say how it is printed: this fails to compile until it does.
      const unhandled: never = r;
      return unhandled;
    }
  }
}

/** One line per level: the discrepancy and radius in the sweep's words (the number when proved, else the bracket). */
function pruneTable(rows: readonly PruneRow[]): string[] {
  const cells = rows.map((row) => row.notRun
    ? [`${row.level}%`, 'not run', '–', '–', '–', '']
    : [`${row.level}%`, discrepancyWords(row, rowNumber), row.discrepancyWitness ? `(${row.discrepancyWitness.x.map(rowNumber).join(', ')})` : '–',
      radiusWords(row, rowNumber), row.seconds.toFixed(2), row.file]);
  const head = ['level', 'discrepancy', 'attained at x', 'radius (BL)', 'time(s)', 'file'];
  const widths = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (c: readonly string[]): string => `  ${c.map((v, j) => (j === 4 ? v.padStart(widths[j]) : v.padEnd(widths[j]))).join('  ').trimEnd()}`;
  return [line(head), ...cells.map(line)];
}
