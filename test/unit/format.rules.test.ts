// The one number rule on both sides of the panel: the server's words (numberText) and the webview's tables and plots
// (webview/format) print every number, pair, percentage and date alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateText, num, pairDigits, percentText, secondsText } from '../../src/server/results/numberText';
import * as panel from '../../src/webview/format';

const SAMPLES = [0, 1, -1, 0.5, 0.65534, 2.62037, 12.5, 999.96, 1e-3, 9.99e-4, 6.72005e-4, -6.72e-4, 1e-9, 123456.7, 1e6, 1.5e6, -2.5e7, Math.PI, NaN, Infinity];

void test('the panel prints every number as the server does, at every digit count', () => {
  for (const digits of [2, 3, 4, 6, 8, 17]) {
    for (const v of SAMPLES) assert.equal(panel.fmt(v, digits), num(v, digits), `${v} at ${digits} digits`);
  }
  assert.equal(panel.fmt(null), '—');
});

void test('numbers drop trailing zeros in both forms and switch to exponent form below 1e-3 and from 1e6', () => {
  assert.equal(num(0.5), '0.5');
  assert.equal(num(6.72e-4), '6.72e-4');
  assert.equal(num(6.72e-4, 6), '6.72e-4', 'no trailing zeros in the mantissa');
  assert.equal(num(0.00123), '0.00123');
  assert.equal(num(1.5e6), '1.5e+6');
});

void test('a pair prints with one digit more than the fewest that tell its points apart, on both sides', () => {
  const cases: Array<[number[], number[], number]> = [
    [[6.72e-4], [6.7205e-4], 6],
    [[1.96433, 1.24951], [1.96497, 1.24951], 5],
    [[2.6181, 0.5951], [2.6242, 0.5898], 5],
    [[0.5, 0], [-0.5, 0], 5],
    [[1, 1], [1, 1], 5],
    [[1], [1 + 2 ** -52], 17],
  ];
  for (const [x, y, digits] of cases) {
    assert.equal(pairDigits(x, y), digits, `${x.join()} / ${y.join()}`);
    assert.equal(panel.pairDigits(x, y), digits);
    const differing = x.flatMap((v, i) => (v !== y[i] ? [i] : []));
    for (const i of differing.filter(() => digits < 17)) assert.notEqual(num(x[i], digits), num(y[i], digits));
  }
  assert.equal(num(6.72e-4, 6), '6.72e-4');
  assert.equal(num(6.7205e-4, 6), '6.7205e-4');
});

void test('percentages, durations and dates read the same in the hover and the panel', () => {
  for (const f of [0.0009146, 0.12, 0.4, 1, 1062.61]) assert.equal(panel.fmtPercent(f), percentText(f));
  assert.equal(percentText(0.0009146), '0.091%');
  assert.equal(percentText(0.12), '12%');
  for (const s of [0.04, 4.1, 42.4, 150]) assert.equal(panel.fmtSeconds(s), secondsText(s));
  const at = Date.UTC(2026, 11, 5, 23, 10, 19);
  assert.equal(panel.fmtDate(at), dateText(at));
  assert.match(dateText(at), /^\d{1,2} Dec 2026, \d\d:\d\d:\d\d$/, 'local time, day month year');
});
