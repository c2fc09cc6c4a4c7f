// The study statements of .invq: `orbit` and `map` parse with spans, check against the declarations (the same name
// resolution and messages as a query) and resolve to the engine's StudySpec; the engine expands each to its
// deterministic list of instances.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { analyzeText } from '../../src/server/documentState';
import { parseDocument } from '../../src/server/language/parser';
import { ModelCache } from '../../src/server/models/modelCache';
import { loadModelRef } from '../../src/engine/dispatchQuery';
import { expandStudy } from '../../src/engine/studies/expand';
import { fixtureModels } from '../helpers/serverHarness';

const models = new ModelCache();
const header = 'model F = "brusselator_param.onnx"\nfix F[2] = 2.1\ndomain D = [0, 3] x [0, 4]\npoint P1 = (1.96433, 1.24951)\n';
async function check(text: string) {
  const snap = await analyzeText(pathToFileURL(join(fixtureModels, 'q.invq')).href, 1, text, models, fixtureModels);
  return { snap, studies: snap.studies };
}

void test('orbit and map lines parse with their spans; a study line is no syntax error of the query parser', () => {
  const doc = parseDocument('orbit F from P1 steps 40 radius bl, pi within D fold 0.02\nmap F bl on [0, 3] x [0, 4] grid 40 x 40 tolerance 0.01');
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.studies?.length, 2);
  const [orbit, map] = doc.studies;
  assert.ok(orbit.kind === 'orbit' && map.kind === 'map');
  assert.deepEqual(orbit.queries.map((q) => q.value), ['bl', 'pi']);
  assert.equal(orbit.steps.value, 40);
  assert.deepEqual(map.grid.map((n) => n.value), [40, 40]);
  assert.deepEqual(map.span, { line: 1, start: 0, end: 55 });
});

void test('a malformed study line is one syntax error at the word it is about', () => {
  const doc = parseDocument('orbit F from P1 steps 40 radius bx\nmap F bl on D grid 40 by 40\nmap F pi on D grid 4 x 4');
  assert.deepEqual(doc.errors.map((e) => [e.span.line, e.span.start, e.message]), [
    [0, 32, "expected a radius (bl | pi), found 'bx'"],
    [1, 22, "expected 'x', found 'by'"],
    [2, 6, "expected 'bl' (a radius map is of the BL radius), found 'pi'"],
  ]);
});

void test('studies resolve to their StudySpec with the model\'s fixed inputs and the named point and domain', async () => {
  const { snap, studies } = await check(`${header}orbit F from P1 steps 3 radius bl within D\nmap F bl on D grid 4 x 5\n`);
  assert.deepEqual(snap.analysis.diagnostics, []);
  const model = { path: join(fixtureModels, 'brusselator_param.onnx'), fixed: [[2, 2.1]] };
  assert.deepEqual(studies.get(4)?.spec, { kind: 'orbit', model, start: [1.96433, 1.24951], steps: 3, queries: ['bl'], domain: [[0, 3], [0, 4]], foldTolerance: 0.05 });
  assert.deepEqual(studies.get(5)?.spec, { kind: 'map', model, domain: [[0, 3], [0, 4]], axes: [0, 1], grid: [4, 5] });
});

void test('study diagnostics name the problem where it is: unknown names, arity, a bad grid, fractional steps', async () => {
  const { snap, studies } = await check(`${header}orbit G from P1 steps 3 radius bl\nmap F bl on [0, 1] grid 0 x 4\norbit F from (1, 2, 3) steps 2.5 radius pi\n`);
  const got = snap.analysis.diagnostics.map((d) => [d.span.line, d.code, d.message]);
  assert.deepEqual(got, [
    [4, 'unknown-name', "unknown model 'G'"],
    [5, 'arity', 'domain has 1 interval, but F has 2 free inputs'],
    [5, 'not-whole', 'the grid must be a whole number from 1 to 1000, got 0'],
    [6, 'arity', 'point has 3 coordinates, but F has 2 free inputs'],
    [6, 'not-whole', 'steps must be a whole number from 0 to 100000, got 2.5'],
  ]);
  assert.ok([...studies.values()].every((s) => s.spec === undefined));
});

void test('an orbit expands to one radius instance per state, iterated in float64; a map to one per cell centre', async () => {
  const { studies } = await check(`${header}orbit F from P1 steps 2 radius bl, pi within D\nmap F bl on D grid 3 x 2\n`);
  const orbit = studies.get(4)!.spec!;
  const { state } = await loadModelRef(orbit.model);
  const o = expandStudy(orbit, state);
  assert.deepEqual(o.map((x) => x.key), ['k0-bl', 'k0-pi', 'k1-bl', 'k1-pi', 'k2-bl', 'k2-pi']);
  const x1 = o[2].place.kind === 'orbit-state' ? o[2].place.x : [];
  // F(P1) for the paper's Brusselator step (b = 2.1), as the forward pass gives it.
  assert.ok(Math.abs(x1[0] - 1.92958) < 1e-4 && Math.abs(x1[1] - 1.13920) < 1e-4, `x1 = ${x1.join(', ')}`);
  assert.ok(o.every((x) => x.spec.kind === 'radius' && x.spec.domain?.[1][1] === 4));
  const m = expandStudy(studies.get(5)!.spec!, state);
  assert.deepEqual(m.map((x) => x.key), ['i0-j0', 'i1-j0', 'i2-j0', 'i0-j1', 'i1-j1', 'i2-j1']);
  assert.deepEqual(m.map((x) => (x.spec.kind === 'radius' ? x.spec.center : [])), [[0.5, 1], [1.5, 1], [2.5, 1], [0.5, 3], [1.5, 3], [2.5, 3]]);
});
