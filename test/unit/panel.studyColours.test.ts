// Which study instances the panel draws as radii, on the real Brusselator map run with a 0.05 s budget
// (test/fixtures/studies/brusselator-budget.*): a cell takes a colour, and an orbit state a box, only from a proved
// lower end; unresolved cells are left to the hatched grey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyRecord } from '../../src/server/results/sidecar';
import { studyRadius } from '../../src/server/results/studyPlot';
import { provedBall } from '../../src/webview/plots/orbitStudy';
import { cellColourValue } from '../../src/webview/plots/radiusMap';

const file = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'studies', 'brusselator-budget.results.json'), 'utf8')) as { studies: StudyRecord[] };
const [orbit, map] = file.studies;

void test('a map cell is coloured only by a certified lower end; unresolved cells get no colour value', () => {
  let coloured = 0, grey = 0;
  for (const inst of map.instances) {
    if (inst.place.kind !== 'grid-cell') continue;
    const cell = { key: inst.key, i: inst.place.i, j: inst.place.j, centre: inst.place.centre, at: [inst.place.centre[0], inst.place.centre[1]] as const, bl: studyRadius(inst.result) };
    const value = cellColourValue(cell);
    if (inst.result.status === 'certified') {
      assert.equal(value, inst.result.radiusLower);
      coloured++;
    } else {
      assert.equal(value, undefined, `${inst.key} (${inst.result.status}) is not coloured as a radius`);
      grey++;
    }
  }
  assert.ok(coloured > 0 && grey > 0);
});

void test('an orbit state gets a box only for a proved lower end above zero', () => {
  for (const inst of orbit.instances) {
    const r = studyRadius(inst.result);
    const box = provedBall(r);
    if (r.lower === null || r.lower <= 0 || r.status === 'error') assert.equal(box, undefined);
    else assert.equal(box, r.lower);
  }
});
