// Progress as plain lines on stderr (so stdout stays the result), at most one per interval; the first at once.
import { writeSync } from 'node:fs';

export function throttledStderr<T>(line: (progress: T) => string, intervalMs = 1000, write: (text: string) => void = (t) => writeSync(2, t)): (progress: T) => void {
  let last = -Infinity;
  return (p) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    write(`${line(p)}\n`);
  };
}
