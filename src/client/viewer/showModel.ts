// "Show Model Summary": opens the model viewer on the model its argument names. The argument comes from the explorer
// (a Uri), hover links and code lenses ({ path } or { uri, model } for a model declared in an .invq document), or is
// absent (then a quick pick asks for a model).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ModelSummary } from '../../shared/protocol';
import { pickModel } from '../commands/rightClick';
import { openModelViewer } from './modelViewer';

/** The model file an argument names; {uri, model} asks the server, which resolves the .invq's `model` line. */
async function modelUriFrom(client: LanguageClient, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && typeof arg === 'object') {
    const a = arg as { path?: unknown; uri?: unknown; model?: unknown };
    if (typeof a.path === 'string') return vscode.Uri.file(a.path);
    if (typeof a.uri === 'string' && typeof a.model === 'string') {
      const { path } = await client.sendRequest(ModelSummary.type, { uri: a.uri, model: a.model });
      if (!path) throw new Error(`No model named '${a.model}' in ${vscode.workspace.asRelativePath(vscode.Uri.parse(a.uri))}.`);
      return vscode.Uri.file(path);
    }
  }
  return undefined;
}

/** Resolves to the opened model's Uri (undefined when the user picked none). */
export async function showModelSummary(client: LanguageClient, arg: unknown): Promise<vscode.Uri | undefined> {
  const model = (await modelUriFrom(client, arg)) ?? (await pickModel('Show Model Summary'));
  if (!model) return undefined;
  await openModelViewer(model);
  return model;
}
