// How long an inline verdict may be. VS Code does not tell an extension how wide an editor is, so the text is cut to
// end by a fixed column (the width of a half-screen editor at the default font), never shorter than a few words;
// the full text is in the decoration's hover. Pure (no vscode import): unit-tested in test/unit/client.inlineText.test.ts.

/** The column an inline verdict ends by (counting the line's own text and the 2-character margin before it). */
export const INLINE_END_COLUMN = 100;
/** However long the query line, the verdict keeps this many characters ("✓ certified r = 0.6553 (4.1 s)" is 30). */
export const INLINE_MIN_CHARS = 32;

/** `text` cut with "…" to fit after a line `lineLength` characters long; unchanged when it fits. */
export function fitInline(text: string, lineLength: number, endColumn = INLINE_END_COLUMN): string {
  const room = Math.max(INLINE_MIN_CHARS, endColumn - lineLength - 2);
  const chars = [...text];
  if (chars.length <= room) return text;
  // Cut at a word boundary when one is near, so a number is never split mid-digit.
  const head = chars.slice(0, room - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= room / 2 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:—-]+$/u, '')}…`;
}
