import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResultRecord } from '../../src/shared/protocol';
import type { QueryResult } from '../../src/shared/results';
import { annotationFor, annotationText, resultDiagnosticMessage } from '../../src/server/results/format';
import { resultHover } from '../../src/server/results/hoverText';
import { anchorByText } from '../../src/server/results/resultStore';
import { ProgressWords, querySubject } from '../../src/engine/progressWords';
import { progressMessage } from '../../src/server/jobs/progressText';
import type { QuerySpec } from '../../src/shared/querySpec';
import { plotFor } from '../../src/server/results/plotData';

// Fixtures hold only the fields each wording reads (a certified radius without its pair, say), so they are cast.
const loose = (r: object): QueryResult => r as QueryResult;
const annotate = (r: object): string => annotationText(loose(r));
const base = {
  query: 'radius-bl', status: 'certified', norm: 'inf', objective: 0, bound: 0, gap: null, tolerance: 1e-4,
  stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 4.1 }, message: 'm',
} as const;
const pair = { x: [0.5, 0], y: [-0.5, 0], Fx: [1, 2], Fy: [1, 2], separation: 1, outputGap: 0, checkedBy: ['float64', 'onnxruntime-web'] };
const record = (result: object): ResultRecord => ({ uri: 'u', line: 3, queryText: 'q', result: loose(result), modelHashes: {}, finishedAt: 0, stale: false });

void test('annotation texts read like the spec: radius, counterexample, unresolved, error', () => {
  assert.equal(annotate({ ...base, radius: 0.65534 }), '✓ certified r = 0.6553 (4.1 s)');
  assert.equal(annotate({ ...base, radiusLower: 10, radiusUpper: null, invertibleOnDomain: true, center: [0, 0], domain: [[-10, 10], [-10, 10]] }),
    '✓ r ≥ 10: injective on the whole searched box B∞(c, 10) (4.1 s)');
  assert.equal(annotate({
    ...base, query: 'bl', status: 'counterexample',
    witness: { x: [2.6181, 0.5951], y: [2.6242, 0.5898], Fx: [0, 0], Fy: [0, 0], separation: 0.0061, outputGap: 1e-9, checkedBy: ['float64'] },
  }), '✗ x = (2.6181, 0.5951), y = (2.6242, 0.5898), ‖x−y‖∞ = 0.0061');
  assert.equal(annotate({ ...base, query: 'bl', status: 'unresolved', gap: 0.12, stats: { ...base.stats, seconds: 60 } }), '? unresolved, gap 12% (60 s)');
  assert.equal(annotate({ ...base, status: 'error', error: { code: 'InvalidModel', message: 'bad file' } }), '⚠ bad file');
});

void test('a counterexample pair 6.7e-4 apart prints x and y with enough digits to differ in the separating coordinate, the same in verdict, hover and diagnostic', () => {
  const x = [2.54512, 0.59180];
  const y = [2.54445, 0.59120];
  const text = annotate({
    ...base, query: 'bl', status: 'counterexample',
    witness: { x, y, Fx: [0, 0], Fy: [0, 0], separation: 6.7e-4, outputGap: 1e-9, checkedBy: ['float64'] },
  });
  const [, px, py] = /x = (\(.*?\)), y = (\(.*?\))/.exec(text)!;
  assert.notEqual(px, py);
  assert.notEqual(px.split(', ')[0], py.split(', ')[0]);
  assert.equal(text, '✗ x = (2.5451, 0.5918), y = (2.5444, 0.5912), ‖x−y‖∞ = 6.7e-4');
  const r = { ...base, query: 'bl', status: 'counterexample', witness: { x, y, Fx: [0, 0], Fy: [0, 0], separation: 6.7e-4, outputGap: 1e-9, checkedBy: ['float64'] } };
  const hover = resultHover(record(r));
  assert.match(hover, /\| input \| `\(2\.5451, 0\.5918\)` \| `\(2\.5444, 0\.5912\)` \|/);
  assert.equal(hover.split('2.5451').length - 1, 1, 'the hover shows the pair once');
  assert.match(resultDiagnosticMessage(record(r))!, /x = \(2\.5451, 0\.5918\), y = \(2\.5444, 0\.5912\)/);
});

void test('a stale record is annotated as stale; only counterexamples and errors raise diagnostics', () => {
  const record: ResultRecord = { uri: 'u', line: 3, queryText: 'q', result: loose({ ...base, radius: 0.5 }), modelHashes: {}, finishedAt: 0, stale: true };
  assert.equal(annotationFor(record).kind, 'stale');
  assert.equal(resultDiagnosticMessage(record), undefined);
  assert.match(resultDiagnosticMessage({ ...record, result: loose({ ...base, status: 'error', message: 'x', error: { code: 'c', message: 'boom' } }) })!, /query failed: boom/);
});


void test('a PI radius with no other preimage in the searched box reads as a lower bound, never as the radius', () => {
  const r = { ...base, query: 'radius-pi', radiusLower: 2, radiusUpper: null, invertibleOnDomain: true, center: [1, 1], domain: [[0, 3], [0, 4]] };
  assert.equal(annotate(r), '✓ R ≥ 2: no other preimage within B∞(c, 2) ∩ domain (4.1 s)');
  assert.equal(annotate({ ...r, status: 'unresolved', bound: null, invertibleOnDomain: false }), '? unresolved, R ≥ 2 (4.1 s)');
});

void test('each query words its diagnostic for what it asked: BL pair, PI preimage, transform refutation; a discrepancy raises none', () => {
  const bl = resultDiagnosticMessage(record({ ...base, query: 'bl', status: 'counterexample', witness: pair }));
  assert.match(bl!, /^not injective: F\(x\) = F\(y\) for x = \(0\.5, 0\), y = \(-0\.5, 0\)/);
  const pi = resultDiagnosticMessage(record({ ...base, query: 'pi', status: 'counterexample', witness: { ...pair, y: [0, 0] } }));
  assert.match(pi!, /^another preimage of F\(c\): F\(x\) = F\(c\) for x = \(0\.5, 0\)/);
  const transform = resultDiagnosticMessage(record({ ...base, query: 'transform', status: 'counterexample', objective: 0.75, witness: { ...pair, Gx: [0.75], Gy: [0] } }));
  assert.match(transform!, /^no map T with f₂ = T∘f₁ on the domain: f₁\(x\) = f₁\(y\) for x = \(0\.5, 0\), y = \(-0\.5, 0\), but ‖f₂\(x\)−f₂\(y\)‖∞ = 0\.75/);
  assert.doesNotMatch(transform!, /not injective/);
  const discrepancy = { ...base, query: 'discrepancy', objective: 1, bound: 1, witness: { ...pair, y: pair.x, Fy: [0, 2], separation: 0, outputGap: 1 } };
  assert.equal(resultDiagnosticMessage(record(discrepancy)), undefined);
  assert.equal(resultDiagnosticMessage(record({ ...discrepancy, status: 'unresolved', objective: null, bound: 1.5 })), undefined);
});

void test('the hover of a discrepancy shows the attaining input and both networks there, not a pair', () => {
  const text = resultHover(record({ ...base, query: 'discrepancy', objective: 1, bound: 1, witness: { ...pair, y: pair.x, Fx: [1, 2], Fy: [0, 2], separation: 0, outputGap: 1 } }));
  assert.match(text, /\| \| x \(attains the max\) \|\n\|---\|---\|\n\| input \| `\(0\.5, 0\)` \|/);
  assert.match(text, /\| f₁\(x\), f₂\(x\) \| `\(1, 2\)`, `\(0, 2\)` \|/);
  assert.doesNotMatch(text, /‖x − y‖/);
});

void test('the hover puts its links first, reads a radius as a radius with its bracket, shows the centre as the query wrote it, and leaves solver counts to the panel and the log', () => {
  const witness = { x: [1.9648, 1.2401], y: [1.9655, 1.2396], Fx: [1, 2], Fy: [1, 2], separation: 6.7e-4, outputGap: 1e-9, checkedBy: ['float64', 'onnxruntime-web'] };
  const text = resultHover(record({
    ...base, query: 'radius-bl', status: 'unresolved', objective: null, bound: 0.71, gap: 0.0009146, radiusLower: 0.62, radiusUpper: 0.71, witness,
    center: [1.96433, 1.24951], stats: { binaries: 0, unstable: 12, nodes: 101, seconds: 4.1, solves: 3, method: 'auto:split' },
  }));
  const lines = text.split('\n');
  assert.match(lines[0], /^\[Show in panel\]\(command:.*\[Copy as JSON\].*\[Re-run\]/, 'the links come first');
  assert.match(text, /radius r ∈ \[0\.62, 0\.71\] · centre c = `\(1\.96433, 1\.24951\)`/);
  assert.match(lines[2], /^\*\*radius of local invertibility \(BL\): \? unresolved, r ∈ \[0\.62, 0\.71\]/, 'the question in plain words, then the verdict');
  assert.doesNotMatch(text, /objective|\| bound|0 binaries|0\.09146/);
});

void test('results follow their query text to the nearest line and are dropped when it is gone', () => {
  const items = [{ line: 1, queryText: 'a' }, { line: 2, queryText: 'b' }, { line: 5, queryText: 'c' }];
  const { placed, dropped } = anchorByText(items, ['x', 'x', 'a', 'b', 'a', 'z']);
  assert.deepEqual(placed.map(([it, line]) => [it.queryText, line]), [['a', 2], ['b', 3]]);
  assert.deepEqual(dropped.map((d) => d.queryText), ['c']);
});

void test('the log\'s progress lines carry MIP incumbent, bound and gap', () => {
  assert.equal(progressMessage({ phase: 'mip', message: 'solving', incumbent: 0.31, bound: 0.52, gap: 0.4 }), 'solving — incumbent 0.31, bound 0.52, gap 40%');
  assert.equal(progressMessage({ phase: 'bounds', message: 'bounds 40/128' }), 'bounds 40/128');
});

const model = { path: '/w/b.onnx', fixed: [] };
const radiusSpec: QuerySpec = { kind: 'radius', model, query: 'bl', center: [1.96433, 1.24951], norm: 'inf' };
const matchSpec: QuerySpec = { kind: 'match', modelA: model, modelB: model, query: 'discrepancy', domain: [[0, 1]], norm: 'inf' };

void test('a running radius reads as its bracket, the cell pairs left and the time, never the engine\'s terms or a MIP gap', () => {
  const subject = querySubject(radiusSpec, 'radius F bl at P1');
  assert.equal(subject, 'BL radius around P1');
  const words = new ProgressWords(radiusSpec, subject);
  words.update({ phase: 'split', message: 'split: radius: scanning det DF for the nearest fold' });
  assert.equal(words.text(0.4), 'splitting the input box, 0.4 s');
  words.update({ phase: 'split', message: 'radius: certifying r = 0.7 (bracket [0.62, 0.71])', bracket: [0.62, 0.71] });
  words.update({ phase: 'split', message: 'split: 412 of 9000 cell pairs survive the screen', left: { count: 412, unit: 'cell pairs' } });
  words.update({ phase: 'mip', message: 'leaf: 12 nodes', incumbent: 1, bound: 1063.61, gap: 1062.61 });
  const text = words.text(2.1);
  assert.equal(`${subject}: ${text}`, 'BL radius around P1: bracket [0.62, 0.71], 412 cell pairs left, 2.1 s');
  assert.doesNotMatch(text, /gap|det DF|survive|%/);
  // A new radius step starts its own cells: the old count goes with the old bracket.
  words.update({ phase: 'split', message: 'radius: certifying r = 0.66', bracket: [0.62, 0.66] });
  assert.equal(words.text(3), 'bracket [0.62, 0.66], 3.0 s');
});

void test('a running discrepancy reads as the interval it lies in and the boxes left; a point without a name reads as its coordinates', () => {
  const words = new ProgressWords(matchSpec, querySubject(matchSpec, 'match F G discrepancy on D'));
  assert.equal(words.subject, 'discrepancy of F vs G');
  words.update({ phase: 'split', message: 'discrepancy in [0.0943, 0.4989], 1,234 boxes left, 3.1 s', bracket: [0.0943, 0.4989], left: { count: 1234, unit: 'boxes' } });
  assert.equal(words.text(3.1), 'discrepancy in [0.0943, 0.4989], 1,234 boxes left, 3.1 s');
  assert.equal(querySubject(radiusSpec, 'radius F bl at (1.96433, 1.24951)'), 'BL radius around (1.96433, 1.24951)');
});

void test('a pruning sweep\'s hover and panel data give every level its discrepancy (number or bracket), the input attaining it, and its radius', async () => {
  const at = { x: [1.5, 2], y: [1.5, 2], Fx: [1, 2], Fy: [1.05, 2], separation: 0, outputGap: 0.05, checkedBy: ['float64', 'onnxruntime-web'] };
  const level = { file: '/w/pruned/b_pruned10.onnx', radiusStatus: 'certified', radiusMessage: '', notRun: false, seconds: 1.25 } as const;
  const prune = [
    { ...level, level: 10, discrepancy: 0.094293, discrepancyLower: 0.094293, discrepancyBound: 0.0943, discrepancyWitness: at, radius: 0.655445, radiusLower: 0.655445, radiusUpper: 0.656045 },
    { ...level, level: 30, discrepancy: null, discrepancyLower: 0.0943, discrepancyBound: 0.4989, discrepancyWitness: at, radius: null, radiusLower: 0.61, radiusUpper: 0.66, radiusStatus: 'unresolved' },
    { ...level, level: 60, file: '', discrepancy: null, discrepancyLower: null, discrepancyBound: null, radius: null, radiusLower: null, radiusUpper: null, radiusStatus: 'unresolved', notRun: true, seconds: 0 },
  ];
  const sweep = record({ ...base, query: 'prune', status: 'unresolved', objective: null, bound: null, prune });
  const hover = resultHover(sweep);
  assert.match(hover, /\| 10% \| 0\.094293 \| `\(1\.5, 2\)` \| 0\.655445 \| 1\.3 s \|/);
  assert.match(hover, /\| 30% \| in \[0\.0943, 0\.4989\] \| `\(1\.5, 2\)` \| in \[0\.61, 0\.66\] \|/);
  assert.match(hover, /\| 60% \| not run \|/);
  assert.ok(hover.split('\n').filter((l) => /^\| \d+% /.test(l)).every((l) => !l.includes('?')), 'no level reads "?"');
  const plot = await plotFor(sweep, { kind: 'prune', model: { path: 'b.onnx', fixed: [] }, levels: [10, 30, 60], outDir: 'pruned', domain: [[0, 3], [0, 4]], norm: 'inf' }, null as never);
  assert.equal(plot.kind, 'prune');
  assert.deepEqual(plot.kind === 'prune' ? plot.rows.map((r) => [r.level, r.discrepancyText, r.radiusText, r.status, r.discrepancyLower, r.discrepancyUpper, r.attainedAt]) : [], [
    [10, '0.094293', '0.655445', 'certified', 0.094293, 0.0943, [1.5, 2]],
    [30, 'in [0.0943, 0.4989]', 'in [0.61, 0.66]', 'unresolved', 0.0943, 0.4989, [1.5, 2]],
    [60, 'not run', 'not run', 'unresolved', null, null, undefined],
  ]);
});
