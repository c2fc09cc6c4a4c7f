// The model viewer's page: the panel's strict CSP, one nonce'd script (the bundled dist/viewer.js), and the
// initial state only as escaped data, so a model file named with markup cannot inject any.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCsp } from '../../src/client/panel/html';
import { buildViewerHtml } from '../../src/client/viewer/viewerHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'n0nce',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/viewer.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/viewer.css',
};

void describe('model viewer HTML', () => {
  void it('carries the panel\'s CSP (nothing by default, scripts only with the nonce) and loads only the bundled viewer script', () => {
    const html = buildViewerHtml({ ...input, initialState: { fileName: 'brusselator_param.onnx' } });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.equal(csp, buildCsp(input.cspSource, input.nonce));
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [` nonce="n0nce" src="${input.scriptUri}"`]);
  });

  void it('puts a file name with markup and the remembered box into the page as escaped text only', () => {
    const html = buildViewerHtml({ ...input, initialState: { fileName: '<img src=x onerror=alert(1)>.onnx', box: [[0, 3], [0, 4]], method: 'crown' } });
    assert.ok(!html.includes('<img'), 'no markup from the file name');
    const state = /data-state="([^"]*)"/.exec(html)?.[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(state ?? ''), { fileName: '<img src=x onerror=alert(1)>.onnx', box: [[0, 3], [0, 4]], method: 'crown' });
  });
});
