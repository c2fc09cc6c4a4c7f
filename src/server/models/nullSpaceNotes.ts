// The 'non-square' note with its pair: a map with more free inputs than outputs cannot be injective, and the note
// under its bl/pi query shows two inputs it maps to the same output. The pair is the query's own null-space pair
// (engine/queries/nullSpaceNote.ts), computed on the query worker after the document is checked, never while
// parsing, and cached by model SHA-256, fixed inputs, query, centre and box: typing stays fast, and an unchanged
// query never recomputes it. When a pair arrives, the document's diagnostics are published again.
import type { NullSpaceNoteSpec } from '../../engine/queries/nullSpaceNote';
import type { Witness } from '../../shared/results';
import type { DocSnapshot } from '../documentState';
import { nonSquareLead } from '../language/semantics';
import { num, pairDigits, vec } from '../results/format';

export interface NullSpaceNotesDeps {
  /** The verified null-space pair of a query (the query worker's), or null. */
  readonly find: (spec: NullSpaceNoteSpec) => Promise<Witness | null>;
  readonly hash: (path: string) => Promise<string | undefined>;
  /** A pair (or its absence) became known for a document's note. */
  readonly onReady: (uri: string) => void;
  readonly log: (message: string) => void;
}

type Entry = { readonly state: 'pending' } | { readonly state: 'done'; readonly witness: Witness | null };

/** Coordinates listed in full up to this many inputs; wider maps list the inputs where x and y differ. */
const FULL_POINT_INPUTS = 8;

export class NullSpaceNotes {
  private readonly pairs = new Map<string, Entry>();
  /** Per document, the version checked and the note key of each query line with a 'non-square' note. */
  private readonly lines = new Map<string, { readonly version: number; readonly keys: Map<number, string> }>();

  constructor(private readonly deps: NullSpaceNotesDeps) {}

  /** Looks up (or starts computing) the pair of every 'non-square' note in a freshly checked document. */
  async update(snap: DocSnapshot): Promise<void> {
    const keys = new Map<number, string>();
    for (const d of snap.analysis.diagnostics) {
      if (d.code !== 'non-square') continue;
      const spec = snap.analysis.queries.get(d.span.line)?.spec;
      if (!spec || (spec.kind !== 'certify' && spec.kind !== 'radius')) continue;
      const hash = await this.deps.hash(spec.model.path);
      if (!hash) continue;
      const key = noteKey(hash, spec);
      keys.set(d.span.line, key);
      if (!this.pairs.has(key)) this.start(key, spec);
    }
    // An older version's update that finishes late must not replace a newer one's lines.
    if ((this.lines.get(snap.uri)?.version ?? -Infinity) > snap.version) return;
    this.lines.set(snap.uri, { version: snap.version, keys });
    if ([...keys.values()].some((k) => this.pairs.get(k)?.state === 'done')) this.deps.onReady(snap.uri);
  }

  /** The pair found for the note on this line: a witness, null (none found), or undefined (not known yet). */
  pairAt(uri: string, line: number): Witness | null | undefined {
    const key = this.lines.get(uri)?.keys.get(line);
    const entry = key ? this.pairs.get(key) : undefined;
    return entry?.state === 'done' ? entry.witness : undefined;
  }

  /** The note's text for a query line: with its pair once known, else `pending` (the checker's own text). */
  message(snap: DocSnapshot, line: number, pending: string): string {
    const pair = this.pairAt(snap.uri, line);
    const q = snap.analysis.queries.get(line);
    const m = q?.models[0], spec = q?.spec;
    if (pair === undefined || !spec || (spec.kind !== 'certify' && spec.kind !== 'radius') || !m?.load?.ok || m.freeCount === undefined) return pending;
    return nullSpaceNoteText(nonSquareLead(m.decl.name.name, m.freeCount, m.load.network.outputSize), spec.query, pair);
  }

  forget(uri: string): void {
    this.lines.delete(uri);
  }

  private start(key: string, spec: NullSpaceNoteSpec): void {
    this.pairs.set(key, { state: 'pending' });
    const settle = (witness: Witness | null): void => {
      this.pairs.set(key, { state: 'done', witness });
      for (const [uri, { keys }] of this.lines) if ([...keys.values()].includes(key)) this.deps.onReady(uri);
    };
    this.deps.find(spec).then(settle, (e: unknown) => {
      this.deps.log(`no null-space pair for the note (${e instanceof Error ? e.message : String(e)})`);
      // Not cached as "none": a worker that was restarted or shut down says nothing about the model.
      this.pairs.delete(key);
    });
  }
}

function noteKey(hash: string, spec: NullSpaceNoteSpec): string {
  const where = spec.kind === 'certify' ? { radius: spec.radius } : { domain: spec.domain ?? null };
  return JSON.stringify([hash, spec.model.fixed, spec.kind, spec.query, spec.center, spec.norm, where]);
}

/**
 * The note once its pair is known, e.g. "F maps 784 free inputs to 10 outputs: not injective. x = (…), y = (…)
 * have F(x) = F(y) (re-checked in float64 and onnxruntime-web, ‖F(x)−F(y)‖∞ = 3e-17)". Digits: enough for x and y
 * to differ visibly (pairDigits). Wide maps list only the inputs where the two points differ.
 */
export function nullSpaceNoteText(lead: string, query: 'bl' | 'pi', witness: Witness | null): string {
  if (!witness) return `${lead}: it cannot be injective (no colliding pair along the null space of its Jacobian at this centre; running the query searches further)`;
  const digits = pairDigits(witness.x, witness.y);
  const y = query === 'pi' ? 'c' : 'y';
  const checked = `re-checked in ${witness.checkedBy.join(' and ')}, ‖F(x)−F(${y})‖∞ = ${num(witness.outputGap, 2)}`;
  if (witness.x.length <= FULL_POINT_INPUTS) {
    return `${lead}: not injective. x = ${vec(witness.x, digits)}, ${y} = ${vec(witness.y, digits)} have F(x) = F(${y}) (${checked})`;
  }
  const differ = witness.x.flatMap((v, i) => (v !== witness.y[i] ? [i] : []));
  const at = (p: readonly number[]): string => vec(differ.map((i) => p[i]), digits);
  return `${lead}: not injective. x and ${y} differ only in inputs ${differ.map((i) => `[${i}]`).join(', ')} (${differ.length} of ${witness.x.length}), ` +
    `where x = ${at(witness.x)} and ${y} = ${at(witness.y)}; F(x) = F(${y}) (${checked}; the other coordinates are equal: add the pair as points with the quick fix)`;
}
