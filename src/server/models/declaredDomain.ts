// The input domain a model carries in its own ONNX metadata (`metadata_props` key `invcert.domain`), so the
// Certify / Compare / Pruning Sweep wizard can offer the box the network was trained on instead of a generic one.
// The text is returned as written; the client parses it with the same rule as a typed domain (certify/answers.ts).
import { readFile } from 'node:fs/promises';
import { decodeModel } from '../../engine/onnx';

export const DOMAIN_METADATA_KEY = 'invcert.domain';

interface MetadataEntry {
  readonly key?: string;
  readonly value?: string;
}

/** The `invcert.domain` metadata value of the model at `path`, or undefined (no such entry, or the file does not decode). */
export async function declaredDomainText(path: string): Promise<string | undefined> {
  try {
    const model = decodeModel(await readFile(path), path) as unknown as { metadata_props?: readonly MetadataEntry[] };
    const entry = (model.metadata_props ?? []).find((e) => e.key === DOMAIN_METADATA_KEY);
    return entry?.value?.trim() || undefined;
  } catch {
    return undefined;
  }
}
