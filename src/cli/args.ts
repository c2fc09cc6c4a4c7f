// The shared command-line parser: declared options only, clear one-line usage errors, typed value parsers.
// Grammar: positionals, `--name value`, `--name=value`, boolean `--flag`; repeatable options collect values.

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Boolean switch (no value). */
  readonly flag?: boolean;
  /** May be given more than once (values collected in order). */
  readonly repeatable?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  readonly positional: string[];
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = { json: { flag: true }, help: { flag: true } };

export function parseCommandLine(argv: readonly string[], specs: OptionSpecs): Parsed {
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...specs };
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') { flags.add('help'); continue; }
    if (!a.startsWith('--') || a === '--') { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = all[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.flag) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && !spec.repeatable) throw new UsageError(`--${name} given more than once`);
    list.push(value);
    values.set(name, list);
  }
  return { positional, values, flags };
}

export function optional(p: Parsed, name: string): string | undefined {
  return p.values.get(name)?.[0];
}

export function requiredOption(p: Parsed, name: string): string {
  const v = optional(p, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function parseNumber(text: string, what: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${what}: '${text}' is not a finite number`);
  return v;
}

export function parsePositive(text: string, what: string): number {
  const v = parseNumber(text, what);
  if (!(v > 0)) throw new UsageError(`${what} must be positive, got ${text}`);
  return v;
}

/** --center a,b,c */
export function parseNumberList(text: string, what: string): number[] {
  return text.split(',').map((t) => parseNumber(t.trim(), what));
}

/** --box lo:hi,lo:hi,... → [[lo, hi], ...], each with lo ≤ hi. */
export function parseBoxArg(text: string): Array<[number, number]> {
  return text.split(',').map((part, i) => {
    const m = /^\s*([^:]+):([^:]+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--box expects lo:hi,lo:hi,... but part ${i + 1} is '${part}'`);
    const lo = parseNumber(m[1], `--box part ${i + 1}`);
    const hi = parseNumber(m[2], `--box part ${i + 1}`);
    if (lo > hi) throw new UsageError(`--box part ${i + 1}: lower ${lo} exceeds upper ${hi}`);
    return [lo, hi];
  });
}

/** --fix IDX=VAL (repeatable, or comma-separated); IDX is the 0-based index among all flattened inputs. */
export function parseFixArgs(values: readonly string[] | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const raw of values ?? []) {
    for (const item of raw.split(',')) {
      const m = /^\s*(\d+)\s*=\s*(.+?)\s*$/.exec(item);
      if (!m) throw new UsageError(`--fix expects IDX=VAL (e.g. --fix 2=2.1), got '${item}'`);
      const index = Number(m[1]);
      if (out.has(index)) throw new UsageError(`--fix: input ${index} is fixed twice`);
      out.set(index, parseNumber(m[2], `--fix ${index}`));
    }
  }
  return out;
}

export function parseChoice<T extends string>(p: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const v = optional(p, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got '${v}'`);
  return v as T;
}

/** --time-limit S (seconds, positive) or undefined. */
export function parseTimeLimit(p: Parsed): number | undefined {
  const v = optional(p, 'time-limit');
  return v === undefined ? undefined : parsePositive(v, '--time-limit');
}
