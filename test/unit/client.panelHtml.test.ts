import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCsp, buildPanelHtml, escapeAttribute, makeNonce } from '../../src/client/panel/html';
import type { PanelEntry } from '../../src/shared/webviewMessages';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function entry(overrides: Partial<PanelEntry> = {}): PanelEntry {
  return {
    key: 'file:///w/a.invq#3',
    uri: 'file:///w/a.invq',
    file: 'a.invq',
    line: 3,
    queryText: 'radius bl brus at (1, 2) norm inf',
    model: 'brus',
    query: 'radius bl',
    state: 'done',
    status: 'certified',
    verdict: '✓ certified r = 0.6553 (4.1 s)',
    ...overrides,
  };
}

function cspOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  assert.ok(match, 'the HTML carries a CSP meta tag');
  return match[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

void describe('panel HTML and CSP', () => {
  void it('denies everything by default and allows scripts only with the nonce (no unsafe-inline, no eval)', () => {
    const csp = buildCsp(cspSource, 'abc123');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc123'"]);
    assert.deepEqual(directives.get('style-src'), [cspSource, "'nonce-abc123'"]);
    assert.ok(!csp.includes('unsafe-inline'), 'no unsafe-inline anywhere');
    assert.ok(!csp.includes('unsafe-eval'), 'no unsafe-eval anywhere');
    assert.ok(!directives.has('connect-src'), 'the panel cannot make network requests');
  });

  void it('embeds the same CSP in the document and loads the one script with its nonce', () => {
    const html = buildPanelHtml({ cspSource, nonce: 'N0nce', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/media/panel.css', initialState: { entries: [] } });
    assert.equal(cspOf(html), buildCsp(cspSource, 'N0nce'));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="N0nce"/);
    assert.match(scripts[0], /src="https:\/\/x\/dist\/webview.js"/);
    assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/, 'no inline script body');
  });

  void it('puts the initial state in an escaped data- attribute that round-trips, even with markup in the data', () => {
    const hostile = entry({ queryText: '"><script>alert(1)</script> & \' <b>', verdict: '✗ x = (2.618, 0.595)' });
    const state = { entries: [hostile], selected: hostile.key };
    const html = buildPanelHtml({ cspSource, nonce: 'n', scriptUri: 's', styleUri: 'c', initialState: state });
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'the data did not open a second script element');
    const attr = /data-state="([^"]*)"/.exec(html);
    assert.ok(attr);
    const decoded = attr[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), state);
  });

  void it('escapes all five HTML-significant characters in attributes', () => {
    assert.equal(escapeAttribute(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  void it('makes nonces of 128 random bits that differ between calls and fit a CSP nonce-source', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{22}$/);
  });
});
