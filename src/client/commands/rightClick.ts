// The right-click flows on *.onnx: Certify Invertibility…, Compare Networks… (two models) and Pruning Sweep….
// Each asks a few quick inputs (or takes every answer from an argument object, for tests), writes the query into
// `<model>.invq` beside the model, opens it and runs the query.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunGate } from '../trust/runGate';
import type { NormName } from '../../shared/results';
import type { CertifyAnswersInput } from '../certify/answers';
import { resolveAnswers, validateBox, validateFixed, defaultDomain, validateCenter } from '../certify/answers';
import type { Logger } from '../log';
import { readInputInfo } from './modelInfo';
import { askCenter, askDomain, askFixed, askLevels, askNorm, askQuery, askRadius } from './prompts';
import type { WrittenQuery } from './writeQuery';
import { invqUriFor, modelPathFrom, writeAndRun } from './writeQuery';

const answerKeys = ['fixed', 'domain', 'center', 'query', 'norm', 'radius', 'levels'];

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

export async function certifyModel(
  client: LanguageClient,
  runs: RunGate,
  logger: Logger,
  uri: vscode.Uri | undefined,
  arg?: unknown,
): Promise<WrittenQuery | undefined> {
  runs.requireTrust('Certify Invertibility');
  const model = uri ?? (await pickModel('Certify Invertibility'));
  if (!model) return undefined;
  const info = await readInputInfo(client, model);
  const scripted = scriptedAnswers<CertifyAnswersInput>(arg);
  let input: CertifyAnswersInput;
  if (scripted) {
    input = scripted;
  } else {
    const title = `Certify Invertibility: ${vscode.workspace.asRelativePath(model)}`;
    const fixed = await askFixed(info, title);
    const domain = await askDomain(info.inputCount - fixed.length, title);
    const center = await askCenter(domain, title);
    const query = await askQuery(title);
    const radius = query === 'bl' || query === 'pi' ? await askRadius(domain, title) : undefined;
    const norm = await askNorm(title);
    input = { fixed, domain, center, query, norm, radius };
  }
  const answers = resolveAnswers(input, info.inputCount);
  if (typeof answers === 'string') throw new Error(answers);
  const invq = invqUriFor(model);
  const modelUse = { path: modelPathFrom(invq, model), fixed: answers.fixed };
  const radiusQuery = answers.query === 'radius-bl' || answers.query === 'radius-pi';
  return writeAndRun(runs, logger, invq, {
    kind: radiusQuery ? 'radius' : 'certify',
    model: modelUse,
    query: answers.query === 'radius-bl' || answers.query === 'bl' ? 'bl' : 'pi',
    center: answers.center,
    radius: answers.radius,
    domain: answers.domain,
    norm: answers.norm,
  });
}

export interface CompareAnswersInput {
  readonly query?: 'transform' | 'discrepancy';
  readonly fixed?: ReadonlyArray<readonly [number, number]>;
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly norm?: NormName;
}

/** Args: (clickedUri, selectedUris[]) from the explorer, or (uriA, [uriA, uriB], answers) from tests. */
export async function compareNetworks(
  client: LanguageClient,
  runs: RunGate,
  logger: Logger,
  uri: vscode.Uri | undefined,
  selection?: unknown,
  arg?: unknown,
): Promise<WrittenQuery | undefined> {
  runs.requireTrust('Compare Networks');
  const selected = Array.isArray(selection) ? (selection as unknown[]).filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  const first = uri ?? selected[0] ?? (await pickModel('Compare Networks: first model'));
  if (!first) return undefined;
  const second = selected.find((u) => u.toString() !== first.toString()) ?? (await pickModel('Compare Networks: second model', first));
  if (!second) return undefined;
  const [infoA, infoB] = await Promise.all([readInputInfo(client, first), readInputInfo(client, second)]);
  if (infoA.inputCount !== infoB.inputCount) {
    throw new Error(`The models take different numbers of inputs (${infoA.inputCount} and ${infoB.inputCount}); matching needs the same inputs.`);
  }
  const scripted = scriptedAnswers<CompareAnswersInput>(arg) ?? scriptedAnswers<CompareAnswersInput>(selection);
  let query: 'transform' | 'discrepancy';
  let fixed: Array<[number, number]>;
  let domain: Array<[number, number]>;
  let norm: NormName;
  if (scripted) {
    query = scripted.query ?? 'discrepancy';
    fixed = (scripted.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
    domain = scripted.domain ? scripted.domain.map(([l, h]): [number, number] => [l, h]) : defaultDomain(infoA.inputCount - fixed.length);
    norm = scripted.norm ?? 'inf';
  } else {
    const title = `Compare ${vscode.workspace.asRelativePath(first)} with ${vscode.workspace.asRelativePath(second)}`;
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Discrepancy', description: 'max ‖f₁(x) − f₂(x)‖ over the domain, with the input that attains it', query: 'discrepancy' as const },
        { label: 'Transformation', description: 'is there a map T with f₂ = T ∘ f₁ on the domain?', query: 'transform' as const },
      ],
      { title, placeHolder: 'Matching query', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    query = pick.query;
    fixed = await askFixed(infoA, title);
    domain = await askDomain(infoA.inputCount - fixed.length, title);
    norm = await askNorm(title);
  }
  const problem = validateFixed(fixed, infoA.inputCount) ?? (domain.length !== infoA.inputCount - fixed.length ? 'The domain needs one interval per free input.' : validateBox(domain));
  if (problem) throw new Error(problem);
  const invq = invqUriFor(first);
  return writeAndRun(runs, logger, invq, {
    kind: 'match',
    modelA: { path: modelPathFrom(invq, first), fixed },
    modelB: { path: modelPathFrom(invq, second), fixed },
    query,
    domain,
    norm,
  });
}

export interface PruneAnswersInput {
  readonly levels?: readonly number[];
  readonly fixed?: ReadonlyArray<readonly [number, number]>;
  readonly domain?: ReadonlyArray<readonly [number, number]>;
  readonly center?: readonly number[];
  readonly norm?: NormName;
}

export async function pruningSweep(
  client: LanguageClient,
  runs: RunGate,
  logger: Logger,
  uri: vscode.Uri | undefined,
  arg?: unknown,
): Promise<WrittenQuery | undefined> {
  runs.requireTrust('Pruning Sweep');
  const model = uri ?? (await pickModel('Pruning Sweep'));
  if (!model) return undefined;
  const info = await readInputInfo(client, model);
  const scripted = scriptedAnswers<PruneAnswersInput>(arg);
  let levels: number[];
  let fixed: Array<[number, number]>;
  let domain: Array<[number, number]>;
  let center: number[] | undefined;
  let norm: NormName;
  if (scripted) {
    levels = [...(scripted.levels ?? [10, 20, 30, 40, 50])];
    fixed = (scripted.fixed ?? []).map(([i, v]): [number, number] => [i, v]);
    domain = scripted.domain ? scripted.domain.map(([l, h]): [number, number] => [l, h]) : defaultDomain(info.inputCount - fixed.length);
    center = scripted.center ? [...scripted.center] : undefined;
    norm = scripted.norm ?? 'inf';
  } else {
    const title = `Pruning Sweep: ${vscode.workspace.asRelativePath(model)}`;
    levels = await askLevels(title);
    fixed = await askFixed(info, title);
    domain = await askDomain(info.inputCount - fixed.length, title);
    center = await askCenter(domain, title);
    norm = await askNorm(title);
  }
  const problem =
    validateFixed(fixed, info.inputCount) ??
    (domain.length !== info.inputCount - fixed.length ? 'The domain needs one interval per free input.' : validateBox(domain)) ??
    (center ? validateCenter(center, domain) : undefined) ??
    (levels.length > 0 && levels.every((l) => l > 0 && l < 100) ? undefined : 'Pruning levels must be percentages between 0 and 100.');
  if (problem) throw new Error(problem);
  const invq = invqUriFor(model);
  return writeAndRun(runs, logger, invq, { kind: 'prune', model: { path: modelPathFrom(invq, model), fixed }, levels, domain, center, norm });
}
