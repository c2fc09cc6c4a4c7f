// A study's numbers as files: CSV with one row per instance (an orbit state's BL or PI radius, a map cell's r_BL),
// and JSON of the study exactly as the server holds it (every instance's typed result). Exact float64 values, never
// the rounded text of the panel. Pure (no DOM): unit-tested under node.
import type { StudyInstanceResult, StudyResults } from '../shared/studies';

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The radius columns of one instance: `radius` only when the result proved it; the bracket ends as they stand. */
function radiusColumns(inst: StudyInstanceResult): Array<string | number | null | undefined> {
  const r = inst.result;
  const upper = typeof r.radiusUpper === 'number' ? r.radiusUpper : null;
  return [r.status, r.radius, r.radiusLower, upper, r.stats.seconds, r.status === 'error' ? r.error.message : ''];
}

const RADIUS_HEADER = ['status', 'radius', 'radius_lower', 'radius_upper', 'seconds', 'error'];

/**
 * One row per instance, in the study's order. Orbit: key, k, query (bl/pi), the state's free inputs x_0…, the radius
 * columns, near_fold. Map: key, i, j, the cell centre's free inputs x_0…, the radius columns.
 */
export function studyCsv(study: StudyResults): string {
  const first = study.instances[0]?.place;
  const dims = first ? (first.kind === 'orbit-state' ? first.x.length : first.centre.length) : 0;
  const coords = Array.from({ length: dims }, (_, d) => `x_${d}`);
  const header = study.study.kind === 'orbit'
    ? ['key', 'k', 'query', ...coords, ...RADIUS_HEADER, 'near_fold']
    : ['key', 'i', 'j', ...coords, ...RADIUS_HEADER];
  const rows = study.instances.map((inst) => {
    const p = inst.place;
    const cells = p.kind === 'orbit-state'
      ? [inst.key, p.k, p.query, ...p.x, ...radiusColumns(inst), inst.nearFold ?? false]
      : [inst.key, p.i, p.j, ...p.centre, ...radiusColumns(inst)];
    return cells.map(field).join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** The study as the server holds it, pretty-printed. */
export function studyJson(study: StudyResults): string {
  return `${JSON.stringify(study, null, 2)}\n`;
}

/** "F-orbit-line-6": the model name, the study kind and its 1-based line. */
export function studyFileName(study: StudyResults): string {
  const model = /^\w+\s+(\w+)/.exec(study.queryText)?.[1] ?? 'study';
  return `${model}-${study.study.kind}-line-${study.line + 1}`;
}
