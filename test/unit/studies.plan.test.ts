// The language server's side of the batch machinery: a study line planned from a checked snapshot gives the very
// instances the CLI plans for it, stamped with the hash of the line's own text and its models (so an edit elsewhere
// keeps them, and an edit of the line or a changed model does not); the live store keeps a study's instances in the study's order as they arrive and
// follows the line when lines move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../src/server/documentState';
import { ModelCache } from '../../src/server/models/modelCache';
import { planBatch, planStudyLine } from '../../src/server/studies/plan';
import type { FinishedInstance } from '../../src/server/studies/store';
import { LiveStudies } from '../../src/server/studies/liveStudies';
import type { QueryResult } from '../../src/shared/results';
import { foldNet } from '../helpers/paperCases';
import { onnxFixture } from '../helpers/queryFixtures';

const lines = (model: string): string[] => [
  `model F = "${model}"`,
  'domain D = [-2, 2] x [-2, 2]',
  'radius F bl at (1, 0.5) within D tolerance 0.01',
  'orbit F from (0.3, -0.2) steps 2 radius bl, pi within D tolerance 0.01',
  'map F bl on D grid 3 x 2 tolerance 0.01',
];

async function snapshotOf(text: string, file: string): ReturnType<typeof analyzeText> {
  return analyzeText(pathToFileURL(file).href, 1, text, new ModelCache(), join(file, '..'));
}

function scratch(): { file: string; model: string } {
  const dir = mkdtempSync(join(tmpdir(), 'invcert-plan-'));
  return { file: join(dir, 'study.invq'), model: onnxFixture(foldNet()) };
}

void test('a study line planned from a snapshot has the instances the CLI plans for it, stamped with its own text and model hashes', async () => {
  const { file, model } = scratch();
  const text = lines(model).join('\n');
  writeFileSync(file, text);
  const whole = await planBatch(file);
  const map = await planStudyLine(await snapshotOf(text, file), file, 4);
  assert.deepEqual(map.lines.map((l) => l.line), [4]);
  assert.deepEqual(map.instances, whole.instances.filter((i) => i.line === 4));
  assert.deepEqual(map.instances.map((i) => i.id), ['L5-i0-j0', 'L5-i1-j0', 'L5-i2-j0', 'L5-i0-j1', 'L5-i1-j1', 'L5-i2-j1']);
  const orbit = await planStudyLine(await snapshotOf(text, file), file, 3);
  assert.equal(orbit.instances.length, 6);
  assert.notEqual(orbit.textSha256, map.textSha256);

  const otherLineEdited = lines(model);
  otherLineEdited[2] = 'radius F bl at (1, 0.25) within D tolerance 0.01';
  assert.equal((await planStudyLine(await snapshotOf(otherLineEdited.join('\n'), file), file, 4)).textSha256, map.textSha256);
  const snap = await snapshotOf(text, file);
  const stamp = async (hash: string): Promise<string> => (await planStudyLine(snap, file, 4, { [model]: hash })).textSha256;
  assert.notEqual(await stamp('a'), await stamp('b'), 'instances of another version of the model are not reused');
  const lineEdited = lines(model);
  lineEdited[4] = 'map F bl on D grid 3 x 3 tolerance 0.01';
  assert.notEqual((await planStudyLine(await snapshotOf(lineEdited.join('\n'), file), file, 4)).textSha256, map.textSha256);
});

void test('the live store keeps a study in its order as instances arrive, follows its line, and drops it when edited', async () => {
  const { file, model } = scratch();
  const text = lines(model).join('\n');
  const plan = await planStudyLine(await snapshotOf(text, file), file, 4);
  const uri = pathToFileURL(file).href;
  const finished = (id: string, at: number): FinishedInstance => ({
    id, textSha256: plan.textSha256, modelHashes: { [model]: 'h' }, finishedAt: at,
    result: { status: 'unresolved' } as unknown as QueryResult,
  });
  const live = new LiveStudies();
  const opened = live.open(uri, plan, new Map([['L5-i2-j0', finished('L5-i2-j0', 1)]]), true);
  assert.deepEqual([opened?.instances.length, opened?.total, opened?.running], [1, 6, true]);
  live.add(uri, 4, plan, finished('L5-i0-j1', 3));
  const now = live.add(uri, 4, plan, finished('L5-i0-j0', 2));
  assert.deepEqual(now?.instances.map((i) => i.key), ['i0-j0', 'i2-j0', 'i0-j1']);
  assert.equal(now?.finishedAt, 3);
  assert.deepEqual(live.liveStudies(uri).map((s) => s.line), [4]);

  const moved = ['# a comment line', ...lines(model)];
  assert.equal(live.reanchor(uri, moved), true);
  assert.deepEqual(live.liveStudies(uri).map((s) => [s.line, s.instances.length]), [[5, 3]]);
  const edited = [...moved];
  edited[5] = 'map F bl on D grid 4 x 2 tolerance 0.01';
  assert.equal(live.reanchor(uri, edited), true);
  assert.deepEqual(live.liveStudies(uri), []);
});
