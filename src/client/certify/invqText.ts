// Writes .invq statements for the right-click flows (certify, compare, prune) and appends them to an existing
// document without disturbing it: an existing `model` line for the same file (with the same fixed inputs) is
// reused, otherwise a fresh model name is declared. Pure (no vscode import): unit-tested.
import type { NormName } from '../../shared/results';

export interface ModelUse {
  /** Path as written in the .invq file (relative to it). */
  readonly path: string;
  /** [input index, value] held fixed. */
  readonly fixed: ReadonlyArray<readonly [number, number]>;
}

export type QueryStatement =
  | { readonly kind: 'radius' | 'certify'; readonly model: ModelUse; readonly query: 'bl' | 'pi'; readonly center: readonly number[]; readonly radius?: number; readonly domain: ReadonlyArray<readonly [number, number]>; readonly norm: NormName }
  | { readonly kind: 'match'; readonly modelA: ModelUse; readonly modelB: ModelUse; readonly query: 'transform' | 'discrepancy'; readonly domain: ReadonlyArray<readonly [number, number]>; readonly norm: NormName }
  | { readonly kind: 'prune'; readonly model: ModelUse; readonly levels: readonly number[]; readonly domain: ReadonlyArray<readonly [number, number]>; readonly center?: readonly number[]; readonly norm: NormName };

interface DeclaredModel {
  readonly name: string;
  readonly path: string;
  readonly fixed: Map<number, number>;
}

const modelLine = /^\s*model\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"/;
const fixLine = /^\s*fix\s+([A-Za-z_][A-Za-z0-9_]*)\s*\[\s*(\d+)\s*\]\s*=\s*([-+0-9.eE]+)/;

/** The models an .invq text declares, with their `fix` lines. */
export function declaredModels(text: string): DeclaredModel[] {
  const models = new Map<string, DeclaredModel>();
  for (const line of text.split(/\r?\n/)) {
    const m = modelLine.exec(line);
    if (m) {
      models.set(m[1], { name: m[1], path: m[2], fixed: new Map() });
      continue;
    }
    const f = fixLine.exec(line);
    if (f) models.get(f[1])?.fixed.set(Number(f[2]), Number(f[3]));
  }
  return [...models.values()];
}

/** A valid identifier from a file name: "brusselator_param.onnx" → "brusselator_param", "3-net.onnx" → "m_3_net". */
export function identifierFor(path: string): string {
  const base = (path.split(/[\\/]/).pop() ?? 'model').replace(/\.onnx$/i, '');
  const cleaned = base.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `m_${cleaned}`;
}

function sameFixed(a: ReadonlyMap<number, number>, b: ReadonlyArray<readonly [number, number]>): boolean {
  return a.size === b.length && b.every(([i, v]) => a.get(i) === v);
}

/** Number text that round-trips: 2.1 → "2.1", 1e-7 → "1e-7". */
export function num(value: number): string {
  return String(value);
}

export function boxText(domain: ReadonlyArray<readonly [number, number]>): string {
  return domain.map(([lo, hi]) => `[${num(lo)}, ${num(hi)}]`).join(' x ');
}

export function pointText(point: readonly number[]): string {
  return `(${point.map(num).join(', ')})`;
}

/** Resolves a model to a name: reuses a declaration (same path, same fixed inputs) or declares a new one. */
function useModel(model: ModelUse, known: DeclaredModel[], out: string[]): string {
  const existing = known.find((d) => d.path === model.path && sameFixed(d.fixed, model.fixed));
  if (existing) return existing.name;
  const base = identifierFor(model.path);
  let name = base;
  for (let k = 2; known.some((d) => d.name === name); k++) name = `${base}_${k}`;
  out.push(`model ${name} = "${model.path}"`);
  for (const [index, value] of model.fixed) out.push(`fix ${name}[${index}] = ${num(value)}`);
  known.push({ name, path: model.path, fixed: new Map(model.fixed.map(([i, v]) => [i, v])) });
  return name;
}

function queryLine(statement: QueryStatement, names: string[]): string {
  const norm = `norm ${statement.norm}`;
  switch (statement.kind) {
    case 'radius':
      return `radius ${names[0]} ${statement.query} at ${pointText(statement.center)} within ${boxText(statement.domain)} ${norm}`;
    case 'certify':
      // `within D`: the ball is clipped to the domain the user gave, and the panel plots that domain.
      return `certify ${names[0]} ${statement.query} at ${pointText(statement.center)} radius ${num(statement.radius ?? 0)} within ${boxText(statement.domain)} ${norm}`;
    case 'match':
      return `match ${names[0]} ${names[1]} ${statement.query} on ${boxText(statement.domain)} ${norm}`;
    case 'prune': {
      const at = statement.center ? ` at ${pointText(statement.center)}` : '';
      return `prune ${names[0]} levels ${statement.levels.map(num).join(', ')} on ${boxText(statement.domain)}${at} ${norm}`;
    }
  }
}

export interface Appended {
  /** The whole new document text. */
  readonly text: string;
  /** 0-based line of the new query. */
  readonly queryLine: number;
}

/** Appends `statement` (and any model declarations it needs) to `existing`, separated by a blank line. */
export function appendQuery(existing: string, statement: QueryStatement): Appended {
  const known = declaredModels(existing);
  const block: string[] = [];
  const models = statement.kind === 'match' ? [statement.modelA, statement.modelB] : [statement.model];
  const names = models.map((m) => useModel(m, known, block));
  block.push(queryLine(statement, names));
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const trimmed = existing.replace(/\s+$/, '');
  const prefix = trimmed.length > 0 ? `${trimmed}${eol}${eol}` : '';
  const text = `${prefix}${block.join(eol)}${eol}`;
  const queryLineIndex = prefix.split(eol).length - 1 + block.length - 1;
  return { text, queryLine: queryLineIndex };
}
