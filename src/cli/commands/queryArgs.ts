// Argument parsing shared by certify / radius / match / prune, and the human-readable result printer.
import { writeSync } from 'node:fs';
import type { EngineProgress, ModelRef } from '../../shared/querySpec';
import type { NormName, QueryResult } from '../../shared/results';

export class UsageError extends Error {}

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

const FLAGS = new Set(['json', 'help']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAGS.has(name)) { flags.add(name); continue; }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options, flags };
}

export function one(p: ParsedArgs, name: string): string | undefined {
  const v = p.options.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
  return v?.[0];
}

export function required(p: ParsedArgs, name: string): string {
  const v = one(p, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function num(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${what}: '${text}' is not a number`);
  return v;
}

export function numberList(text: string, what: string): number[] {
  return text.split(',').map((t) => num(t, what));
}

/** --fix IDX=VAL (repeatable; also IDX=VAL,IDX=VAL). IDX is 0-based among all inputs. */
export function parseFixed(p: ParsedArgs): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const raw of p.options.get('fix') ?? []) {
    for (const item of raw.split(',')) {
      const m = /^(\d+)=(.+)$/.exec(item.trim());
      if (!m) throw new UsageError(`--fix expects IDX=VAL, got '${item}'`);
      out.push([Number(m[1]), num(m[2], '--fix value')]);
    }
  }
  return out;
}

export function modelRef(path: string, p: ParsedArgs): ModelRef {
  return { path, fixed: parseFixed(p) };
}

export function parseNorm(p: ParsedArgs): NormName {
  const v = one(p, 'norm') ?? 'inf';
  if (v === 'inf' || v === '1' || v === '2') return v;
  throw new UsageError(`--norm must be inf, 1 or 2, got '${v}'`);
}

/** --box lo:hi,lo:hi,... */
export function parseBox(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--box expects lo:hi,... got '${part}'`);
    return [num(m[1], '--box'), num(m[2], '--box')];
  });
}

export function choice<T extends string>(p: ParsedArgs, name: string, allowed: readonly T[], fallback?: T): T {
  const v = one(p, name) ?? fallback;
  if (v === undefined) throw new UsageError(`--${name} is required (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  return v as T;
}

export function exportTarget(p: ParsedArgs): { path: string; format: 'lp' | 'mps' } | undefined {
  const lp = one(p, 'export-lp'), mps = one(p, 'export-mps');
  if (lp && mps) throw new UsageError('give either --export-lp or --export-mps');
  return lp ? { path: lp, format: 'lp' } : mps ? { path: mps, format: 'mps' } : undefined;
}

/** Progress lines on stderr (throttled), so stdout stays the result. */
export function stderrProgress(): (p: EngineProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    writeSync(2, `[${p.phase}] ${p.message}\n`);
  };
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
