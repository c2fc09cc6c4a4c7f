// The steps of the Certify / Compare / Pruning Sweep wizards, on the multi-step quick input (./multiStep.ts). Each
// step shows the current answer as its default (remembered for this model, or from the model, see
// ../certify/wizardDefaults.ts) and returns the answers with its own filled in. Parsing and validation rules live in
// ../certify/answers.ts (pure, unit-tested).
import * as vscode from 'vscode';
import type { NormName } from '../../shared/results';
import type { CertifyQueryKind } from '../certify/answers';
import { formatBox, formatVector, parseBox, parsePoint, validateCenter } from '../certify/answers';
import type { ModelFacts, RememberedAnswers } from '../certify/wizardDefaults';
import {
  centerPrompt, defaultCenterFor, defaultDomainFor, defaultRadiusFor, domainPrompt, fixedValuesPrompt, freeLabels, inputLabel,
} from '../certify/wizardDefaults';
import type { Back, Step, StepInput } from './multiStep';
import { BACK } from './multiStep';

/** The answers every flow asks about one model: held inputs, domain and norm (the centre where the flow has one). */
export interface ModelAnswers {
  readonly fixed: ReadonlyArray<readonly [number, number]>;
  readonly domain: ReadonlyArray<readonly [number, number]>;
  readonly center: readonly number[];
  readonly norm: NormName;
}

type Picked<T> = T[] | Back;
const first = <T>(picked: Picked<T>): T | Back => (picked === BACK ? BACK : picked[0]);

/** Which inputs are held at a value (none ticked: all free). Skipped for a one-input model. */
export function fixedStep<S extends ModelAnswers>(facts: ModelFacts): Step<S> {
  return {
    when: () => facts.inputCount > 1,
    async run(input, answers) {
      const items = Array.from({ length: facts.inputCount }, (_, i) => ({ label: inputLabel(facts, i), index: i }));
      const held = new Set(answers.fixed.map(([i]) => i));
      const picked = await input.pick({
        placeholder: 'Inputs held at a fixed value, e.g. a parameter (none ticked: all inputs are free)',
        items, canPickMany: true, selected: items.filter((it) => held.has(it.index)),
      });
      if (picked === BACK) return BACK;
      if (picked.length >= facts.inputCount) {
        void vscode.window.showErrorMessage('At least one input must stay free: untick one.');
        return answers;
      }
      const previous = new Map(answers.fixed.map(([i, v]) => [i, v]));
      const fixed = picked.map((p): [number, number] => [p.index, previous.get(p.index) ?? 0]);
      return { ...answers, fixed };
    },
  };
}

/** One value per held input, in input order. */
export function fixedValuesStep<S extends ModelAnswers>(facts: ModelFacts): Step<S> {
  return {
    when: (answers) => answers.fixed.length > 0,
    async run(input, answers) {
      const labels = answers.fixed.map(([i]) => inputLabel(facts, i));
      const parse = (text: string): number[] | string => {
        const values = parsePoint(text, labels.length);
        return typeof values === 'string' || values.every(Number.isFinite) ? values : 'Enter finite numbers.';
      };
      const text = await input.text({
        prompt: fixedValuesPrompt(labels),
        value: answers.fixed.map(([, v]) => String(v)).join(', '),
        validate: (t) => {
          const parsed = parse(t);
          return typeof parsed === 'string' ? parsed : undefined;
        },
      });
      if (text === BACK) return BACK;
      const values = parse(text) as number[];
      return { ...answers, fixed: answers.fixed.map(([i], k): [number, number] => [i, values[k]]) };
    },
  };
}

/** The domain over the free inputs; its default says where it came from. */
export function domainStep<S extends ModelAnswers>(facts: ModelFacts, memory: RememberedAnswers): Step<S> {
  return {
    async run(input, answers) {
      const labels = freeLabels(facts, answers.fixed);
      const fallback = defaultDomainFor(facts, answers.fixed, memory);
      const current = answers.domain.length === labels.length ? answers.domain : fallback.domain;
      const text = await input.text({
        prompt: domainPrompt(labels, fallback.source),
        value: formatBox(current),
        validate: (t) => {
          const parsed = parseBox(t, labels.length, labels);
          return typeof parsed === 'string' ? parsed : undefined;
        },
      });
      if (text === BACK) return BACK;
      return { ...answers, domain: parseBox(text, labels.length, labels) as Array<[number, number]> };
    },
  };
}

/** The centre x_c, inside the domain. */
export function centerStep<S extends ModelAnswers>(facts: ModelFacts, memory: RememberedAnswers): Step<S> {
  return {
    async run(input, answers) {
      const labels = freeLabels(facts, answers.fixed);
      const current = validateCenter(answers.center, answers.domain) === undefined ? answers.center : defaultCenterFor(answers.domain, memory);
      const parse = (t: string): number[] | string => {
        const point = parsePoint(t, labels.length);
        return typeof point === 'string' ? point : (validateCenter(point, answers.domain, labels) ?? point);
      };
      const text = await input.text({
        prompt: centerPrompt(labels),
        value: formatVector([...current]),
        validate: (t) => {
          const parsed = parse(t);
          return typeof parsed === 'string' ? parsed : undefined;
        },
      });
      if (text === BACK) return BACK;
      return { ...answers, center: parse(text) as number[] };
    },
  };
}

const normItems: Array<vscode.QuickPickItem & { norm: NormName }> = [
  { label: '∞-norm', description: 'boxes (exact MILP)', norm: 'inf' },
  { label: '1-norm', description: 'diamonds (exact MILP)', norm: '1' },
  { label: '2-norm', description: 'balls (certified two-sided bounds)', norm: '2' },
];

export function normStep<S extends ModelAnswers>(): Step<S> {
  return {
    async run(input, answers) {
      const pick = first(await input.pick({ placeholder: 'Norm of the balls and distances', items: normItems, active: normItems.find((n) => n.norm === answers.norm) }));
      return pick === BACK ? BACK : { ...answers, norm: pick.norm };
    },
  };
}

/** The four questions about one point, explained in plain words on first use (BL, PI are the paper's names). */
export const certifyQueryItems: ReadonlyArray<vscode.QuickPickItem & { query: CertifyQueryKind }> = [
  {
    label: 'Safety radius (local invertibility, BL)', query: 'radius-bl',
    description: 'the largest ball around x_c on which F is one-to-one',
    detail: 'Local invertibility (BL): no two different points of the ball share an image.',
  },
  {
    label: 'Nearest other preimage (PI)', query: 'radius-pi',
    description: 'the distance from x_c to the closest y ≠ x_c with F(y) = F(x_c)',
    detail: 'Nearest other preimage (PI): no point closer to x_c than R has the same image as x_c.',
  },
  { label: 'Certify local invertibility (BL) at r', query: 'bl', description: 'is F one-to-one on the ball B(x_c, r)?' },
  { label: 'Certify no other preimage (PI) within r', query: 'pi', description: 'does another point of B(x_c, r) map to F(x_c)?' },
];

export function certifyQueryStep<S extends ModelAnswers & { query: CertifyQueryKind }>(): Step<S> {
  return {
    async run(input, answers) {
      const pick = first(await input.pick({ placeholder: 'Question', items: certifyQueryItems, active: certifyQueryItems.find((q) => q.query === answers.query) }));
      return pick === BACK ? BACK : { ...answers, query: pick.query };
    },
  };
}

export function radiusStep<S extends ModelAnswers & { query: CertifyQueryKind; radius?: number }>(memory: RememberedAnswers): Step<S> {
  return {
    when: (answers) => answers.query === 'bl' || answers.query === 'pi',
    async run(input, answers) {
      const text = await input.text({
        prompt: 'Radius r of the ball B(x_c, r), in the chosen norm',
        value: String(answers.radius ?? defaultRadiusFor(answers.domain, memory)),
        validate: (v) => (v.trim() !== '' && Number(v) > 0 && Number.isFinite(Number(v)) ? undefined : 'Enter a number > 0.'),
      });
      return text === BACK ? BACK : { ...answers, radius: Number(text) };
    },
  };
}

export function levelsStep<S extends { levels: readonly number[] }>(): Step<S> {
  const parse = (v: string): number[] => v.split(/[\s,%]+/).filter(Boolean).map(Number);
  return {
    async run(input, answers) {
      const text = await input.text({
        prompt: 'Pruning levels: percent of weights removed by magnitude (each strictly between 0 and 100)',
        value: answers.levels.join(', '),
        validate: (v) => {
          const levels = parse(v);
          return levels.length > 0 && levels.every((l) => l > 0 && l < 100) ? undefined : 'Enter percentages between 0 and 100, e.g. 10, 30, 50.';
        },
      });
      return text === BACK ? BACK : { ...answers, levels: parse(text) };
    },
  };
}

/** The last step: the line the wizard will append to the query file, and where; nothing is written before "Run". */
export function reviewStep<S>(preview: (answers: S) => { line: string; file: string }): Step<S> {
  return {
    async run(input: StepInput, answers: S) {
      const { line, file } = preview(answers);
      const run = { label: '$(play) Run', description: `adds this line to ${file} and runs it`, detail: line };
      const pick = first(await input.pick({ placeholder: 'Review the query, or go Back to change an answer', items: [run], active: run }));
      return pick === BACK ? BACK : answers;
    },
  };
}
