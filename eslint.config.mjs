// Flat ESLint config. The import boundaries encode the architecture in DEVELOPERS.md.
import tseslint from 'typescript-eslint';

const vscodeAndLsp = ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'];
const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '.vscode-test/**', 'bench/results/**', 'media/**/*.js', 'test/fixtures/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use a seeded RNG (tests) or crypto.randomBytes (nonces).' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...vscodeAndLsp, ...layer('client'), ...layer('server'), ...layer('webview'), ...layer('cli')], message: 'src/engine is pure: no vscode, LSP, client, server, webview or cli imports.' }] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...vscodeAndLsp, ...layer('client'), ...layer('server'), ...layer('webview'), ...layer('cli'), 'node:*'], message: 'src/shared holds protocol and message types only.' }] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'node:*', ...layer('engine'), ...layer('server'), ...layer('client'), ...layer('cli')], message: 'The webview talks only through src/shared message types.' }] }] },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...layer('engine'), ...layer('server'), ...layer('webview')], message: 'The client drives the engine only through the language server.' }] }] },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', ...layer('client'), ...layer('webview')], message: 'The server never imports vscode, the client or the webview.' }] }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-restricted-syntax': 'off' },
  },
);
