// `invcert`: the command-line front end (bundled to dist/cli.js). Dispatches to a registered subcommand on one
// engine, turns every failure into ONE line on stderr and an exit code, and always disposes the engine (every
// worker thread ends before the exit).
import { writeSync } from 'node:fs';
import { Cancelled, EngineError } from '../engine/errors';
import { createEngine } from '../engine/engine';
import { UsageError } from './args';
import './commands';
import { EXIT, findCommand, listCommands } from './registry';

function globalHelp(): string {
  const width = Math.max(...listCommands().map((c) => c.name.length));
  return [
    'usage: invcert COMMAND [ARGS] [--json]',
    '',
    'Certify invertibility of ReLU networks (ONNX) with mixed-integer programming (HiGHS).',
    '',
    'commands:',
    ...listCommands().map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'invcert help COMMAND' (or 'invcert COMMAND --help') for a command's options.",
  ].join('\n');
}

/** One line, no stack: what went wrong and where. */
function errorLine(e: unknown): { line: string; code: number } {
  if (e instanceof Cancelled) return { line: 'interrupted', code: EXIT.interrupted };
  if (e instanceof EngineError) return { line: `error: ${e.describe()}`, code: EXIT.error };
  if (e instanceof UsageError) return { line: `usage error: ${e.message}`, code: EXIT.usage };
  const text = e instanceof Error ? e.message : String(e);
  return { line: `internal error: ${text.split('\n')[0]}`, code: EXIT.internal };
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const asked = name === 'help' ? rest[0] : undefined;
    const target = asked !== undefined ? findCommand(asked) : undefined;
    if (asked !== undefined && !target) {
      writeSync(2, `usage error: no command '${asked}' to help with (commands: ${listCommands().map((c) => c.name).join(', ')})\n`);
      return EXIT.usage;
    }
    writeSync(1, (target ? target.usage : globalHelp()) + '\n');
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    writeSync(2, `usage error: unknown command '${name}' (commands: ${listCommands().map((c) => c.name).join(', ')})\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) { writeSync(1, command.usage + '\n'); return EXIT.ok; }
  const engine = createEngine();
  try {
    return await command.run(rest, engine);
  } catch (e) {
    const { line, code } = errorLine(e);
    writeSync(2, `${line}${code === EXIT.usage ? ` (see 'invcert ${name} --help')` : ''}\n`);
    if (code === EXIT.internal && process.env.INVCERT_DEBUG && e instanceof Error) writeSync(2, `${e.stack}\n`);
    return code;
  } finally {
    await engine.dispose();
  }
}

/** Runs `invcert` with process.argv and exits with its code (bin/invcert.js calls this). */
export function runCli(): void {
  // Exit explicitly: the result is already written synchronously, and nothing else should hold the process.
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    writeSync(2, `internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(EXIT.internal);
  });
}

if (require.main === module) runCli();
