// The quick-input steps shared by the right-click flows. Each returns undefined when the user presses Escape.
// Parsing and validation rules live in ../certify/answers.ts (pure, unit-tested).
import * as vscode from 'vscode';
import type { NormName } from '../../shared/results';
import type { CertifyQueryKind } from '../certify/answers';
import { defaultDomain, formatBox, formatVector, midpoint, parseBox, parsePoint, validateCenter } from '../certify/answers';

/** Thrown to end a flow quietly when the user dismisses a step. */
export class FlowDismissed extends Error {
  constructor() {
    super('dismissed');
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new FlowDismissed();
  return value;
}

export interface InputInfo {
  readonly inputCount: number;
  readonly inputNames?: readonly string[];
}

function inputLabel(info: InputInfo, index: number): string {
  const name = info.inputNames?.[index];
  return name ? `input ${index} (${name})` : `input ${index}`;
}

export async function askFixed(info: InputInfo, title: string): Promise<Array<[number, number]>> {
  if (info.inputCount <= 1) return [];
  const picks = required(
    await vscode.window.showQuickPick(
      Array.from({ length: info.inputCount }, (_, i) => ({ label: inputLabel(info, i), index: i })),
      { title, canPickMany: true, placeHolder: 'Inputs held at a fixed value (none checked: all free)', ignoreFocusOut: true },
    ),
  );
  const fixed: Array<[number, number]> = [];
  for (const pick of picks) {
    const text = required(
      await vscode.window.showInputBox({
        title,
        prompt: `Value of ${pick.label}`,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? undefined : 'Enter a finite number.'),
      }),
    );
    fixed.push([pick.index, Number(text)]);
  }
  if (fixed.length >= info.inputCount) throw new Error('At least one input must stay free.');
  return fixed;
}

export async function askDomain(freeCount: number, title: string): Promise<Array<[number, number]>> {
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt: `Domain: one interval per free input (${freeCount}), e.g. [0, 3] × [0, 4]`,
      value: formatBox(defaultDomain(freeCount)),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const parsed = parseBox(v, freeCount);
        return typeof parsed === 'string' ? parsed : undefined;
      },
    }),
  );
  return parseBox(text, freeCount) as Array<[number, number]>;
}

export async function askCenter(domain: ReadonlyArray<readonly [number, number]>, title: string): Promise<number[]> {
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt: 'Centre x_c (default: the midpoint of the domain)',
      value: formatVector(midpoint(domain)),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const parsed = parsePoint(v, domain.length);
        return typeof parsed === 'string' ? parsed : validateCenter(parsed, domain);
      },
    }),
  );
  return parsePoint(text, domain.length) as number[];
}

export async function askQuery(title: string): Promise<CertifyQueryKind> {
  const items: Array<vscode.QuickPickItem & { query: CertifyQueryKind }> = [
    { label: 'BL radius', description: 'safety radius r: largest box around x_c on which F is injective', query: 'radius-bl' },
    { label: 'PI radius', description: 'distance R from x_c to the nearest other preimage of F(x_c)', query: 'radius-pi' },
    { label: 'Certify BL at r', description: 'is F injective on the ball B(x_c, r)?', query: 'bl' },
    { label: 'Certify PI at r', description: 'does F(x_c) have another preimage in B(x_c, r)?', query: 'pi' },
  ];
  return required(await vscode.window.showQuickPick(items, { title, placeHolder: 'Query', ignoreFocusOut: true })).query;
}

export async function askRadius(domain: ReadonlyArray<readonly [number, number]>, title: string): Promise<number> {
  const width = Math.min(...domain.map(([lo, hi]) => hi - lo));
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt: 'Radius r',
      value: String(Number((width / 4).toPrecision(3))),
      ignoreFocusOut: true,
      validateInput: (v) => (Number(v) > 0 && Number.isFinite(Number(v)) ? undefined : 'Enter a number > 0.'),
    }),
  );
  return Number(text);
}

export async function askNorm(title: string): Promise<NormName> {
  const items: Array<vscode.QuickPickItem & { norm: NormName }> = [
    { label: '∞-norm', description: 'boxes (exact MILP)', norm: 'inf' },
    { label: '1-norm', description: 'diamonds (exact MILP)', norm: '1' },
    { label: '2-norm', description: 'balls (certified two-sided bounds)', norm: '2' },
  ];
  return required(await vscode.window.showQuickPick(items, { title, placeHolder: 'Norm', ignoreFocusOut: true })).norm;
}

export async function askLevels(title: string): Promise<number[]> {
  const text = required(
    await vscode.window.showInputBox({
      title,
      prompt: 'Pruning levels: percent of weights removed by magnitude',
      value: '10, 20, 30, 40, 50',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const levels = v.split(/[\s,]+/).filter(Boolean).map(Number);
        return levels.length > 0 && levels.every((l) => l > 0 && l < 100) ? undefined : 'Enter percentages between 0 and 100.';
      },
    }),
  );
  return text.split(/[\s,]+/).filter(Boolean).map(Number);
}
