// What the query commands (certify / radius / match / prune) read from the shared parser in ../args: their common
// option specs and value readers. The readers keep the query commands' own error wording (exit 64 via UsageError).
import type { ModelRef, QuerySpec } from '../../shared/querySpec';
import type { NormName } from '../../shared/results';
import type { OptionSpecs, Parsed } from '../args';
import { UsageError, optional, requiredOption } from '../args';

/** Options every query command accepts; the MIP export is read by runCommand. */
export const QUERY_OPTIONS: OptionSpecs = {
  norm: { value: 'inf|1|2', help: 'the norm of distances (default inf)' },
  fix: { repeatable: true, value: 'IDX=VAL', help: 'hold input IDX (0-based over all flattened inputs) at VAL; repeatable, or IDX=VAL,IDX=VAL' },
  'time-limit': { value: 'S', help: 'time limit of each MILP, in seconds' },
  budget: { value: 'S', help: 'time budget of the whole query, in seconds: once spent, the answer is unresolved with its bounds' },
  'export-lp': { value: 'FILE', help: 'also write the query\'s MILP to FILE in LP format' },
  'export-mps': { value: 'FILE', help: 'also write the query\'s MILP to FILE in MPS format' },
};

/** A parsed query command line: the engine's spec, how to print the result, and where to write the MIP. */
export interface QueryInvocation {
  readonly spec: QuerySpec;
  readonly json: boolean;
  readonly exportModel?: { readonly path: string; readonly format: 'lp' | 'mps' };
}

/** The finished invocation; the export target is read after the spec, so spec errors are reported first. */
export function invocation(spec: QuerySpec, p: Parsed): QueryInvocation {
  const target = exportTarget(p);
  return { spec, json: p.flags.has('json'), ...(target ? { exportModel: target } : {}) };
}

/** The positionals are exactly `count` model paths; otherwise the command's one-line usage. */
export function modelPaths(p: Parsed, count: number, usage: string): string[] {
  if (p.positional.length !== count || p.positional.some((m) => !m)) throw new UsageError(`usage: ${usage}`);
  return p.positional;
}

export function num(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${what}: '${text}' is not a number`);
  return v;
}

export function numberList(text: string, what: string): number[] {
  return text.split(',').map((t) => num(t, what));
}

/** --time-limit S (per MILP) as the spec's timeLimitSeconds and --budget S (whole query) as budgetSeconds, when given. */
export function timeLimit(p: Parsed): { timeLimitSeconds?: number; budgetSeconds?: number } {
  const seconds = optional(p, 'time-limit');
  const budget = optional(p, 'budget');
  return {
    ...(seconds !== undefined ? { timeLimitSeconds: num(seconds, '--time-limit') } : {}),
    ...(budget !== undefined ? { budgetSeconds: num(budget, '--budget') } : {}),
  };
}

/** --fix IDX=VAL (repeatable; also IDX=VAL,IDX=VAL). IDX is 0-based among all inputs. */
export function parseFixed(p: Parsed): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const raw of p.values.get('fix') ?? []) {
    for (const item of raw.split(',')) {
      const m = /^(\d+)=(.+)$/.exec(item.trim());
      if (!m) throw new UsageError(`--fix expects IDX=VAL, got '${item}'`);
      out.push([Number(m[1]), num(m[2], '--fix value')]);
    }
  }
  return out;
}

export function modelRef(path: string, p: Parsed): ModelRef {
  return { path, fixed: parseFixed(p) };
}

export function parseNorm(p: Parsed): NormName {
  const v = optional(p, 'norm') ?? 'inf';
  if (v === 'inf' || v === '1' || v === '2') return v;
  throw new UsageError(`--norm must be inf, 1 or 2, got '${v}'`);
}

/** --box lo:hi,lo:hi,... (the engine checks lo ≤ hi and the arity against the model). */
export function parseBox(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--box expects lo:hi,... got '${part}'`);
    return [num(m[1], '--box'), num(m[2], '--box')];
  });
}

export function requiredBox(p: Parsed): Array<[number, number]> {
  return parseBox(requiredOption(p, 'box'));
}

export function choice<T extends string>(p: Parsed, name: string, allowed: readonly T[], fallback?: T): T {
  const v = optional(p, name) ?? fallback;
  if (v === undefined) throw new UsageError(`--${name} is required (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  return v as T;
}

function exportTarget(p: Parsed): { path: string; format: 'lp' | 'mps' } | undefined {
  const lp = optional(p, 'export-lp'), mps = optional(p, 'export-mps');
  if (lp && mps) throw new UsageError('give either --export-lp or --export-mps');
  return lp ? { path: lp, format: 'lp' } : mps ? { path: mps, format: 'mps' } : undefined;
}
