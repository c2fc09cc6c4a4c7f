// The hover of a query line with a stored result: its links first, a headline in plain words, then one compact
// table (a column per point) where a counterexample's pair appears once, at the digits that tell x from y (pairDigits),
// and two short lines: what was proved (a radius with its bracket, the centre as written) and when. Solver counts
// (solves, B&B nodes, unstable ReLUs) say how the answer was found, not what it is: the panel's details line and the
// log have them, the hover stays short enough to read without scrolling.
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

/** The first line: the question, then the verdict without the pair (the table holds it), or the inline verdict. */
function headline(r: QueryResult): string {
  const question = QUERY_WORDS[r.query];
  if (r.status !== 'counterexample') return `${question}: ${annotationText(r)}`;
  switch (r.query) {
    case 'bl':
      return `${question}: ✗ not injective, F(x) = F(y) for the pair below`;
    case 'pi':
      return `${question}: ✗ another preimage, F(x) = F(c) for the x below`;
    case 'transform':
      return `${question}: ✗ no T with f₂ = T∘f₁, f₁ merges the pair below and f₂ does not`;
  }
}

/**
 * The witness as one small table, a column per point, so each point appears once: the pair at the digits that
 * tell its points apart, their images, and the distances.
 */
function witnessTable(r: QueryResult): string[] {
  const w = r.witness;
  if (!w) return [];
  const digits = pairDigits(w.x, w.y);
  const point = (p: readonly number[]): string => code(vec(p, digits));
  const image = (p: readonly number[]): string => code(vec(p, 6));
  const n = normSymbol[r.norm];
  switch (r.query) {
    case 'discrepancy':
      return ['| | x (attains the max) |', '|---|---|', `| input | ${point(w.x)} |`, `| f₁(x), f₂(x) | ${image(w.Fx)}, ${image(w.Fy)} |`, `| ‖f₁(x) − f₂(x)‖∞ | ${num(w.outputGap, 6)} |`];
    case 'transform':
      return [
        '| | x | y |', '|---|---|---|', `| input | ${point(w.x)} | ${point(w.y)} |`, `| f₁ | ${image(w.Fx)} | ${image(w.Fy)} |`,
        ...(w.Gx && w.Gy ? [`| f₂ | ${image(w.Gx)} | ${image(w.Gy)} |`] : []),
        `| distance | ‖x − y‖${n} = ${num(w.separation, 4)} | ‖f₂(x) − f₂(y)‖∞ = ${num(transformGap(r, w), 6)} |`,
      ];
    case 'bl':
    case 'pi':
    case 'radius-bl':
    case 'radius-pi': {
      const b = r.query === 'pi' || r.query === 'radius-pi' ? 'c' : 'y';
      return [
        `| | x | ${b} |`, '|---|---|---|', `| input | ${point(w.x)} | ${point(w.y)} |`, `| F | ${image(w.Fx)} | ${image(w.Fy)} |`,
        `| distance | ‖x − ${b}‖${n} = ${num(w.separation, 4)} | ‖F(x) − F(${b})‖∞ = ${num(w.outputGap, 2)} |`,
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
function answerParts(r: QueryResult): string[] {
  const parts: string[] = [];
  const radius = radiusText(r);
  if ((r.query === 'radius-bl' || r.query === 'radius-pi') && radius) parts.push(`radius ${radius}`);
  if (r.center) parts.push(`centre c = ${code(vec(r.center, 17))}`);
  if (r.boxRadius !== undefined && r.query !== 'radius-bl' && r.query !== 'radius-pi') parts.push(`box B${normSymbol[r.norm]}(c, ${num(r.boxRadius)})`);
  if (r.status === 'unresolved' && (r.query === 'bl' || r.query === 'pi' || r.query === 'transform')) {
    // The MILP's incumbent and bound bracket the smallest output gap over separated pairs; proved zero = counterexample.
    const ends = `[${r.objective !== null ? num(r.objective) : '?'}, ${r.bound !== null ? num(r.bound) : '?'}]`;
    parts.push(`search bracket ${ends}${r.gap !== null ? ` (gap ${percentText(r.gap)})` : ''}`);
  }
  parts.push(`tolerance ${num(r.tolerance, 3)}${r.epsilon !== undefined ? `, separation floor ε = ${num(r.epsilon, 3)}` : ''}`);
  return parts;
}

/** The sweep's table in the hover: per level the discrepancy and the input attaining it, and the radius, in the sweep's words. */
function pruneHoverRows(rows: readonly PruneRow[]): string[] {
  return ['| level | discrepancy | attained at x | radius (BL) | time |', '|---|---|---|---|---|', ...rows.map((row) => (row.notRun
    ? `| ${row.level}% | not run | | | |`
    : `| ${row.level}% | ${cell(discrepancyWords(row, rowNumber))} | ${row.discrepancyWitness ? code(vec(row.discrepancyWitness.x, 6)) : '—'} | ${cell(radiusWords(row, rowNumber))} | ${row.seconds.toFixed(1)} s |`))];
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
  if (r.status === 'unresolved') out.push(r.message, '');
  const table = witnessTable(r);
  if (table.length > 0) out.push(...table, '');
  out.push(answerParts(r).join(' · '), '');
  const checked = r.witness ? `re-checked by ${r.witness.checkedBy.join(', ') || '—'} · ` : '';
  out.push(`${checked}${secondsText(r.stats.seconds)}, finished ${dateText(record.finishedAt)}`);
  if (r.query === 'prune' && r.prune) out.push('', ...pruneHoverRows(r.prune));
  return out.join('\n');
}
