// Human text for results: verdicts (inline annotations, the panel list), diagnostics and hover tables. The one place
// results are put into words: the client shows what the server sends. Numbers are rounded for reading only; the
// exact values stay in the stored record (copy as JSON).
import type { InlineAnnotation, ResultRecord } from '../../shared/protocol';
import { Commands } from '../../shared/protocol';
import type { DiscrepancyResult, NormName, PruneRow, QueryResult, RadiusResult, ResultWith, TransformResult, Witness } from '../../shared/results';
import { normSymbol } from '../../engine/norms/norm';
import { discrepancyWords, radiusWords, rowNumber } from '../../engine/prune/rowWords';
import { searchedBoxText } from '../../engine/queries/radiusBeyondBox';

export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}

export function vec(v: readonly number[], digits = 4): string {
  return `(${v.map((x) => num(x, digits)).join(', ')})`;
}

/** Decimals for a witness pair so x and y visibly differ: one more than the separation's first significant decimal, 3..8. */
export function pairDecimals(separation: number): number {
  if (!(separation > 0) || !Number.isFinite(separation)) return 4;
  return Math.min(8, Math.max(3, Math.ceil(-Math.log10(separation)) + 1));
}

/** A point with a fixed number of decimals (trailing zeros dropped), exponent form for huge magnitudes. */
export function pointText(v: readonly number[], decimals: number): string {
  const coord = (x: number): string => {
    if (!Number.isFinite(x) || Math.abs(x) >= 1e6) return num(x);
    const fixed = x.toFixed(decimals).replace(/\.?0+$/, '');
    return fixed === '-0' ? '0' : fixed;
  };
  return `(${v.map(coord).join(', ')})`;
}

function seconds(r: QueryResult): string {
  const s = r.stats.seconds;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  return `${(s / 60).toFixed(1)} min`;
}

/** "r = 0.6553", "r ∈ [a, b]" or "r ≥ a" from whatever radius fields the result has (none: undefined). */
function radiusText(r: QueryResult): string | undefined {
  const name = r.query === 'radius-pi' ? 'R' : 'r';
  if (r.radius !== undefined) return `${name} = ${num(r.radius)}`;
  if (r.radiusLower !== undefined && typeof r.radiusUpper === 'number') return `${name} ∈ [${num(r.radiusLower)}, ${num(r.radiusUpper)}]`;
  // No pair found: the radius is only bounded below.
  if (r.radiusLower !== undefined) return `${name} ≥ ${num(r.radiusLower)}`;
  return undefined;
}

/** "B∞(c, 10)" (∩ domain when the domain cuts it): the box a radius search went through without finding a pair. */
function searchedBox(r: RadiusResult): string {
  const reach = r.radiusLower ?? 0;
  if (!r.center || !r.domain) return `B${normSymbol[r.norm]}(c, ${num(reach)})`;
  const domain = { lower: Float64Array.from(r.domain, (d) => d[0]), upper: Float64Array.from(r.domain, (d) => d[1]) };
  return searchedBoxText(r.norm, r.center, reach, domain);
}

/** The largest ‖f₂(x) − f₂(y)‖∞ of a transform pair: the objective when proved, else the pair's own value. */
function transformGap(r: TransformResult, w: Witness): number {
  if (r.objective !== null) return r.objective;
  const [a, b] = [w.Gx ?? [], w.Gy ?? []];
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0);
}

function gapText(r: QueryResult): string {
  if (r.gap === null || !Number.isFinite(r.gap)) return r.bound !== null ? `bound ${num(r.bound)}` : 'no bound yet';
  return `gap ${Math.round(r.gap * 100)}%`;
}

/** A pair (BL) or another preimage of F(c) (PI) with its separation, decimals enough that x and y differ. */
function pairText(pi: boolean, norm: NormName, w: Witness): string {
  const n = normSymbol[norm];
  const decimals = pairDecimals(w.separation);
  return pi ? `x = ${pointText(w.x, decimals)}, F(x) = F(c), ‖x−c‖${n} = ${num(w.separation, 2)}`
    : `x = ${pointText(w.x, decimals)}, y = ${pointText(w.y, decimals)}, ‖x−y‖${n} = ${num(w.separation, 2)}`;
}

/** What a verified counterexample shows, per query kind (a transform pair refutes T, a PI witness pairs x with c). */
function counterexampleText(r: ResultWith<'counterexample'>): string {
  const w = r.witness;
  switch (r.query) {
    case 'transform':
      return `no T with f₂ = T∘f₁: f₁(x) = f₁(y) but ‖f₂(x)−f₂(y)‖∞ = ${num(transformGap(r, w))} for x = ${vec(w.x)}, y = ${vec(w.y)}`;
    case 'pi':
    case 'bl':
      return pairText(r.query === 'pi', r.norm, w);
    default: {
      // A new query kind with counterexamples must be worded here: this fails to compile until it is. At run time a
      // sidecar record that holds a radius result with a pair is worded as the pair.
      const other: never = r;
      const record = other as { query: string; norm: NormName; witness: Witness };
      return pairText(record.query === 'radius-pi', record.norm, record.witness);
    }
  }
}

/** A discrepancy is a number and where it is attained (never a counterexample). */
function discrepancyText(r: Exclude<DiscrepancyResult, { status: 'error' }>): string {
  const at = r.witness ? ` at x = ${vec(r.witness.x)}` : '';
  if (r.status === 'certified') return `max ‖f₁−f₂‖${normSymbol[r.norm]} = ${num(r.objective)}${at}`;
  const found = r.witness ? num(r.witness.outputGap) : '?';
  return `max ‖f₁−f₂‖${normSymbol[r.norm]} ∈ [${found}, ${r.bound !== null ? num(r.bound) : '?'}]${at}`;
}

function certifiedText(r: ResultWith<'certified'>): string {
  switch (r.query) {
    case 'radius-bl':
    case 'radius-pi':
      if (r.invertibleOnDomain) {
        return `${radiusText(r) ?? ''}: ${r.query === 'radius-pi' ? `no other preimage within ${searchedBox(r)}` : `injective on the whole searched box ${searchedBox(r)}`}`;
      }
      return ['certified', radiusText(r)].filter(Boolean).join(' ');
    case 'bl':
    case 'pi':
      return r.boxRadius !== undefined ? `certified on B${normSymbol[r.norm]}(c, ${num(r.boxRadius)})` : r.message;
    case 'discrepancy':
      return discrepancyText(r);
    case 'transform':
      return 'certified f₂ = T∘f₁ on the domain';
    case 'prune':
      return r.message;
    default: {
      // A new query kind must say what it certified: this fails to compile until it does.
      const unhandled: never = r;
      return (unhandled as QueryResult).message;
    }
  }
}

function unresolvedText(r: ResultWith<'unresolved'>): string {
  switch (r.query) {
    case 'prune':
      return r.message;
    case 'discrepancy':
      return `unresolved, ${discrepancyText(r)}`;
    case 'radius-bl':
    case 'radius-pi': {
      const radius = radiusText(r);
      return `unresolved, ${gapText(r)}${radius ? `; ${radius}` : ''}`;
    }
    case 'bl':
    case 'pi':
    case 'transform':
      return `unresolved, ${gapText(r)}`;
    default: {
      const unhandled: never = r;
      return (unhandled as QueryResult).message;
    }
  }
}

/** The one-line verdict of a result, e.g. "✓ certified r = 0.6553 (4.1 s)": the inline annotation after the query,
 * the bold line of its hover, and the panel's list (the client shows this text; it formats none itself). */
export function annotationText(r: QueryResult): string {
  switch (r.status) {
    case 'certified':
      return `✓ ${certifiedText(r)} (${seconds(r)})`;
    case 'counterexample': {
      // Counterexamples carry no radius; a sidecar record written otherwise still shows the radius it holds.
      const radius = radiusText(r);
      return `✗ ${radius ? `${radius}; ` : ''}${counterexampleText(r)}`;
    }
    case 'unresolved':
      return `? ${unresolvedText(r)} (${seconds(r)})`;
    case 'error':
      return `⚠ ${r.error.message}`;
  }
}

export function annotationFor(record: ResultRecord): InlineAnnotation {
  const text = annotationText(record.result);
  return record.stale
    ? { line: record.line, kind: 'stale', text, tooltip: 'A model file changed since this result was computed. Run the query again.' }
    : { line: record.line, kind: record.result.status, text, tooltip: record.result.message };
}

/** A trusted command link for hover Markdown. */
export function commandLink(title: string, command: string, arg: unknown): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

function cell(v: string): string {
  return v.replace(/\|/g, '\\|');
}

/** The hover rows of a result's inputs, in the words of its query. */
function witnessRows(r: QueryResult): string[] {
  const w = r.witness;
  if (!w) return [];
  const v = (p: readonly number[]): string => `\`${cell(vec(p, 8))}\``;
  const checked = `| re-checked by | ${w.checkedBy.join(', ') || '—'} |`;
  switch (r.query) {
    case 'discrepancy':
      return [`| x (attains the max) | ${v(w.x)} |`, `| f₁(x) | ${v(w.Fx)} |`, `| f₂(x) | ${v(w.Fy)} |`, `| ‖f₁(x) − f₂(x)‖∞ | ${num(w.outputGap, 6)} |`, checked];
    case 'transform':
      return [
        `| x | ${v(w.x)} |`, `| y | ${v(w.y)} |`, `| f₁(x) | ${v(w.Fx)} |`, `| f₁(y) | ${v(w.Fy)} |`,
        ...(w.Gx && w.Gy ? [`| f₂(x) | ${v(w.Gx)} |`, `| f₂(y) | ${v(w.Gy)} |`] : []),
        `| ‖f₁(x) − f₁(y)‖∞ | ${num(w.outputGap, 3)} |`, `| ‖f₂(x) − f₂(y)‖∞ | ${num(transformGap(r, w), 6)} |`, checked,
      ];
    case 'bl':
    case 'pi':
    case 'radius-bl':
    case 'radius-pi': {
      const pi = r.query === 'pi' || r.query === 'radius-pi';
      const [b, sep] = pi ? ['c', `‖x − c‖${normSymbol[r.norm]}`] : ['y', `‖x − y‖${normSymbol[r.norm]}`];
      return [
        `| x | ${v(w.x)} |`, `| ${b} | ${v(w.y)} |`, `| F(x) | ${v(w.Fx)} |`, `| F(${b}) | ${v(w.Fy)} |`,
        `| ${sep} | ${num(w.separation, 6)} |`, `| ‖F(x) − F(${b})‖∞ | ${num(w.outputGap, 3)} |`, checked,
      ];
    }
    default: {
      // A new query kind with a witness must name its rows: this fails to compile until it does.
      const unhandled: never = r;
      return unhandled;
    }
  }
}

/** The sweep's table in the hover: per level the discrepancy and the input attaining it, and the radius, in the sweep's words. */
function pruneHoverRows(rows: readonly PruneRow[]): string[] {
  return ['| level | discrepancy | attained at x | radius (BL) | time |', '|---|---|---|---|---|', ...rows.map((row) => (row.notRun
    ? `| ${row.level}% | not run | | | |`
    : `| ${row.level}% | ${cell(discrepancyWords(row, rowNumber))} | ${row.discrepancyWitness ? `\`${cell(vec(row.discrepancyWitness.x, 6))}\`` : '—'} | ${cell(radiusWords(row, rowNumber))} | ${row.seconds.toFixed(1)} s |`))];
}

/** Markdown hover for a query line with a stored result. */
export function resultHover(record: ResultRecord): string {
  const r = record.result;
  const at = { uri: record.uri, line: record.line };
  const out: string[] = [];
  out.push(`**${annotationText(r)}**${record.stale ? ' — *stale: a model changed since this ran*' : ''}`, '', r.message, '');
  out.push('| | value |', '|---|---|', `| status | ${r.status}${record.stale ? ' (stale)' : ''} |`);
  out.push(...witnessRows(r));
  if (r.objective !== null) out.push(`| objective | ${num(r.objective, 6)} |`);
  if (r.bound !== null) out.push(`| bound | ${num(r.bound, 6)} |`);
  if (r.gap !== null) out.push(`| gap | ${Math.round(r.gap * 1000) / 10}% |`);
  out.push(`| tolerance | ${num(r.tolerance, 3)}${r.epsilon !== undefined ? `, ε = ${num(r.epsilon, 3)}` : ''} |`);
  const s = r.stats;
  out.push(`| time | ${s.seconds.toFixed(2)} s${s.method ? ` (${s.method})` : ''} |`);
  out.push(`| solver | ${s.solves ?? '?'} solves, ${s.nodes} nodes, ${s.binaries} binaries, ${s.unstable} unstable ReLUs |`);
  out.push(`| finished | ${new Date(record.finishedAt).toISOString()} |`);
  if (r.query === 'prune' && r.prune) out.push('', ...pruneHoverRows(r.prune));
  out.push('');
  out.push([
    commandLink('Show in panel', Commands.showInPanel, at),
    commandLink('Copy as JSON', Commands.copyResultJson, at),
    commandLink('Re-run', Commands.runQuery, at),
  ].join(' · '));
  return out.join('\n');
}

/** A warning under a query with a counterexample (or an error), worded for what the query asked; undefined otherwise. */
export function resultDiagnosticMessage(record: ResultRecord): string | undefined {
  const r = record.result;
  if (r.status === 'counterexample') {
    const w = r.witness;
    const checked = `re-checked by ${w.checkedBy.join(', ')}`;
    switch (r.query) {
      case 'transform':
        return `no map T with f₂ = T∘f₁ on the domain: f₁(x) = f₁(y) for x = ${vec(w.x, 6)}, y = ${vec(w.y, 6)}, but ‖f₂(x)−f₂(y)‖∞ = ${num(transformGap(r, w))} (${checked})`;
      case 'pi':
        return `another preimage of F(c): F(x) = F(c) for x = ${vec(w.x, 6)} (‖x−c‖${normSymbol[r.norm]} = ${num(w.separation, 4)}, ${checked})`;
      case 'bl':
        return `not injective: F(x) = F(y) for x = ${vec(w.x, 6)}, y = ${vec(w.y, 6)} (‖x−y‖${normSymbol[r.norm]} = ${num(w.separation, 4)}, ${checked})`;
      default: {
        const unhandled: never = r;
        return (unhandled as QueryResult).message;
      }
    }
  }
  if (r.status === 'error') return `query failed: ${r.error.message}`;
  return undefined;
}
