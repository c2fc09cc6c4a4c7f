// Reads a model's input count and names from the server (the client never parses ONNX itself).
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ModelSummary } from '../../shared/protocol';
import { inputCountFromMarkdown } from '../certify/inputCount';
import type { InputInfo } from './prompts';

/** ModelSummary.Result with the structured fields the quick inputs need (requested from H5a; optional until then). */
type SummaryWithInputs = ModelSummary.Result & { readonly inputCount?: number; readonly inputNames?: string[]; readonly outputCount?: number };

export async function readInputInfo(client: LanguageClient, model: vscode.Uri): Promise<InputInfo & { outputCount?: number }> {
  const summary: SummaryWithInputs = await client.sendRequest(ModelSummary.type, { path: model.fsPath });
  const inputCount = summary.inputCount ?? inputCountFromMarkdown(summary.markdown);
  if (inputCount === undefined) throw new Error(`The server did not report the input count of ${model.fsPath}.`);
  return { inputCount, inputNames: summary.inputNames, outputCount: summary.outputCount };
}

