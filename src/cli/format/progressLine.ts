// invcert's progress on stderr (stdout stays the result). On a terminal: one line updated in place by cli-progress
// (a kept library: it redraws with the terminal's own cursor controls, cuts the line at the terminal's width and
// clears it at the end). On a pipe or file (CI logs): plain lines, at most one every 5 s.
import { writeSync } from 'node:fs';
import type { WriteStream } from 'node:tty';
import { SingleBar } from 'cli-progress';
import { throttledStderr } from './throttledStderr';

/** How often a pipe gets a progress line: CI sees the query is alive without hundreds of lines. */
export const PIPE_INTERVAL_MS = 5000;

/**
 * The pipe interval, or INVCERT_PROGRESS_INTERVAL_MS when set (a whole number of ms; 0 prints every update): a
 * script that waits for a stage of the search, as the interrupt tests do, asks for every line.
 */
export function pipeIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.INVCERT_PROGRESS_INTERVAL_MS;
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : PIPE_INTERVAL_MS;
}

export interface ProgressLine {
  /** The current words; the renderer decides when and how they are shown. */
  update(line: string): void;
  /** The query ended: a terminal's line is cleared, so the result starts on a clean line. */
  done(): void;
}

/** One line rewritten in place on a terminal. */
export function terminalLine(stream: WriteStream): ProgressLine {
  const bar = new SingleBar({
    stream, format: '{line}', fps: 4, hideCursor: true, clearOnComplete: true, linewrap: false, gracefulExit: false,
  });
  let started = false;
  return {
    update(line) {
      if (!started) { bar.start(1, 0, { line }); started = true; } else bar.update({ line });
    },
    done() { if (started) bar.stop(); },
  };
}

/** Plain lines, at most one per `intervalMs` (the first at once). */
export function pipeLines(intervalMs = pipeIntervalMs(), write: (text: string) => void = (t) => writeSync(2, t)): ProgressLine {
  const emit = throttledStderr<string>((line) => line, intervalMs, write);
  return { update: emit, done() {} };
}

/** The renderer for a stream: a terminal gets the updating line, anything else throttled plain lines. */
export function progressLineFor(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  return stream.isTTY ? terminalLine(stream) : pipeLines();
}
