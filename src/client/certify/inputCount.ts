// Fallback for a server whose ModelSummary has no structured `inputCount`: read it from the summary table's
// "| inputs | … (N values) |" row. Pure: unit-tested against the server's real summary of a shared model.
export function inputCountFromMarkdown(markdown: string): number | undefined {
  const row = /^\|\s*inputs\s*\|.*\((\d+) values?\)\s*\|\s*$/m.exec(markdown);
  return row ? Number(row[1]) : undefined;
}
