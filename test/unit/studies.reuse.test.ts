// A study's instances share the fold-free cells of their domain (studies/studyReuse.ts) and answer exactly as they do
// without: same verdicts, same radius brackets, on a radius map and an orbit of the Brusselator. The cells are kept
// per network and domain, so another model's (other fixed inputs) or another domain's queries never read them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/engine/engine';
import { loadModelRef } from '../../src/engine/dispatchQuery';
import { expandStudy } from '../../src/engine/studies/expand';
import { StudyReuse } from '../../src/engine/studies/studyReuse';
import { nearestFold } from '../../src/engine/split/foldScan';
import type { ModelRef } from '../../src/shared/querySpec';
import type { StudySpec } from '../../src/shared/studies';
import type { QueryResult } from '../../src/shared/results';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const engine = createEngine({ solver: { size: 1 } });
after(() => engine.dispose());

const model = (b = 2.1): ModelRef => ({ path: sharedModel('brusselator_param.onnx'), fixed: [[2, b]] });
const D: Array<[number, number]> = [[0, 3], [0, 4]];
const box = { lower: Float64Array.of(0, 0), upper: Float64Array.of(3, 4) };

interface Answer { readonly status: string; readonly lower?: number; readonly upper?: number | null }

/** What a study reports of an instance: its verdict and its radius bracket. */
function answer(r: QueryResult): Answer {
  const x = r as { status: string; radiusLower?: number; radiusUpper?: number | null };
  return { status: x.status, ...(x.radiusLower !== undefined ? { lower: x.radiusLower } : {}), ...(x.radiusUpper !== undefined ? { upper: x.radiusUpper } : {}) };
}

/**
 * Same verdict, and brackets that overlap (both contain the radius). They are identical unless the two split
 * workers, sharing pairs by a queue, met different colliding pairs first; the fold scan itself is pinned exactly below.
 */
function assertSameAnswer(withReuse: Answer, without: Answer, where: string): void {
  assert.equal(withReuse.status, without.status, where);
  assert.equal(withReuse.upper === null, without.upper === null, `${where}: an upper end with and without`);
  if (withReuse.lower === undefined || without.lower === undefined) return assert.deepEqual(withReuse, without, where);
  const up = (a: Answer): number => a.upper ?? Infinity;
  assert.ok(withReuse.lower <= up(without) && without.lower <= up(withReuse), `${where}: ${JSON.stringify(withReuse)} vs ${JSON.stringify(without)}`);
}

/** Runs every instance of `study` without and then with one StudyReuse, alternating; both answers of each. */
async function bothWays(study: StudySpec): Promise<{ pairs: Array<[Answer, Answer, string]>; cells: number }> {
  const { state } = await loadModelRef(study.model);
  const reuse = new StudyReuse();
  const pairs: Array<[Answer, Answer, string]> = [];
  for (const inst of expandStudy(study, state)) {
    const without = await engine.run(inst.spec);
    const withReuse = await engine.run(inst.spec, { reuse });
    pairs.push([answer(without), answer(withReuse), inst.key]);
  }
  const cells = reuse.certifiedFoldCells;
  reuse.dispose();
  return { pairs, cells };
}

void test('a 4 × 4 radius map answers the same with the study\'s shared fold-free cells as without', { skip: skipWithoutSharedModels }, async () => {
  const { pairs, cells } = await bothWays({ kind: 'map', model: model(), domain: D, axes: [0, 1], grid: [4, 4] });
  assert.equal(pairs.length, 16);
  for (const [without, withReuse, key] of pairs) assertSameAnswer(withReuse, without, key);
  assert.ok(cells > 0, 'the scans proved cells fold-free and shared them');
});

void test('an orbit of 4 steps (BL and PI at each state) answers the same with the shared cells as without', { skip: skipWithoutSharedModels }, async () => {
  const { pairs, cells } = await bothWays({ kind: 'orbit', model: model(), start: [1.96433, 1.24951], steps: 4, queries: ['bl', 'pi'], domain: D, foldTolerance: 0.05 });
  assert.equal(pairs.length, 10);
  for (const [without, withReuse, key] of pairs) assertSameAnswer(withReuse, without, key);
  assert.ok(cells > 0);
});

void test('the fold scan finds the same fold with shared cells as without, also when the cells were proved for other centres', { skip: skipWithoutSharedModels }, async () => {
  const { state } = await loadModelRef(model());
  const net = state.net;
  const reuse = new StudyReuse();
  const cells = reuse.foldCells(net, box)!;
  for (const c of [[0.375, 0.5], [1.96433, 1.24951], [2.625, 3.5], [1.125, 2.5]]) {
    const centre = Float64Array.from(c);
    const cap = Math.min(c[0], 3 - c[0], c[1], 4 - c[1]);
    const h = (2 * cap) / Math.sqrt(2e5);
    const alone = nearestFold(net, centre, box, cap, h, 1e-4, h / 2);
    const shared = nearestFold(net, centre, box, cap, h, 1e-4, h / 2, undefined, cells);
    assert.deepEqual(shared?.point, alone?.point, `fold point at (${c.join(', ')})`);
    assert.deepEqual(shared?.collision?.x, alone?.collision?.x);
    assert.deepEqual(shared?.collision?.y, alone?.collision?.y);
  }
  assert.ok(reuse.certifiedFoldCells > 0);
  reuse.dispose();
});

void test('shared fold-free cells are kept per network and domain, and a disposed study shares nothing', { skip: skipWithoutSharedModels }, async () => {
  const [a, again, other] = await Promise.all([loadModelRef(model()), loadModelRef(model()), loadModelRef(model(2.5))]);
  const reuse = new StudyReuse();
  const cells = reuse.foldCells(a.state.net, box);
  assert.ok(cells);
  assert.equal(reuse.foldCells(again.state.net, box), cells, 'a second load of the same model with the same fixed input');
  assert.notEqual(reuse.foldCells(other.state.net, box), cells, 'another fixed value is another network');
  assert.notEqual(reuse.foldCells(a.state.net, { lower: Float64Array.of(0, 0), upper: Float64Array.of(3, 3) }), cells, 'another domain');
  reuse.dispose();
  assert.equal(reuse.foldCells(a.state.net, box), undefined);
});
