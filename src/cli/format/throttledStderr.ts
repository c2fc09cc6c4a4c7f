// Progress for a terminal: at most one line a second on stderr, so stdout stays the result.
import { writeSync } from 'node:fs';

export function throttledStderr<T>(line: (progress: T) => string): (progress: T) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    writeSync(2, `${line(p)}\n`);
  };
}
