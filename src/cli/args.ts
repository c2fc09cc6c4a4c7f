// The shared command-line parser: node:util parseArgs over the options a command declares, with the one-line usage
// errors of this CLI ("unknown option --x", "--box needs a value", "--radius given more than once"). The same
// declarations (with their value names and help lines) generate `invcert COMMAND --help` (see help.ts).
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Boolean switch (no value). */
  readonly flag?: boolean;
  /** May be given more than once (values collected in order). */
  readonly repeatable?: boolean;
  /** The value's name in the help, e.g. 'lo:hi,...' or 'bl|pi'. */
  readonly value?: string;
  /** The option's line in `invcert COMMAND --help`. */
  readonly help?: string;
  /** Shown without brackets in the usage line (the command's reader enforces it). */
  readonly required?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface Parsed {
  readonly positional: string[];
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = {
  json: { flag: true, help: 'print the result as one JSON object on stdout' },
  help: { flag: true, help: 'print this help' },
};

/**
 * `--center -1,2`: parseArgs refuses a value that starts with '-' after a separate option name (it may be a
 * mistyped option); a number list may, so it is passed on as `--center=-1,2`. `--box --json` is still refused.
 */
function joinDashValues(argv: readonly string[], all: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    const spec = a.startsWith('--') && !a.includes('=') ? all[a.slice(2)] : undefined;
    if (spec && !spec.flag && next !== undefined && /^-[^-]/.test(next)) { out.push(`${a}=${next}`); i++; } else out.push(a);
  }
  return out;
}

/** parseArgs' error as this CLI's one line, naming the option. */
function usageErrorFrom(e: unknown): UsageError {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const name = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${name}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/does not take an argument/.test(message) ? `${name} takes no value` : `${name} needs a value`);
  }
  return new UsageError(message);
}

export function parseCommandLine(argv: readonly string[], specs: OptionSpecs): Parsed {
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...specs };
  const options = Object.fromEntries(Object.entries(all).map(([name, spec]) => [
    name,
    spec.flag ? { type: 'boolean' as const, ...(name === 'help' ? { short: 'h' } : {}) } : { type: 'string' as const, multiple: true },
  ]));
  let tokens;
  try {
    ({ tokens } = parseArgs({ args: joinDashValues(argv, all), options, strict: true, allowPositionals: true, tokens: true }));
  } catch (e) {
    throw usageErrorFrom(e);
  }
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'positional') { positional.push(t.value); continue; }
    if (t.kind !== 'option') continue;
    if (all[t.name].flag) { flags.add(t.name); continue; }
    const list = values.get(t.name) ?? [];
    if (list.length > 0 && !all[t.name].repeatable) throw new UsageError(`--${t.name} given more than once`);
    list.push(t.value ?? '');
    values.set(t.name, list);
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
