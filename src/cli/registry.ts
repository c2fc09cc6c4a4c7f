// The subcommand registry. A command is a module exporting a CliCommand; add it with one line in commands/index.ts
// (a query command: its entry in QUERY_COMMAND_LINES there).
import type { Engine } from '../engine/engine';

export interface CliCommand {
  readonly name: string;
  /** One line for `invcert --help`. */
  readonly summary: string;
  /** Full usage text for `invcert NAME --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name on `engine` (main.ts disposes it); resolves to the exit code. */
  run(argv: readonly string[], engine: Engine): Promise<number>;
}

const commands = new Map<string, CliCommand>();

export function registerCommand(command: CliCommand): void {
  if (commands.has(command.name)) throw new Error(`command '${command.name}' registered twice`);
  commands.set(command.name, command);
}

export function findCommand(name: string): CliCommand | undefined {
  return commands.get(name);
}

export function listCommands(): CliCommand[] {
  return [...commands.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Exit codes shared by every command. Query commands add 0/1/2 = certified/counterexample/unresolved. */
export const EXIT = { ok: 0, error: 3, usage: 64, interrupted: 130, internal: 70 } as const;
