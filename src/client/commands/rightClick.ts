// The right-click flows on *.onnx: Certify Invertibility…, Compare Networks… (two models) and Pruning Sweep….
// Each is a multi-step quick input with Back (./multiStep.ts, steps in ./prompts.ts) whose defaults come from the
// model and from the answers remembered for it (../certify/wizardDefaults.ts, ../certify/wizardMemory.ts); tests
// pass every answer in an argument object instead. Nothing is written until the last step's "Run": the query is
// then appended to `<model>.invq` beside the model, opened and run (the README's "The wizard" says why a file).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunGate } from '../trust/runGate';
import type { NormName } from '../../shared/results';
import type { CertifyAnswersInput, CertifyQueryKind } from '../certify/answers';
import { resolveAnswers, validateBox, validateFixed, defaultDomain, validateCenter } from '../certify/answers';
import { compareRefusal } from '../certify/compatibility';
import type { QueryStatement } from '../certify/invqText';
import { appendQuery } from '../certify/invqText';
import type { RememberedAnswers } from '../certify/wizardDefaults';
import { defaultCenterFor, defaultDomainFor, defaultFixed, defaultLevelsFor, defaultNormFor, defaultQueryFor } from '../certify/wizardDefaults';
import type { AnswerStore } from '../certify/wizardMemory';
import { memoryKey, recall, recallFirst, remember } from '../certify/wizardMemory';
import type { Logger } from '../log';
import type { ModelInfo } from './modelInfo';
import { readInputInfo } from './modelInfo';
import type { Step } from './multiStep';
import { BACK, runSteps } from './multiStep';
import type { ModelAnswers } from './prompts';
import { centerStep, certifyQueryStep, domainStep, fixedStep, fixedValuesStep, levelsStep, normStep, radiusStep, reviewStep } from './prompts';
import type { WrittenQuery } from './writeQuery';
import { invqUriFor, modelPathFrom, writeAndRun } from './writeQuery';

const answerKeys = ['fixed', 'domain', 'center', 'query', 'norm', 'radius', 'levels'];

/** What the flows need besides the model: the server, the trust gate, the log and the answer memory. */
export interface WizardDeps {
  readonly client: LanguageClient;
  readonly runs: RunGate;
  readonly logger: Logger;
  readonly memory: AnswerStore;
}

/** Explorer menus pass (uri, selectedUris[]), the editor title passes (uri, {groupId}); tests pass (uri, answers). */
function scriptedAnswers<T extends object>(arg: unknown): T | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  return Object.keys(arg).some((k) => answerKeys.includes(k)) ? (arg as T) : undefined;
}

export async function pickModel(title: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 500)).filter((f) => f.toString() !== exclude?.toString());
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No .onnx models in this workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title, placeHolder: 'Model (.onnx)' },
  );
  return pick?.uri;
}

/** The model's remembered answers, and how to store new ones. */
function memoryFor(deps: WizardDeps, model: vscode.Uri, info: ModelInfo): { recalled: RememberedAnswers; store: (a: RememberedAnswers) => Promise<void> } {
  const key = memoryKey(model.fsPath, info.hash);
  return { recalled: recall(deps.memory, key), store: (a) => remember(deps.memory, key, a) };
}

/** The answers a flow starts from: remembered ones that still fit the model, else the model's defaults. */
function startingAnswers(info: ModelInfo, recalled: RememberedAnswers): ModelAnswers {
  const fixed = defaultFixed(info, recalled);
  const { domain } = defaultDomainFor(info, fixed, recalled);
  return { fixed, domain, center: defaultCenterFor(domain, recalled), norm: defaultNormFor(recalled) };
}

/** The review line: the query as the .invq file will read it, and the file's name. */
function previewOf(invq: vscode.Uri, statement: QueryStatement): { line: string; file: string } {
  const lines = appendQuery('', statement).text.trimEnd().split('\n');
  return { line: lines[lines.length - 1], file: vscode.workspace.asRelativePath(invq) };
}

type CertifyWizard = ModelAnswers & { query: CertifyQueryKind; radius?: number };

function certifyStatement(invq: vscode.Uri, model: vscode.Uri, a: CertifyAnswersInput & ModelAnswers & { query: CertifyQueryKind }): QueryStatement {
  const radiusQuery = a.query === 'radius-bl' || a.query === 'radius-pi';
  return {
    kind: radiusQuery ? 'radius' : 'certify',
    model: { path: modelPathFrom(invq, model), fixed: a.fixed },
    query: a.query === 'radius-bl' || a.query === 'bl' ? 'bl' : 'pi',
    center: a.center,
    ...(radiusQuery ? {} : { radius: a.radius }),
    domain: a.domain,
    norm: a.norm,
  };
}

export async function certifyModel(deps: WizardDeps, uri: vscode.Uri | undefined, arg?: unknown): Promise<WrittenQuery | undefined> {
  deps.runs.requireTrust('Certify Invertibility');
  const model = uri ?? (await pickModel('Certify Invertibility'));
  if (!model) return undefined;
  const info = await readInputInfo(deps.client, model);
  const invq = invqUriFor(model);
  const scripted = scriptedAnswers<CertifyAnswersInput>(arg);
  let input: CertifyAnswersInput;
  if (scripted) {
    input = scripted;
  } else {
    const { recalled, store } = memoryFor(deps, model, info);
    const steps: Array<Step<CertifyWizard>> = [
      fixedStep(info), fixedValuesStep(info), domainStep(info, recalled), centerStep(info, recalled),
      certifyQueryStep(), radiusStep(recalled), normStep(),
      reviewStep((a) => previewOf(invq, certifyStatement(invq, model, a))),
    ];
    const start: CertifyWizard = { ...startingAnswers(info, recalled), query: defaultQueryFor(recalled), ...(recalled.radius ? { radius: recalled.radius } : {}) };
    input = await runSteps(`Certify Invertibility: ${vscode.workspace.asRelativePath(model)}`, steps, start);
    await store(input);
  }
  const answers = resolveAnswers(input, info.inputCount);
  if (typeof answers === 'string') throw new Error(answers);
  return writeAndRun(deps.runs, deps.logger, invq, certifyStatement(invq, model, answers));
}

export interface CompareAnswersInput {
  readonly query?: 'transform' | 'discrepancy';
  readonly fixed?: ReadonlyArray<readonly [number, number]>;
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly norm?: NormName;
}

type CompareWizard = ModelAnswers & { compareQuery: 'transform' | 'discrepancy' };

const compareItems = [
  { label: 'Discrepancy', description: 'max ‖f₁(x) − f₂(x)‖ over the domain, with the input that attains it', query: 'discrepancy' as const },
  { label: 'Transformation', description: 'is there a map T with f₂ = T ∘ f₁ on the domain?', query: 'transform' as const },
];

/** Args: (clickedUri, selectedUris[]) from the explorer, or (uriA, [uriA, uriB], answers) from tests. */
export async function compareNetworks(deps: WizardDeps, uri: vscode.Uri | undefined, selection?: unknown, arg?: unknown): Promise<WrittenQuery | undefined> {
  deps.runs.requireTrust('Compare Networks');
  const selected = Array.isArray(selection) ? (selection as unknown[]).filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  const first = uri ?? selected[0] ?? (await pickModel('Compare Networks: first model'));
  if (!first) return undefined;
  const infoA = await readInputInfo(deps.client, first);
  const shapeOf = (u: vscode.Uri, info: ModelInfo): { name: string; inputCount: number; outputCount?: number } => ({ name: vscode.workspace.asRelativePath(u), ...info });
  let second = selected.find((u) => u.toString() !== first.toString());
  let infoB: ModelInfo | undefined;
  if (second) {
    // Both models came from the explorer: refuse an incompatible pair before any step.
    infoB = await readInputInfo(deps.client, second);
    const refusal = compareRefusal(shapeOf(first, infoA), shapeOf(second, infoB));
    if (refusal) throw new Error(refusal);
  } else {
    second = await pickCompatible(deps, first, infoA);
    if (!second) return undefined;
    infoB = await readInputInfo(deps.client, second);
  }
  const b = shapeOf(second, infoB);
  const scripted = scriptedAnswers<CompareAnswersInput>(arg) ?? scriptedAnswers<CompareAnswersInput>(selection);
  const invq = invqUriFor(first);
  const statement = (a: ModelAnswers & { compareQuery: 'transform' | 'discrepancy' }): QueryStatement => ({
    kind: 'match',
    modelA: { path: modelPathFrom(invq, first), fixed: a.fixed },
    modelB: { path: modelPathFrom(invq, second), fixed: a.fixed },
    query: a.compareQuery, domain: a.domain, norm: a.norm,
  });
  let answers: ModelAnswers & { compareQuery: 'transform' | 'discrepancy' };
  if (scripted) {
    const fixed = (scripted.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
    const domain = scripted.domain ? scripted.domain.map(([l, h]): [number, number] => [l, h]) : defaultDomain(infoA.inputCount - fixed.length);
    answers = { compareQuery: scripted.query ?? 'discrepancy', fixed, domain, center: [], norm: scripted.norm ?? 'inf' };
  } else {
    const { store } = memoryFor(deps, first, infoA);
    const recalled = recallFirst(deps.memory, [memoryKey(first.fsPath, infoA.hash), memoryKey(second.fsPath, infoB.hash)]);
    const queryStep: Step<CompareWizard> = {
      async run(input, a) {
        const picked = await input.pick({
          placeholder: 'Matching query', items: compareItems, active: compareItems.find((i) => i.query === a.compareQuery),
          check: async ([item]) => Promise.resolve(compareRefusal(shapeOf(first, infoA), b, item.query)),
        });
        return picked === BACK ? BACK : { ...a, compareQuery: picked[0].query };
      },
    };
    const steps: Array<Step<CompareWizard>> = [
      queryStep, fixedStep(infoA), fixedValuesStep(infoA), domainStep(infoA, recalled), normStep(), reviewStep((a) => previewOf(invq, statement(a))),
    ];
    const start: CompareWizard = { ...startingAnswers(infoA, recalled), compareQuery: recalled.compareQuery ?? 'discrepancy' };
    answers = await runSteps(`Compare ${vscode.workspace.asRelativePath(first)} with ${b.name}`, steps, start);
    await store({ fixed: answers.fixed, domain: answers.domain, norm: answers.norm, compareQuery: answers.compareQuery });
  }
  const refusal = compareRefusal(shapeOf(first, infoA), b, answers.compareQuery);
  const problem = refusal ?? validateFixed(answers.fixed, infoA.inputCount) ??
    (answers.domain.length !== infoA.inputCount - answers.fixed.length ? 'The domain needs one interval per free input.' : validateBox(answers.domain));
  if (problem) throw new Error(problem);
  return writeAndRun(deps.runs, deps.logger, invq, statement(answers));
}

/** The second model of a comparison: a pick that refuses a model with other inputs on the spot, naming both counts. */
async function pickCompatible(deps: WizardDeps, first: vscode.Uri, infoA: ModelInfo): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 500)).filter((f) => f.toString() !== first.toString());
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No other .onnx model in this workspace to compare with.');
    return undefined;
  }
  const items = files.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u }));
  const nameA = vscode.workspace.asRelativePath(first);
  const picked = await runSteps<{ uri?: vscode.Uri }>(`Compare ${nameA} with…`, [{
    async run(input) {
      const chosen = await input.pick({
        placeholder: `Second model: same ${infoA.inputCount} inputs as ${nameA}`, items,
        check: async ([item]) => compareRefusal({ name: nameA, ...infoA }, { name: item.label, ...(await readInputInfo(deps.client, item.uri)) }),
      });
      return chosen === BACK ? BACK : { uri: chosen[0].uri };
    },
  }], {});
  return picked.uri;
}

export interface PruneAnswersInput {
  readonly levels?: readonly number[];
  readonly fixed?: ReadonlyArray<readonly [number, number]>;
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly center?: readonly number[];
  readonly norm?: NormName;
}

type PruneWizard = ModelAnswers & { levels: readonly number[] };

export async function pruningSweep(deps: WizardDeps, uri: vscode.Uri | undefined, arg?: unknown): Promise<WrittenQuery | undefined> {
  deps.runs.requireTrust('Pruning Sweep');
  const model = uri ?? (await pickModel('Pruning Sweep'));
  if (!model) return undefined;
  const info = await readInputInfo(deps.client, model);
  const invq = invqUriFor(model);
  const statement = (a: { levels: readonly number[]; fixed: ModelAnswers['fixed']; domain: ModelAnswers['domain']; center?: readonly number[]; norm: NormName }): QueryStatement => ({
    kind: 'prune', model: { path: modelPathFrom(invq, model), fixed: a.fixed }, levels: a.levels, domain: a.domain, ...(a.center ? { center: a.center } : {}), norm: a.norm,
  });
  const scripted = scriptedAnswers<PruneAnswersInput>(arg);
  let answers: { levels: readonly number[]; fixed: ModelAnswers['fixed']; domain: ModelAnswers['domain']; center?: readonly number[]; norm: NormName };
  if (scripted) {
    const fixed = (scripted.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
    answers = {
      levels: [...(scripted.levels ?? [10, 20, 30, 40, 50])], fixed,
      domain: scripted.domain ? scripted.domain.map(([l, h]): [number, number] => [l, h]) : defaultDomain(info.inputCount - fixed.length),
      ...(scripted.center ? { center: [...scripted.center] } : {}), norm: scripted.norm ?? 'inf',
    };
  } else {
    const { recalled, store } = memoryFor(deps, model, info);
    const steps: Array<Step<PruneWizard>> = [
      levelsStep(), fixedStep(info), fixedValuesStep(info), domainStep(info, recalled), centerStep(info, recalled), normStep(),
      reviewStep((a) => previewOf(invq, statement(a))),
    ];
    answers = await runSteps(`Pruning Sweep: ${vscode.workspace.asRelativePath(model)}`, steps, { ...startingAnswers(info, recalled), levels: defaultLevelsFor(recalled) });
    await store(answers);
  }
  const problem =
    validateFixed(answers.fixed, info.inputCount) ??
    (answers.domain.length !== info.inputCount - answers.fixed.length ? 'The domain needs one interval per free input.' : validateBox(answers.domain)) ??
    (answers.center ? validateCenter(answers.center, answers.domain) : undefined) ??
    (answers.levels.length > 0 && answers.levels.every((l) => l > 0 && l < 100) ? undefined : 'Pruning levels must be percentages between 0 and 100.');
  if (problem) throw new Error(problem);
  return writeAndRun(deps.runs, deps.logger, invq, statement(answers));
}
