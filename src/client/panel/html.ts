// Builds the results panel's HTML and its Content-Security-Policy. Pure (no vscode import) so a
// plain node:test can pin down the CSP; the webview view provider passes in the webview's URIs.
import { randomBytes } from 'node:crypto';
import type { PanelInitialState } from '../../shared/webviewMessages';

export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of dist/webview.js and media/panel.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly initialState: PanelInitialState;
}

/** 128 bits from the OS CSPRNG, base64 without padding (a valid CSP nonce-source). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64').replace(/=+$/, '');
}

/**
 * The panel's CSP. Nothing is allowed by default; scripts only with the nonce (no inline script,
 * no eval); styles from the extension's own files or elements carrying the nonce. Observable Plot
 * inserts one <style> element per chart: the webview sets the nonce on it before inserting it, so
 * no 'unsafe-inline' is needed. Its other styling goes through the CSSOM (element.style), which
 * style-src does not govern. @vscode-elements uses constructable stylesheets (adoptedStyleSheets),
 * also outside style-src.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Escapes text for a double-quoted HTML attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What every webview page of the extension is: the CSP meta tag, one stylesheet and one script (each carrying the
 * nonce), and a body given as markup the caller built from escaped values. */
export interface WebviewPageInput {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  /** Markup placed before the script; every value in it must already be escaped (escapeAttribute). */
  readonly body: string;
}

export function buildWebviewPage(input: WebviewPageInput): string {
  const csp = buildCsp(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}" nonce="${input.nonce}">
<title>${escapeAttribute(input.title)}</title>
</head>
<body>
${input.body}
<script nonce="${input.nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}

export function buildPanelHtml(input: PanelHtmlInput): string {
  const state = escapeAttribute(JSON.stringify(input.initialState));
  // The initial state rides in a data- attribute (escaped JSON), never in an inline script.
  return buildWebviewPage({ ...input, title: 'Invertibility results', body: `<div id="app" data-state="${state}"></div>` });
}
