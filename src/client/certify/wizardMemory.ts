// Where the wizard remembers its answers: one record per model file *version*, in the workspace state under a key
// made of the model's path and the SHA-256 of its bytes. A retrained network saved over the same path gets fresh
// defaults (its domain or inputs may have changed); the same bytes at the same path get the last answers back.
// Pure apart from the two-method store interface (vscode.Memento fits it): unit-tested with a Map.
import type { RememberedAnswers } from './wizardDefaults';

/** The part of vscode.Memento the wizard uses. */
export interface AnswerStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const PREFIX = 'invcert.wizard.answers';

/** "invcert.wizard.answers:<sha256>:<path>"; the path with forward slashes, so one model has one key on every OS. */
export function memoryKey(modelPath: string, hash: string | undefined): string {
  return `${PREFIX}:${hash ?? 'unhashed'}:${modelPath.replace(/\\/g, '/')}`;
}

export function recall(store: AnswerStore, key: string): RememberedAnswers {
  const value = store.get<RememberedAnswers>(key);
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/**
 * The first record among `keys` that holds any answer. Compare remembers per pair member: a pruned copy right-clicked
 * beside its original has no answers of its own yet, and the original's (same inputs, checked before) are the ones
 * the person gave.
 */
export function recallFirst(store: AnswerStore, keys: readonly string[]): RememberedAnswers {
  for (const key of keys) {
    const answers = recall(store, key);
    if (Object.keys(answers).length > 0) return answers;
  }
  return {};
}

/** Merges a flow's answers into the model's record: what this flow asked replaces, the rest is kept. */
export function mergeAnswers(previous: RememberedAnswers, answers: RememberedAnswers): RememberedAnswers {
  const defined = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
  return { ...previous, ...defined };
}

export async function remember(store: AnswerStore, key: string, answers: RememberedAnswers): Promise<void> {
  await store.update(key, mergeAnswers(recall(store, key), answers));
}
