// `invcert COMMAND --help` and `invcert help COMMAND`, generated from the command's declarations: its positionals and
// the OptionSpecs its parser reads (args.ts), so the help cannot drift from what is parsed.
import type { OptionSpecs } from './args';
import { COMMON_OPTIONS } from './args';

/** What a command's parser reads: its positionals and options. */
export interface CommandLine {
  readonly name: string;
  /** Positional arguments and what each is, in order. */
  readonly positionals: ReadonlyArray<readonly [name: string, help: string]>;
  readonly options: OptionSpecs;
}

export interface CommandDeclaration extends CommandLine {
  /** One line for `invcert --help`. */
  readonly summary: string;
  /** Lines after the option list (how values combine, defaults worth knowing). */
  readonly notes?: readonly string[];
}

function optionWord(name: string, spec: OptionSpecs[string]): string {
  const word = spec.flag ? `--${name}` : `--${name} ${spec.value ?? 'VALUE'}${spec.repeatable ? ' ...' : ''}`;
  return spec.required ? word : `[${word}]`;
}

/** The one-line synopsis: `invcert radius MODEL --query bl|pi --center a,b,... [--norm inf|1|2] ... [--json]`. */
export function synopsis(d: CommandLine): string {
  const options = Object.entries({ ...d.options, json: COMMON_OPTIONS.json });
  return ['invcert', d.name, ...d.positionals.map(([n]) => n), ...options.map(([n, s]) => optionWord(n, s))].join(' ');
}

/** The full help: synopsis, summary, arguments and every option with its line. */
export function helpText(d: CommandDeclaration): string {
  const rows: Array<[string, string]> = [
    ...d.positionals.map(([n, h]): [string, string] => [n, h]),
    ...Object.entries({ ...d.options, ...COMMON_OPTIONS }).map(([n, s]): [string, string] => [
      `${n === 'help' ? '-h, ' : ''}--${n}${s.flag ? '' : ` ${s.value ?? 'VALUE'}`}`, s.help ?? '',
    ]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `usage: ${synopsis(d)}`,
    '',
    `${d.summary[0].toUpperCase()}${d.summary.slice(1)}.`,
    '',
    // A help line may run on: its further lines are indented under its first.
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help.split('\n').join(`\n${' '.repeat(width + 4)}`)}`),
    ...(d.notes && d.notes.length > 0 ? ['', ...d.notes] : []),
  ].join('\n');
}
