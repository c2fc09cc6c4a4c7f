// What the Certify / Compare / Pruning Sweep wizard offers before the user types anything: labels that name each
// input ("input 2 (b)", 0-based like `fix F[2]` and `--fix 2=…`), prompts and hints sized to the model, and default
// answers taken, in this order, from the answers remembered for this model, the domain the model declares in its
// own metadata, and the documented fallback (the unit box [-1, 1] per free input). Pure: unit-tested.
import type { NormName } from '../../shared/results';
import type { CertifyAnswersInput, CertifyQueryKind } from './answers';
import { defaultDomain, freeInputIndices, midpoint, parseBox, queryKinds, norms, validateBox, validateCenter, validateFixed } from './answers';

/** What the wizard knows of a model (from the server's model summary). */
export interface ModelFacts {
  readonly inputCount: number;
  readonly outputCount?: number;
  readonly inputNames?: readonly string[];
  /** The `invcert.domain` metadata text, one interval per flattened input, when the model carries one. */
  readonly declaredDomain?: string;
}

/** Every answer of every flow, as remembered for one model (see wizardMemory.ts): the Certify answers, the sweep's
 * levels and the comparison's query. Fields are optional: a flow stores what it asked, the rest stays as another
 * flow left it. */
export interface RememberedAnswers extends CertifyAnswersInput {
  readonly levels?: readonly number[];
  readonly compareQuery?: 'transform' | 'discrepancy';
}

export type DomainSource = 'remembered' | 'model' | 'default';

/** "input 2 (b)": the 0-based index the .invq `fix` line and `--fix` use, and the model's own name for it. */
export function inputLabel(facts: Pick<ModelFacts, 'inputNames'>, index: number): string {
  const name = facts.inputNames?.[index];
  return name ? `input ${index} (${name})` : `input ${index}`;
}

/** The labels of the free inputs once `fixed` are held, in input order (the order of domain and centre). */
export function freeLabels(facts: ModelFacts, fixed: ReadonlyArray<readonly [number, number]>): string[] {
  return freeInputIndices(facts.inputCount, fixed).map((i) => inputLabel(facts, i));
}

/** Remembered fixed inputs when they still fit the model, else none. */
export function defaultFixed(facts: ModelFacts, memory: RememberedAnswers): Array<[number, number]> {
  const fixed = (memory.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
  return validateFixed(fixed, facts.inputCount) === undefined ? fixed : [];
}

/** The model's declared domain restricted to the free inputs, or undefined when it has none (or none that parses). */
export function declaredFreeDomain(facts: ModelFacts, fixed: ReadonlyArray<readonly [number, number]>): Array<[number, number]> | undefined {
  if (!facts.declaredDomain) return undefined;
  const whole = parseBox(facts.declaredDomain, facts.inputCount);
  if (typeof whole === 'string') return undefined;
  return freeInputIndices(facts.inputCount, fixed).map((i) => whole[i]);
}

/** The default domain for the free inputs, and where it came from (the prompt says so). */
export function defaultDomainFor(
  facts: ModelFacts,
  fixed: ReadonlyArray<readonly [number, number]>,
  memory: RememberedAnswers,
): { domain: Array<[number, number]>; source: DomainSource } {
  const freeCount = facts.inputCount - fixed.length;
  const remembered = memory.domain?.map(([lo, hi]): [number, number] => [lo, hi]);
  if (remembered && remembered.length === freeCount && validateBox(remembered) === undefined) return { domain: remembered, source: 'remembered' };
  const declared = declaredFreeDomain(facts, fixed);
  if (declared) return { domain: declared, source: 'model' };
  return { domain: defaultDomain(freeCount), source: 'default' };
}

/** The remembered centre when it lies in the domain, else the domain's midpoint. */
export function defaultCenterFor(domain: ReadonlyArray<readonly [number, number]>, memory: RememberedAnswers): number[] {
  const remembered = memory.center ? [...memory.center] : undefined;
  return remembered && validateCenter(remembered, domain) === undefined ? remembered : midpoint(domain);
}

/** The remembered radius, else a quarter of the domain's narrowest side (3 significant digits). */
export function defaultRadiusFor(domain: ReadonlyArray<readonly [number, number]>, memory: RememberedAnswers): number {
  if (memory.radius !== undefined && memory.radius > 0 && Number.isFinite(memory.radius)) return memory.radius;
  const width = Math.min(...domain.map(([lo, hi]) => hi - lo));
  return Number((width / 4).toPrecision(3));
}

export function defaultQueryFor(memory: RememberedAnswers): CertifyQueryKind {
  return memory.query && queryKinds.includes(memory.query) ? memory.query : 'radius-bl';
}

export function defaultNormFor(memory: RememberedAnswers): NormName {
  return memory.norm && norms.includes(memory.norm) ? memory.norm : 'inf';
}

export const DEFAULT_LEVELS: readonly number[] = [10, 20, 30, 40, 50];

export function defaultLevelsFor(memory: RememberedAnswers): number[] {
  const levels = memory.levels ?? [];
  return levels.length > 0 && levels.every((l) => l > 0 && l < 100) ? [...levels] : [...DEFAULT_LEVELS];
}

const sourceWords: Record<DomainSource, string> = {
  remembered: 'your last answer for this model',
  model: 'the domain this model declares',
  default: 'the unit box: no domain declared by the model',
};

/** The domain prompt, naming the free inputs and its example in their count: "[lo, hi] × [lo, hi] for input 0 (x), input 1 (y)". */
export function domainPrompt(labels: readonly string[], source: DomainSource): string {
  const shape = labels.map(() => '[lo, hi]').join(' × ');
  return `Domain: ${shape} for ${labels.join(', ')} (default: ${sourceWords[source]})`;
}

/** The fixed-values prompt: one value per held input, in input order. */
export function fixedValuesPrompt(labels: readonly string[]): string {
  return labels.length === 1 ? `Value of ${labels[0]}` : `Values of ${labels.join(', ')}, in this order`;
}

/** The centre prompt: one coordinate per free input. */
export function centerPrompt(labels: readonly string[]): string {
  return `Centre x_c: (${labels.join(', ')}) (default: the midpoint of the domain, or your last centre)`;
}
