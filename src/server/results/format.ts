// Human text for results: verdicts (inline annotations, the panel list), diagnostics and hover tables. The one place
// results are put into words: the client shows what the server sends. Numbers are rounded for reading only; the
// exact values stay in the stored record (copy as JSON).
import type { InlineAnnotation, ResultRecord } from '../../shared/protocol';
import type { DiscrepancyResult, NormName, QueryResult, RadiusResult, ResultWith, TransformResult, Witness } from '../../shared/results';
import { normSymbol } from '../../engine/norms/norm';
import { searchedBoxText } from '../../engine/queries/radiusBeyondBox';
import { num, pairDigits, percentText, secondsText, vec } from './numberText';

export { num, pairDigits, vec } from './numberText';

function seconds(r: QueryResult): string {
  return secondsText(r.stats.seconds);
}

/** "r = 0.6553", "r ∈ [a, b]" or "r ≥ a" from whatever radius fields the result has (none: undefined). */
export function radiusText(r: QueryResult): string | undefined {
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
export function transformGap(r: TransformResult, w: Witness): number {
  if (r.objective !== null) return r.objective;
  const [a, b] = [w.Gx ?? [], w.Gy ?? []];
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0);
}

function gapText(r: QueryResult): string {
  if (r.gap === null || !Number.isFinite(r.gap)) return r.bound !== null ? `bound ${num(r.bound)}` : 'no bound yet';
  return `gap ${percentText(r.gap)}`;
}

/** A pair (BL) or another preimage of F(c) (PI) with its separation, decimals enough that x and y differ. */
function pairText(pi: boolean, norm: NormName, w: Witness): string {
  const n = normSymbol[norm];
  const digits = pairDigits(w.x, w.y);
  return pi ? `x = ${vec(w.x, digits)}, F(x) = F(c), ‖x−c‖${n} = ${num(w.separation, 2)}`
    : `x = ${vec(w.x, digits)}, y = ${vec(w.y, digits)}, ‖x−y‖${n} = ${num(w.separation, 2)}`;
}

/** What a verified counterexample shows, per query kind (a transform pair refutes T, a PI witness pairs x with c). */
function counterexampleText(r: ResultWith<'counterexample'>): string {
  const w = r.witness;
  switch (r.query) {
    case 'transform':
      return `no T with f₂ = T∘f₁: f₁(x) = f₁(y) but ‖f₂(x)−f₂(y)‖∞ = ${num(transformGap(r, w))} for x = ${vec(w.x, pairDigits(w.x, w.y))}, y = ${vec(w.y, pairDigits(w.x, w.y))}`;
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
      // A radius reads as a radius with its bracket; the MILP gap of one of its solves says nothing about it.
      const radius = radiusText(r);
      return radius ? `unresolved, ${radius}` : `unresolved, ${gapText(r)}`;
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

/** A warning under a query with a counterexample (or an error), worded for what the query asked; undefined otherwise. */
export function resultDiagnosticMessage(record: ResultRecord): string | undefined {
  const r = record.result;
  if (r.status === 'counterexample') {
    const w = r.witness;
    const checked = `re-checked by ${w.checkedBy.join(', ')}`;
    const digits = pairDigits(w.x, w.y);
    switch (r.query) {
      case 'transform':
        return `no map T with f₂ = T∘f₁ on the domain: f₁(x) = f₁(y) for x = ${vec(w.x, digits)}, y = ${vec(w.y, digits)}, but ‖f₂(x)−f₂(y)‖∞ = ${num(transformGap(r, w))} (${checked})`;
      case 'pi':
        return `another preimage of F(c): F(x) = F(c) for x = ${vec(w.x, digits)} (‖x−c‖${normSymbol[r.norm]} = ${num(w.separation, 4)}, ${checked})`;
      case 'bl':
        return `not injective: F(x) = F(y) for x = ${vec(w.x, digits)}, y = ${vec(w.y, digits)} (‖x−y‖${normSymbol[r.norm]} = ${num(w.separation, 4)}, ${checked})`;
      default: {
        const unhandled: never = r;
        return (unhandled as QueryResult).message;
      }
    }
  }
  if (r.status === 'error') return `query failed: ${r.error.message}`;
  return undefined;
}
