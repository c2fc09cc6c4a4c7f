// Reads what the wizard needs of a model from the server (the client never parses ONNX itself): input count and
// names, output count, the file's hash (the key of its remembered answers) and the domain its metadata declares.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ModelSummary } from '../../shared/protocol';
import { inputCountFromMarkdown } from '../certify/inputCount';
import type { ModelFacts } from '../certify/wizardDefaults';

export type ModelInfo = ModelFacts & { readonly hash?: string };

export async function readInputInfo(client: LanguageClient, model: vscode.Uri): Promise<ModelInfo> {
  const summary = await client.sendRequest(ModelSummary.type, { path: model.fsPath });
  const inputCount = summary.inputCount ?? inputCountFromMarkdown(summary.markdown);
  if (inputCount === undefined) throw new Error(`${model.fsPath} does not load: ${summary.markdown.replace(/^#.*\n+/, '').trim() || 'the server reported no inputs'}`);
  return {
    inputCount,
    ...(summary.inputNames ? { inputNames: summary.inputNames } : {}),
    ...(summary.outputCount !== undefined ? { outputCount: summary.outputCount } : {}),
    ...(summary.hash ? { hash: summary.hash } : {}),
    ...(summary.declaredDomain ? { declaredDomain: summary.declaredDomain } : {}),
  };
}
