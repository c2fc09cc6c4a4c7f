// The answers of the "Certify Invertibility…" flow: parsing what the user types, defaults, and
// validation. Pure (no vscode import) so the same rules serve the quick inputs, the scripted
// argument object of integration tests, and unit tests.
import type { NormName } from '../../shared/results';

export type CertifyQueryKind = 'radius-bl' | 'radius-pi' | 'bl' | 'pi';

/** What an integration test may pass instead of answering quick inputs. Every field is optional. */
export interface CertifyAnswersInput {
  /** [input index (0-based, over all flattened inputs), value]. */
  readonly fixed?: ReadonlyArray<readonly [number, number]>;
  /** Per free input [lower, upper]. */
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly center?: readonly number[];
  readonly query?: CertifyQueryKind;
  readonly norm?: NormName;
  /** Needed for 'bl' / 'pi' (certify at r). */
  readonly radius?: number;
}

export interface CertifyAnswers {
  readonly fixed: Array<[number, number]>;
  readonly domain: Array<[number, number]>;
  readonly center: number[];
  readonly query: CertifyQueryKind;
  readonly norm: NormName;
  readonly radius?: number;
}

export const queryKinds: readonly CertifyQueryKind[] = ['radius-bl', 'radius-pi', 'bl', 'pi'];
export const norms: readonly NormName[] = ['inf', '1', '2'];

/** Every number in a string: "[-1, 1] × [0, 2.5e-1]" → [-1, 1, 0, 0.25]. */
export function extractNumbers(text: string): number[] {
  const matches = text.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g);
  return matches ? matches.map(Number) : [];
}

export function defaultDomain(freeCount: number): Array<[number, number]> {
  return Array.from({ length: freeCount }, (): [number, number] => [-1, 1]);
}

export function midpoint(domain: ReadonlyArray<readonly [number, number]>): number[] {
  return domain.map(([lo, hi]) => (lo + hi) / 2);
}

export function formatBox(domain: ReadonlyArray<readonly [number, number]>): string {
  return domain.map(([lo, hi]) => `[${lo}, ${hi}]`).join(' × ');
}

export function formatVector(point: readonly number[]): string {
  return `(${point.join(', ')})`;
}

/** How a message names free input k (0-based among the free inputs): its label ("input 2 (b)") when known. */
function freeName(k: number, labels?: readonly string[]): string {
  return labels?.[k] ?? `free input ${k}`;
}

/** Parses "[lo, hi] × [lo, hi] …" (any separators) for `freeCount` inputs; returns an error message or the box.
 * `labels` (one per free input) name the inputs in messages. */
export function parseBox(text: string, freeCount: number, labels?: readonly string[]): Array<[number, number]> | string {
  const numbers = extractNumbers(text);
  if (numbers.length !== 2 * freeCount) {
    return `Expected ${freeCount} interval${freeCount === 1 ? '' : 's'} (${2 * freeCount} numbers), got ${numbers.length} numbers.`;
  }
  const box: Array<[number, number]> = [];
  for (let i = 0; i < freeCount; i++) box.push([numbers[2 * i], numbers[2 * i + 1]]);
  return validateBox(box, labels) ?? box;
}

export function validateBox(box: ReadonlyArray<readonly [number, number]>, labels?: readonly string[]): string | undefined {
  const bad = box.findIndex(([lo, hi]) => !(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi));
  return bad >= 0 ? `The interval of ${freeName(bad, labels)} must satisfy lower < upper (finite numbers).` : undefined;
}

export function parsePoint(text: string, freeCount: number): number[] | string {
  const numbers = extractNumbers(text);
  if (numbers.length !== freeCount) return `Expected ${freeCount} number${freeCount === 1 ? '' : 's'}, got ${numbers.length}.`;
  return numbers;
}

export function validateCenter(center: readonly number[], domain: ReadonlyArray<readonly [number, number]>, labels?: readonly string[]): string | undefined {
  if (center.length !== domain.length) return `The centre needs ${domain.length} coordinates, got ${center.length}.`;
  const outside = center.findIndex((c, i) => !(c >= domain[i][0] && c <= domain[i][1]));
  if (outside < 0) return undefined;
  const [lo, hi] = domain[outside];
  return `The centre's ${freeName(outside, labels)} = ${center[outside]} lies outside the domain [${lo}, ${hi}].`;
}

export function validateFixed(fixed: ReadonlyArray<readonly [number, number]>, inputCount: number): string | undefined {
  const seen = new Set<number>();
  for (const [index, value] of fixed) {
    if (!Number.isInteger(index) || index < 0 || index >= inputCount) return `Fixed input index ${index} is not in 0..${inputCount - 1}.`;
    if (!Number.isFinite(value)) return `Fixed input ${index} needs a finite value.`;
    if (seen.has(index)) return `Input ${index} is fixed twice.`;
    seen.add(index);
  }
  if (seen.size >= inputCount) return 'At least one input must stay free.';
  return undefined;
}

/** Fills defaults (no fixed inputs, [-1,1] per free input, centre at the midpoint, BL radius, ∞-norm) and validates. */
export function resolveAnswers(input: CertifyAnswersInput, inputCount: number): CertifyAnswers | string {
  const fixed = (input.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
  const fixedError = validateFixed(fixed, inputCount);
  if (fixedError) return fixedError;
  const freeCount = inputCount - fixed.length;
  const domain = input.domain ? input.domain.map(([lo, hi]): [number, number] => [lo, hi]) : defaultDomain(freeCount);
  if (domain.length !== freeCount) return `The domain needs ${freeCount} intervals (one per free input), got ${domain.length}.`;
  const boxError = validateBox(domain);
  if (boxError) return boxError;
  const center = input.center ? [...input.center] : midpoint(domain);
  const centerError = validateCenter(center, domain);
  if (centerError) return centerError;
  const query = input.query ?? 'radius-bl';
  if (!queryKinds.includes(query)) return `Unknown query '${String(query)}'; use one of ${queryKinds.join(', ')}.`;
  const norm = input.norm ?? 'inf';
  if (!norms.includes(norm)) return `Unknown norm '${String(norm)}'; use one of ${norms.join(', ')}.`;
  if (query === 'bl' || query === 'pi') {
    if (input.radius === undefined || !(input.radius > 0)) return `Query '${query}' needs a radius > 0.`;
    return { fixed, domain, center, query, norm, radius: input.radius };
  }
  return { fixed, domain, center, query, norm };
}

/** Free input indices (over all flattened inputs) once `fixed` are held. */
export function freeInputIndices(inputCount: number, fixed: ReadonlyArray<readonly [number, number]>): number[] {
  const held = new Set(fixed.map(([i]) => i));
  return Array.from({ length: inputCount }, (_, i) => i).filter((i) => !held.has(i));
}
