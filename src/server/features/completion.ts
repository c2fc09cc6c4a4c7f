// Completion: statement snippets, names declared in the document, option keywords and values, .onnx file paths.
import { dirname, relative, sep } from 'node:path';
import type { CompletionItem } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import type { DocSnapshot } from '../documentState';
import { tokenizeLine } from '../language/lexer';
import type { QueryWords } from '../../engine/queryDefinitions';
import { QUERIES, isQueryName, queryNames } from '../../engine/queryDefinitions';
import { keywordDocs, optionValues, statementKeywords } from '../language/keywords';
import { findFiles } from '../findFiles';

const snippets: Record<string, string> = {
  model: 'model ${1:F} = "${2}"',
  fix: 'fix ${1:F}[${2:0}] = ${3:0}',
  domain: 'domain ${1:D} = [${2:0}, ${3:1}] x [${4:0}, ${5:1}]',
  point: 'point ${1:P} = (${2:0}, ${3:0})',
  ...Object.fromEntries(queryNames.map((q) => [q, QUERIES[q].snippet])),
};

/** Inside a query statement: its required part slot by slot (query definitions), then the options not given yet. */
function queryCompletion(snap: DocSnapshot, def: QueryWords, before: readonly string[], prev: string): CompletionItem[] {
  const slot = def.slots[before.length - 1];
  if (slot !== undefined) return slot === 'model' ? names(snap, 'model') : keywordItems(slot);
  const then = def.afterNumbers;
  if (then && /^[\d.]+$/.test(prev) && !then.some((w) => before.includes(w))) return keywordItems(then);
  // After the required part: the options not given yet, once the previous value is complete.
  const complete = prev === ')' || prev === ']' || /^[\w.+-]+$/.test(prev) || prev.startsWith('"');
  if (!complete) return [];
  const used = new Set(before);
  return keywordItems(def.options.filter((o) => !used.has(o)), CompletionItemKind.Property);
}

/** The detail line is the keyword's first phrase (up to its first ". ", ": " or "; "); the documentation holds its
 * plain-words explanation whole, so "bl" reads "bl — local invertibility" in the list and explains itself beside it. */
function keywordDoc(word: string): Pick<CompletionItem, 'detail' | 'documentation'> {
  const doc = keywordDocs[word];
  if (!doc) return {};
  return { detail: doc.split(/(?<=[\w)])[.:;] /)[0], documentation: { kind: MarkupKind.Markdown, value: doc } };
}

function keywordItems(words: readonly string[], kind: CompletionItemKind = CompletionItemKind.Keyword): CompletionItem[] {
  return words.map((w) => ({ label: w, kind, ...keywordDoc(w) }));
}

function names(snap: DocSnapshot, kind: 'model' | 'domain' | 'point'): CompletionItem[] {
  const a = snap.analysis;
  if (kind === 'model') {
    return [...a.models.entries()].map(([n, m]) => ({ label: n, kind: CompletionItemKind.Module, detail: m.decl.path.value }));
  }
  const table = kind === 'domain' ? a.domains : a.points;
  return [...table.entries()].map(([n, d]) => ({ label: n, kind: CompletionItemKind.Variable, detail: `${kind} on line ${d.span.line + 1}` }));
}

/** .onnx files under `dir` (depth ≤ 3), skipping node_modules and dot folders. */
function onnxFiles(dir: string): Promise<string[]> {
  return findFiles(dir, (e) => e.isFile() && e.name.toLowerCase().endsWith('.onnx'), 3);
}

async function pathItems(snap: DocSnapshot, workspaceDirs: readonly string[], line: number, start: number, end: number): Promise<CompletionItem[]> {
  const roots = [snap.baseDir, ...workspaceDirs.filter((w) => !snap.baseDir.startsWith(w + sep) && w !== snap.baseDir)];
  const files = new Set<string>();
  for (const r of roots) for (const f of await onnxFiles(r)) files.add(f);
  return [...files].slice(0, 200).map((f) => {
    const rel = relative(snap.baseDir, f).split(sep).join('/');
    return {
      label: rel,
      kind: CompletionItemKind.File,
      detail: dirname(f),
      sortText: `${rel.split('/').length.toString().padStart(2, '0')}${rel}`,
      textEdit: { range: { start: { line, character: start }, end: { line, character: end } }, newText: rel },
    };
  });
}

export async function complete(snap: DocSnapshot, line: number, character: number, workspaceDirs: readonly string[]): Promise<CompletionItem[]> {
  const text = snap.lines[line] ?? '';
  const prefix = text.slice(0, character);
  const tokens = tokenizeLine(prefix, line);
  const last = tokens[tokens.length - 1];
  // Inside an open string: file paths (the `model` line's path).
  if (last?.kind === 'string' && !last.closed) {
    if (tokens[0]?.text !== 'model') return [];
    const close = text.indexOf('"', character);
    return pathItems(snap, workspaceDirs, line, last.span.start + 1, close < 0 ? character : close);
  }
  // The word being typed (if the cursor touches one) does not count as context.
  const typing = last && last.span.end === character && (last.kind === 'ident' || last.kind === 'number');
  const before = (typing ? tokens.slice(0, -1) : tokens).map((t) => t.text);
  if (prefix.includes('#')) return [];
  if (before.length === 0) {
    return statementKeywords.map((k) => ({
      label: k, kind: CompletionItemKind.Snippet, ...keywordDoc(k),
      insertText: snippets[k], insertTextFormat: InsertTextFormat.Snippet,
    }));
  }
  const head = before[0];
  const prev = before[before.length - 1];
  if (prev === 'norm' || prev === 'method') return keywordItems(optionValues[prev], CompletionItemKind.EnumMember);
  if (prev === 'at') return names(snap, 'point');
  if (prev === 'on' || prev === 'within') return names(snap, 'domain');
  if (before.length === 1 && head === 'fix') return names(snap, 'model');
  if (isQueryName(head)) return queryCompletion(snap, QUERIES[head], before, prev);
  return [];
}
