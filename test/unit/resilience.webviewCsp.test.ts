// The results panel's Content-Security-Policy must block inline script: the HTML carries data only in an
// escaped data- attribute, and scripts run only from the extension's file with the per-load nonce.
// (test/ui additionally checks that the real webview in Chromium refuses an injected inline script.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildCsp, buildPanelHtml, makeNonce } from '../../src/client/panel/html';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    map.set(name, values);
  }
  return map;
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the panel HTML declares a CSP meta tag');
  return match[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const hostile = {
  entries: [{ key: 'k', uri: 'file:///w/a.invq', file: '</script><script>alert(1)</script>', line: 0, queryText: '"><img src=x onerror=alert(1)>', model: 'm', query: 'q', state: 'done' as const, verdict: "it's <b>fine</b>" }],
};

void test('the panel CSP allows scripts only by nonce: no inline script, no eval, nothing by default', () => {
  const nonce = makeNonce();
  const d = directives(buildCsp('https://file+.vscode-resource.vscode-cdn.net', nonce));
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('script-src'), [`'nonce-${nonce}'`]);
  for (const [name, values] of d) {
    assert.ok(!values.includes("'unsafe-inline'") || name !== 'script-src', `${name} must not allow inline script`);
    assert.ok(!values.includes("'unsafe-eval'"), `${name} must not allow eval`);
    assert.ok(!values.includes('*'), `${name} must not allow any origin`);
  }
});

void test('every script tag in the panel HTML is an external file carrying the nonce, never inline code', () => {
  const nonce = makeNonce();
  const html = buildPanelHtml({ cspSource: 'vscode-resource:', nonce, scriptUri: 'vscode-resource:/dist/webview.js', styleUri: 'vscode-resource:/media/panel.css', initialState: hostile });
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1, 'exactly one script element');
  const [, attrs, body] = scripts[0];
  assert.match(attrs, new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
  assert.match(attrs, /src="vscode-resource:\/dist\/webview\.js"/);
  assert.equal(body.trim(), '', 'the script element has no inline body');
  assert.deepEqual(directives(cspOf(html)).get('script-src'), [`'nonce-${nonce}'`]);
});

void test('hostile query text in the initial state cannot break out of the escaped data attribute', () => {
  const html = buildPanelHtml({ cspSource: 'vscode-resource:', nonce: makeNonce(), scriptUri: 's.js', styleUri: 's.css', initialState: hostile });
  assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'no injected script element');
  assert.ok(!html.includes('<img'), 'no injected element');
  const attr = /data-state="([^"]*)"/.exec(html);
  assert.ok(attr, 'initial state rides in data-state');
  const decoded = attr[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(decoded), hostile, 'the state round-trips exactly');
});

void test('each panel load gets a fresh 128-bit nonce', () => {
  const seen = new Set(Array.from({ length: 50 }, () => makeNonce()));
  assert.equal(seen.size, 50);
  for (const n of seen) assert.equal(Buffer.from(n, 'base64').length, 16);
});
