// "Open Queries" on a model: the .invq files of the workspace whose `model` lines name this .onnx file. One is opened
// at once; several are offered in a quick pick; none says how to write one (Certify…, Compare with…, Pruning Sweep…).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickModel } from './rightClick';

/** `model NAME = "relative/path.onnx"`: the quoted path, resolved against the .invq file's folder. */
const MODEL_LINE = /^\s*model\s+\w+\s*=\s*"([^"]+)"/gm;

export function modelPathsIn(invqText: string, invqPath: string): string[] {
  return [...invqText.matchAll(MODEL_LINE)].map((m) => path.resolve(path.dirname(invqPath), m[1]));
}

export async function queriesUsing(model: vscode.Uri): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles('**/*.invq', '**/node_modules/**', 1000);
  const using: vscode.Uri[] = [];
  for (const file of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    if (modelPathsIn(text, file.fsPath).some((p) => path.normalize(p) === path.normalize(model.fsPath))) using.push(file);
  }
  return using.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

export async function openQueries(arg: unknown): Promise<vscode.Uri[]> {
  const model = arg instanceof vscode.Uri ? arg : await pickModel('Open Queries');
  if (!model) return [];
  const files = await queriesUsing(model);
  const name = vscode.workspace.asRelativePath(model);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(`No .invq file in this workspace uses ${name} yet. Certify…, Compare with… or Pruning Sweep… writes one.`);
    return [];
  }
  const pick = files.length === 1 ? files[0] : (await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: `Queries that use ${name}`, placeHolder: 'Query file (.invq)' },
  ))?.uri;
  if (pick) await vscode.window.showTextDocument(pick, { preview: false });
  return files;
}
