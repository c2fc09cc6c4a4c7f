// Observable Plot is ESM-only, while this project type-checks as CommonJS (module Node16). esbuild bundles the
// require() below into the browser IIFE like any import; the type comes from an ESM-mode type import.
import type * as PlotModule from '@observablehq/plot' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: the only way to import an ESM-only package from a CommonJS-mode file
export const Plot = require('@observablehq/plot') as typeof PlotModule;
export type Markish = PlotModule.Markish;
