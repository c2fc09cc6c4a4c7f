// "Show Model Summary": a read-only virtual Markdown document `invcert-model:<model path>.md?<params>`, whose
// content the server computes (inputs, outputs, layers, ReLUs, fixed inputs).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { errorMessage } from './log';
import { ModelSummary } from '../shared/protocol';

export const modelSummaryScheme = 'invcert-model';

export function summaryUri(params: ModelSummary.Params): vscode.Uri {
  const label = (params.path ?? params.model ?? 'model').replace(/\\/g, '/');
  return vscode.Uri.from({ scheme: modelSummaryScheme, path: `/${label.replace(/^\/+/, '')}.md`, query: JSON.stringify(params) });
}

export class ModelSummaryProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const params = JSON.parse(uri.query) as ModelSummary.Params;
    try {
      return (await this.client.sendRequest(ModelSummary.type, params, token)).markdown;
    } catch (error) {
      return `# Model summary unavailable\n\n${errorMessage(error)}\n`;
    }
  }

  /** Re-reads an open summary (e.g. after the model file changed). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }
}

/** Arg: {path} | {uri, model} | a Uri (explorer) | nothing (asks for a model). */
export function summaryParamsFrom(arg: unknown): ModelSummary.Params | undefined {
  if (arg instanceof vscode.Uri) return { path: arg.fsPath };
  if (arg && typeof arg === 'object') {
    const a = arg as { path?: unknown; uri?: unknown; model?: unknown };
    if (typeof a.path === 'string') return { path: a.path };
    if (typeof a.uri === 'string' && typeof a.model === 'string') return { uri: a.uri, model: a.model };
  }
  return undefined;
}
