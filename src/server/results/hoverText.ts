// The hover of a query line with a stored result: its links first, a headline in plain words, then one compact
// table where a counterexample's pair appears once, at the digits that tell x from y (pairDigits). Solver counts
// (solves, B&B nodes, unstable ReLUs) go to one details line under the table: they say how the answer was found,
// not what it is.
import type { ResultRecord } from '../../shared/protocol';
import { Commands } from '../../shared/protocol';
import type { PruneRow, QueryKind, QueryResult } from '../../shared/results';
import { normSymbol } from '../../engine/norms/norm';
import { discrepancyWords, radiusWords, rowNumber } from '../../engine/prune/rowWords';
import { annotationText, commandLink, radiusText, transformGap } from './format';
import { dateText, num, pairDigits, percentText, secondsText, vec } from './numberText';

/** What each query asks, in words a reader without the paper follows; the panel shows the same words. */
export const QUERY_WORDS: Readonly<Record<QueryKind, string>> = {
  bl: 'local invertibility (BL)',
  pi: 'nearest other preimage (PI)',
  'radius-bl': 'radius of local invertibility (BL)',
  'radius-pi': 'radius to the nearest other preimage (PI)',
  transform: 'matching: is f₂ a function of f₁',
  discrepancy: 'matching: largest difference ‖f₁ − f₂‖',
  prune: 'pruning sweep',
};

function cell(v: string): string {
  return v.replace(/\|/g, '\\|');
}

const code = (text: string): string => `\`${cell(text)}\``;

/** The first line: the verdict without the pair (the table holds it), or the inline verdict when it has none. */
function headline(r: QueryResult): string {
  if (r.status !== 'counterexample') return annotationText(r);
  switch (r.query) {
    case 'bl':
      return '✗ not injective: F(x) = F(y) for the pair below';
    case 'pi':
      return '✗ another preimage: F(x) = F(c) for the x below';
    case 'transform':
      return '✗ no T with f₂ = T∘f₁: f₁ merges the pair below, f₂ does not';
  }
}

/** The rows of a result's inputs, in the words of its query; the pair at the digits that tell its points apart. */
function witnessRows(r: QueryResult): string[] {
  const w = r.witness;
  if (!w) return [];
  const digits = pairDigits(w.x, w.y);
  const point = (p: readonly number[]): string => code(vec(p, digits));
  const image = (p: readonly number[]): string => code(vec(p, 6));
  const n = normSymbol[r.norm];
  switch (r.query) {
    case 'discrepancy':
      return [`| x (attains the max) | ${point(w.x)} |`, `| f₁(x) | ${image(w.Fx)} |`, `| f₂(x) | ${image(w.Fy)} |`, `| ‖f₁(x) − f₂(x)‖∞ | ${num(w.outputGap, 6)} |`];
    case 'transform':
      return [
        `| x | ${point(w.x)} |`, `| y | ${point(w.y)} |`, `| f₁(x) | ${image(w.Fx)} |`, `| f₁(y) | ${image(w.Fy)} |`,
        ...(w.Gx && w.Gy ? [`| f₂(x) | ${image(w.Gx)} |`, `| f₂(y) | ${image(w.Gy)} |`] : []),
        `| ‖f₂(x) − f₂(y)‖∞ | ${num(transformGap(r, w), 6)} |`,
      ];
    case 'bl':
    case 'pi':
    case 'radius-bl':
    case 'radius-pi': {
      const b = r.query === 'pi' || r.query === 'radius-pi' ? 'c' : 'y';
      return [
        `| x | ${point(w.x)} |`, `| ${b} | ${point(w.y)} |`, `| ‖x − ${b}‖${n} | ${num(w.separation, 4)} |`,
        `| F(x) | ${image(w.Fx)} |`, `| F(${b}) | ${image(w.Fy)} |`, `| ‖F(x) − F(${b})‖∞ | ${num(w.outputGap, 2)} |`,
      ];
    }
    default: {
      // A new query kind with a witness must name its rows: this fails to compile until it does.
      const unhandled: never = r;
      return unhandled;
    }
  }
}

/** What the query proved or bracketed, named for what it is: a radius with its bracket, a box, a bracket of an optimum. */
function answerRows(r: QueryResult): string[] {
  const rows: string[] = [];
  const radius = radiusText(r);
  if ((r.query === 'radius-bl' || r.query === 'radius-pi') && radius) {
    const name = r.query === 'radius-pi' ? 'radius R (PI)' : 'radius r (BL)';
    rows.push(`| ${name} | ${cell(radius.replace(/^[rR] /, ''))} |`);
  }
  if (r.center) rows.push(`| centre c | ${code(vec(r.center, 17))} |`);
  if (r.boxRadius !== undefined && r.query !== 'radius-bl' && r.query !== 'radius-pi') rows.push(`| box | B${normSymbol[r.norm]}(c, ${num(r.boxRadius)}) |`);
  if (r.status === 'unresolved' && (r.query === 'bl' || r.query === 'pi' || r.query === 'transform')) {
    // The MILP's incumbent and bound bracket the smallest output gap over separated pairs; proved zero = counterexample.
    const ends = `[${r.objective !== null ? num(r.objective) : '?'}, ${r.bound !== null ? num(r.bound) : '?'}]`;
    rows.push(`| search bracket | ${ends}${r.gap !== null ? `, gap ${percentText(r.gap)}` : ''} |`);
  }
  rows.push(`| tolerance | ${num(r.tolerance, 3)}${r.epsilon !== undefined ? `, separation floor ε = ${num(r.epsilon, 3)}` : ''} |`);
  return rows;
}

/** The sweep's table in the hover: per level the discrepancy and the input attaining it, and the radius, in the sweep's words. */
function pruneHoverRows(rows: readonly PruneRow[]): string[] {
  return ['| level | discrepancy | attained at x | radius (BL) | time |', '|---|---|---|---|---|', ...rows.map((row) => (row.notRun
    ? `| ${row.level}% | not run | | | |`
    : `| ${row.level}% | ${cell(discrepancyWords(row, rowNumber))} | ${row.discrepancyWitness ? code(vec(row.discrepancyWitness.x, 6)) : '—'} | ${cell(radiusWords(row, rowNumber))} | ${row.seconds.toFixed(1)} s |`))];
}

/** How the answer was found, for the curious: method and the solver's counts (only those that are not zero). */
function detailsLine(r: QueryResult): string {
  const s = r.stats;
  const counts = [
    s.method ? `method ${s.method}` : undefined,
    s.solves ? `${s.solves} solve${s.solves === 1 ? '' : 's'}` : undefined,
    s.nodes > 0 ? `${s.nodes} B&B nodes` : undefined,
    s.binaries > 0 ? `${s.binaries} MILP binaries` : undefined,
    s.unstable > 0 ? `${s.unstable} unstable ReLUs` : undefined,
  ].filter(Boolean);
  return counts.length > 0 ? `*Details: ${counts.join(', ')}.*` : '';
}

/** Markdown hover for a query line with a stored result. */
export function resultHover(record: ResultRecord): string {
  const r = record.result;
  const at = { uri: record.uri, line: record.line };
  const out: string[] = [
    [
      commandLink('Show in panel', Commands.showInPanel, at),
      commandLink('Copy as JSON', Commands.copyResultJson, at),
      commandLink('Re-run', Commands.runQuery, at),
    ].join(' · '),
    '',
    `**${headline(r)}**${record.stale ? ' — *stale: a model changed since this ran*' : ''}`,
    '',
  ];
  if (r.status === 'unresolved' || r.status === 'error') out.push(r.message, '');
  out.push(`| ${QUERY_WORDS[r.query]} | |`, '|---|---|');
  out.push(...witnessRows(r), ...answerRows(r));
  if (r.witness) out.push(`| re-checked by | ${r.witness.checkedBy.join(', ') || '—'} |`);
  out.push(`| time | ${secondsText(r.stats.seconds)}, finished ${dateText(record.finishedAt)} |`);
  if (r.query === 'prune' && r.prune) out.push('', ...pruneHoverRows(r.prune));
  const details = detailsLine(r);
  if (details) out.push('', details);
  return out.join('\n');
}
