import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { optionsFor, optionValues, statementKeywords } from '../../src/server/language/keywords';
import { repoRoot } from '../helpers/sharedModels';

interface Rule { match?: string; begin?: string; end?: string; patterns?: Rule[]; name?: string }
const grammar = JSON.parse(readFileSync(join(repoRoot, 'syntaxes', 'invq.tmLanguage.json'), 'utf8')) as { scopeName: string; repository: Record<string, Rule> };
const config = JSON.parse(readFileSync(join(repoRoot, 'syntaxes', 'invq.language-configuration.json'), 'utf8')) as { comments: { lineComment: string }; autoClosingPairs: Array<{ open: string }> };

function allRegexes(rule: Rule, out: string[] = []): string[] {
  for (const k of ['match', 'begin', 'end'] as const) if (rule[k]) out.push(rule[k]);
  for (const r of rule.patterns ?? []) allRegexes(r, out);
  return out;
}
const regexes = Object.values(grammar.repository).flatMap((r) => allRegexes(r));

void test('the grammar is source.invq and every pattern compiles', () => {
  assert.equal(grammar.scopeName, 'source.invq');
  assert.ok(regexes.length > 10);
  for (const r of regexes) assert.doesNotThrow(() => new RegExp(r), r);
});

void test('the grammar highlights every keyword the parser accepts', () => {
  const text = regexes.join('\n');
  const words = [...statementKeywords, ...Object.values(optionsFor).flat(), ...Object.values(optionValues).flat().filter((v) => /^[a-z]/.test(v)), 'bl', 'pi', 'transform', 'discrepancy', 'levels', 'on'];
  for (const w of new Set(words)) assert.ok(new RegExp(`\\b${w}\\b`).test(text), `grammar mentions '${w}'`);
});

void test('comments start with # and brackets and quotes auto-close', () => {
  const comment = new RegExp(grammar.repository.comment.match!);
  assert.equal(comment.exec('radius F bl at P  # why')?.[0], '# why');
  assert.equal(config.comments.lineComment, '#');
  assert.deepEqual(config.autoClosingPairs.map((p) => p.open).sort(), ['"', '(', '[']);
});
