// The model viewer's HTML. Pure (no vscode import) so a plain node:test can pin its CSP: the results panel's page and
// policy (buildWebviewPage, buildCsp: nothing by default, scripts only with the nonce, styles from the extension's files).
import type { ViewerInitialState } from '../../shared/modelViewer';
import { buildWebviewPage, escapeAttribute } from '../panel/html';

export interface ViewerHtmlInput {
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/viewer.js and media/viewer.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly initialState: ViewerInitialState;
}

export function buildViewerHtml(input: ViewerHtmlInput): string {
  const state = escapeAttribute(JSON.stringify(input.initialState));
  const name = escapeAttribute(input.initialState.fileName);
  return buildWebviewPage({ ...input, title: input.initialState.fileName, body: `<main id="viewer" data-state="${state}"><p class="loading">Reading ${name}…</p></main>` });
}
