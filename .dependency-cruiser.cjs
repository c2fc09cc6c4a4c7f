// The architecture, checked by `npm run lint` (depcruise src). One place for every import rule: no cycles, and the
// layers of CONTRIBUTING.md (the engine is pure, src/shared holds types only, the webview and the client talk to the
// engine only through the language server).
//
// Type-only imports count: a cycle through `import type` still means two modules that cannot be understood, or
// moved, one without the other (tsPreCompilationDeps keeps them in the graph).
// 'vscode' resolves to its type package (@types/vscode); the LSP libraries to their own packages.
const LSP_AND_VSCODE = '(^|node_modules/(@types/)?)(vscode|vscode-languageserver|vscode-languageclient)(/|$)';
const VSCODE = '(^|node_modules/@types/)vscode(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: split out the shared concept, or make one side depend on the other only.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment: 'src/engine is pure: no vscode, LSP, client, server, webview or cli imports (it runs in plain Node).',
      from: { path: '^src/engine/' },
      to: { path: [LSP_AND_VSCODE, '^src/(client|server|webview|cli)/'] },
    },
    {
      name: 'shared-is-types-only',
      severity: 'error',
      comment: 'src/shared holds protocol and message types only: no Node built-ins, no other layer.',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(engine|client|server|webview|cli)/', LSP_AND_VSCODE] },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'src/shared is loaded by the webview too: no Node built-ins.',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'webview-talks-through-shared',
      severity: 'error',
      comment: 'The webview talks only through src/shared message types.',
      from: { path: '^src/webview/' },
      to: { path: [VSCODE, '^src/(engine|server|client|cli)/'] },
    },
    {
      name: 'webview-no-node-builtins',
      severity: 'error',
      comment: 'The webview runs in a browser sandbox: no Node built-ins.',
      from: { path: '^src/webview/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'client-through-server',
      severity: 'error',
      comment: 'The client drives the engine only through the language server.',
      from: { path: '^src/client/' },
      to: { path: '^src/(engine|server|webview)/' },
    },
    {
      name: 'server-no-editor',
      severity: 'error',
      comment: 'The server never imports vscode, the client or the webview.',
      from: { path: '^src/server/' },
      to: { path: [VSCODE, '^src/(client|webview)/'] },
    },
    {
      name: 'bounds-through-computeBounds',
      severity: 'error',
      comment: 'Bounds have one entry point: import computeBounds (and the pure helpers) from src/engine/bounds/index.ts; ' +
        'interval.ts, crown.ts and lp.ts are its implementations, not to be called around it.',
      from: { path: '^src/', pathNot: '^src/engine/bounds/' },
      to: { path: '^src/engine/bounds/(interval|crown|lp|computeBounds)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
