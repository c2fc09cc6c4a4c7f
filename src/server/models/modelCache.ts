// Loads declared models once per file version (mtime + size), with their SHA-256, so diagnostics, hovers and
// result staleness checks never re-read an unchanged file.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { EngineError } from '../../engine/errors';
import type { Network } from '../../engine/ir/network';
import { parseOnnx } from '../../engine/onnx';
import type { ModelLoad } from '../language/semantics';

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly load: Promise<LoadedModel>;
}

/** `refusal`: the reader's typed error when it refused the file (its code and the node it names). */
export type LoadedModel = ModelLoad & { readonly hash?: string; readonly refusal?: ReturnType<EngineError['toJSON']> };

/** The reader's message without the file name (the diagnostic already sits on the model line). */
export function readerMessage(e: unknown): string {
  if (e instanceof EngineError) {
    const { nodeName, opType, nodeIndex } = e.location;
    const where = nodeName !== undefined || opType !== undefined ? `node '${nodeName ?? ''}' (${opType ?? '?'}, #${nodeIndex ?? '?'}): ` : '';
    return `${where}${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  /** Loads (or reuses) the model at an absolute path. Never throws: failures come back as { ok: false }. */
  async load(path: string): Promise<LoadedModel> {
    let info;
    try {
      info = await stat(path);
    } catch {
      this.entries.delete(path);
      return { ok: false, missing: true, message: `model file not found: ${path}` };
    }
    if (!info.isFile()) return { ok: false, missing: true, message: `not a file: ${path}` };
    const cached = this.entries.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.load;
    const load = readAndParse(path);
    this.entries.set(path, { mtimeMs: info.mtimeMs, size: info.size, load });
    return load;
  }

  /** The network, or undefined when the model does not load. */
  async network(path: string): Promise<Network | undefined> {
    const m = await this.load(path);
    return m.ok ? m.network : undefined;
  }

  /** SHA-256 of the file as it is now, or undefined when it is gone or unreadable. */
  async hash(path: string): Promise<string | undefined> {
    const m = await this.load(path);
    if (m.hash) return m.hash;
    try {
      return sha256(await readFile(path));
    } catch {
      return undefined;
    }
  }

  /** Forget a file (e.g. on a file-change notification), so the next load re-reads it. */
  invalidate(path: string): void {
    this.entries.delete(path);
  }
}

/** SHA-256 (hex) of a file's bytes or of a text: model files, and the stamps of a batch's instances. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readAndParse(path: string): Promise<LoadedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, missing: true, message: `cannot read the model file: ${readerMessage(e)}` };
  }
  const hash = sha256(bytes);
  try {
    return { ok: true, network: parseOnnx(bytes, path), hash };
  } catch (e) {
    return {
      ok: false, missing: false, message: `the ONNX reader refused this model: ${readerMessage(e)}`, hash,
      ...(e instanceof EngineError ? { refusal: e.toJSON() } : {}),
    };
  }
}
