import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INLINE_END_COLUMN, INLINE_MIN_CHARS, fitInline } from '../../src/client/inlineText';

void test('a short inline verdict is drawn as it is', () => {
  assert.equal(fitInline('✓ certified r = 0.6553 (4.1 s)', 30), '✓ certified r = 0.6553 (4.1 s)');
});

void test('a long inline verdict is cut at a word with an ellipsis so that it ends by the column, never mid-number', () => {
  const text = '? unresolved: radius in [0.62037, 0.71442], budget of 60 s spent with 412 cell pairs open (12.3 s)';
  const line = 40;
  const fitted = fitInline(text, line);
  assert.ok(fitted.endsWith('…'));
  assert.ok(line + 2 + [...fitted].length <= INLINE_END_COLUMN, fitted);
  // Every number in the cut text is a whole number of the original.
  const numbers: string[] = text.match(/[\d.]+/g) ?? [];
  for (const n of fitted.match(/[\d.]+/g) ?? []) assert.ok(numbers.includes(n), `${n} was cut mid-digit`);
});

void test('behind a very long query line the verdict still keeps a few words', () => {
  const fitted = fitInline('⟳ bracket [0.62, 0.71], 412 cell pairs left, 2.1 s', 200);
  assert.ok([...fitted].length <= INLINE_MIN_CHARS && fitted.startsWith('⟳ bracket [0.62, 0.71]'), fitted);
});
