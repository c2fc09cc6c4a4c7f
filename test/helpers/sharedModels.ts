// Locates ../shared/models (beside the clone in CI). Tests skip with a clear message only when it is missing.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const sharedModelsDir = resolve(repoRoot, '..', 'shared', 'models');
export const sharedModelsPresent = existsSync(sharedModelsDir);
export const skipWithoutSharedModels: string | false = sharedModelsPresent
  ? false
  : `../shared/models not found at ${sharedModelsDir}`;

export function sharedModel(name: string): string {
  return join(sharedModelsDir, name);
}
