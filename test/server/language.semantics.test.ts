import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { analyzeText } from '../../src/server/documentState';
import { ModelCache } from '../../src/server/models/modelCache';
import { fixtureModels } from '../helpers/serverHarness';

const models = new ModelCache();
const check = (text: string) => analyzeText(pathToFileURL(join(fixtureModels, 'q.invq')).href, 1, text, models, fixtureModels);
const header = 'model F = "brusselator_param.onnx"\nfix F[2] = 2.1\n';

void test('a valid query resolves to the engine spec with absolute paths, fixed inputs and options', async () => {
  const s = await check(`${header}domain D = [0, 3] x [0, 4]\nradius F pi at (1, 2) within D norm 1 method bisection tolerance 0.01 timeout 9 budget 120\n`);
  assert.deepEqual(s.analysis.diagnostics, []);
  assert.deepEqual(s.analysis.queries.get(3)?.spec, {
    kind: 'radius', model: { path: join(fixtureModels, 'brusselator_param.onnx'), fixed: [[2, 2.1]] }, query: 'pi', center: [1, 2],
    norm: '1', method: 'bisection', tolerance: 0.01, domain: [[0, 3], [0, 4]], timeLimitSeconds: 9, budgetSeconds: 120,
  });
});

void test('prune and match specs resolve domains, levels and the output folder', async () => {
  const s = await check(`${header}model G = "brusselator_param.onnx"\nfix G[2] = 2.0\nmatch F G transform on [0, 1] x [0, 1]\nprune F levels 10, 50 on [0, 1] x [0, 1] at (0.5, 0.5)\n`);
  assert.deepEqual(s.analysis.diagnostics, []);
  const match = s.analysis.queries.get(4)?.spec;
  assert.ok(match?.kind === 'match' && match.modelB.fixed[0][1] === 2.0 && match.query === 'transform');
  const prune = s.analysis.queries.get(5)?.spec;
  assert.ok(prune?.kind === 'prune');
  assert.deepEqual(prune.levels, [10, 50]);
  assert.equal(prune.outDir, join(fixtureModels, 'pruned'));
  assert.deepEqual(prune.center, [0.5, 0.5]);
});

void test('names are declared once; fixing an input twice warns; levels must be percentages', async () => {
  const s = await check(`${header}fix F[2] = 2.2\ndomain F = [0, 1]\nprune F levels 0, 100 on [0, 1] x [0, 1]\n`);
  const by = (code: string) => s.analysis.diagnostics.filter((d) => d.code === code);
  assert.equal(by('fix-twice')[0].severity, 'warning');
  assert.match(by('duplicate-name')[0].message, /'F' is already declared on line 1/);
  assert.equal(by('prune-level').length, 2);
  assert.equal(s.analysis.queries.get(4)?.spec, undefined, 'a query with errors is not runnable');
});

void test('fixing every input leaves nothing to ask about', async () => {
  const s = await check('model F = "vnncomp2021_test_tiny.onnx"\nfix F[0] = 1\n');
  assert.match(s.analysis.diagnostics[0].message, /every input of F is fixed/);
});

void test('one bad query does not disable the others', async () => {
  const s = await check(`${header}certify F bl at (1, 2) radius -1\ncertify F bl at (1, 2) radius 1\n`);
  assert.equal(s.analysis.queries.get(2)?.spec, undefined);
  assert.ok(s.analysis.queries.get(3)?.spec);
});

void test("'method auto' names the default for certify and radius; certify refuses the radius driver 'method bisection'", async () => {
  const s = await check(`${header}radius F bl at (1, 2) method auto\ncertify F bl at (1, 2) radius 0.5 method auto\ncertify F bl at (1, 2) radius 0.5 method bisection\n`);
  const radius = s.analysis.queries.get(2)?.spec;
  const certify = s.analysis.queries.get(3)?.spec;
  assert.ok(radius?.kind === 'radius' && radius.method === 'auto');
  assert.ok(certify?.kind === 'certify' && certify.method === 'auto');
  const bad = s.analysis.diagnostics.filter((d) => d.code === 'bad-method');
  assert.equal(bad.length, 1);
  assert.equal(bad[0].span.line, 4);
  assert.match(bad[0].message, /certify takes auto, direct or paper/);
});

void test("match and prune take 'method auto|direct|paper' into their spec and refuse 'method bisection'", async () => {
  const s = await check(`${header}domain D = [0, 3] x [0, 4]\nmatch F F discrepancy on D method direct\nprune F levels 10 on D method paper\nmatch F F transform on D method bisection\n`);
  const match = s.analysis.queries.get(3)?.spec;
  const prune = s.analysis.queries.get(4)?.spec;
  assert.ok(match?.kind === 'match' && match.method === 'direct');
  assert.ok(prune?.kind === 'prune' && prune.method === 'paper');
  assert.equal(s.analysis.queries.get(5)?.spec, undefined);
  const bad = s.analysis.diagnostics.filter((d) => d.code === 'bad-method');
  assert.equal(bad.length, 1);
  assert.match(bad[0].message, /match takes auto, direct or paper/);
});
