// What the panel draws of a real Brusselator study (`invcert batch` of test/fixtures/studies/*.invq: an orbit from P1
// with BL and PI radii, an 8 × 8 radius map over [0, 3] × [0, 4]; and the same with a 0.05 s budget, which leaves
// states and cells unresolved), read back from the results file on disk through studyResultsAt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModelCache } from '../../src/server/models/modelCache';
import { listStudies, studyResultsAt } from '../../src/server/results/studyResults';
import type { StudyLookup } from '../../src/server/results/studyResults';
import { studyPlotFor } from '../../src/server/results/studyPlot';
import type { MapStudyPlot, OrbitStudyPlot } from '../../src/shared/plotData';

const FIXTURES = join(__dirname, '..', 'fixtures');
const ORBIT_LINE = 5;
const MAP_LINE = 6;

/** A workspace holding the study file, its model and its results file where `invcert batch` writes it. */
async function workspace(name: 'brusselator-study' | 'brusselator-budget'): Promise<{ dir: string; uri: string; lookup: StudyLookup }> {
  const dir = await mkdtemp(join(tmpdir(), 'invcert-study-'));
  await copyFile(join(FIXTURES, 'workspace', 'brusselator_param.onnx'), join(dir, 'brusselator_param.onnx'));
  await copyFile(join(FIXTURES, 'studies', `${name}.invq`), join(dir, 'study.invq'));
  await mkdir(join(dir, '.invcert', 'results'), { recursive: true });
  await copyFile(join(FIXTURES, 'studies', `${name}.results.json`), join(dir, '.invcert', 'results', 'study.invq.results.json'));
  return { dir, uri: pathToFileURL(join(dir, 'study.invq')).href, lookup: { live: { liveStudies: () => [] }, workspaceDirs: [dir], isStale: () => Promise.resolve(false) } };
}

async function plotOf(name: 'brusselator-study' | 'brusselator-budget', line: number): Promise<{ plot: OrbitStudyPlot | MapStudyPlot; instances: number }> {
  const { dir, uri, lookup } = await workspace(name);
  const models = new ModelCache();
  try {
    const study = await studyResultsAt({ uri, line }, lookup);
    assert.ok(study, `a study on line ${line + 1}`);
    const net = await models.network(study.study.model.path);
    assert.ok(net);
    return { plot: await studyPlotFor(study, net, { resolution: 60 }), instances: study.instances.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void test('each orbit state carries its certified BL ball: the proved lower end of its radius, and the radius only where proved', async () => {
  const { plot, instances } = await plotOf('brusselator-study', ORBIT_LINE);
  assert.equal(plot.kind, 'orbit');
  if (plot.kind !== 'orbit') return;
  assert.equal(instances, 18);
  assert.deepEqual(plot.states.map((s) => s.k), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(plot.states[0].at, [1.96433, 1.24951]);
  for (const s of plot.states) {
    assert.ok(s.bl && s.pi, `x_${s.k} has both radii`);
    assert.equal(s.bl.status, 'certified');
    assert.ok(s.bl.lower !== null && s.bl.lower > 0);
    // The paper's value at P1: r_BL = 0.6554 (to tolerance 1e-3), a re-checked pair just beyond it.
    if (s.k === 0) {
      assert.ok(Math.abs((s.bl.radius ?? 0) - 0.6554) < 1e-3);
      assert.match(s.bl.text, /^r = 0\.6554/);
    }
    if (s.bl.radius === undefined) assert.doesNotMatch(s.bl.text, /=/, `x_${s.k}: no radius proved, so no "r ="`);
    if (s.bl.upper !== null) assert.ok(s.bl.upper >= s.bl.lower);
  }
});

void test('the orbit is drawn over the fold curve J₀ the plane plot traces, in the domain of the study', async () => {
  const { plot } = await plotOf('brusselator-study', ORBIT_LINE);
  assert.deepEqual(plot.domain, [[0, 3], [0, 4]]);
  assert.equal(plot.kind === 'orbit' && plot.withinDomain, true, 'asked within D: the boxes are drawn as ball ∩ D');
  assert.equal(plot.foldResolution, 60);
  assert.ok(plot.foldCurve.length > 0 && plot.foldCurve.every((line) => line.length >= 2));
  assert.deepEqual(plot.axisLabels, ['state_and_parameter[0]', 'state_and_parameter[1]']);
});

void test('the radius map holds one cell per grid cell, coloured only by certified lower ends, with the fold curve over it', async () => {
  const { plot } = await plotOf('brusselator-study', MAP_LINE);
  assert.equal(plot.kind, 'map');
  if (plot.kind !== 'map') return;
  assert.deepEqual(plot.grid, [8, 8]);
  assert.equal(plot.cells.length, 64);
  assert.deepEqual(plot.cellSize, [3 / 8, 4 / 8]);
  assert.deepEqual(plot.cells[0].at, [0.1875, 0.25]);
  assert.ok(plot.foldCurve.length > 0);
  // A corner cell: no pair in the whole searched box, so only "r ≥ its reach" is certified, never "r =".
  assert.equal(plot.cells[0].bl.radius, undefined);
  assert.match(plot.cells[0].bl.text, /^r ≥ 0\.1875$/);
});

void test('unresolved states and cells are carried with their status and never as a radius', async () => {
  const orbit = (await plotOf('brusselator-budget', ORBIT_LINE)).plot;
  const map = (await plotOf('brusselator-budget', MAP_LINE)).plot;
  assert.ok(orbit.kind === 'orbit' && map.kind === 'map');
  if (orbit.kind !== 'orbit' || map.kind !== 'map') return;
  const unresolvedStates = orbit.states.filter((s) => s.bl?.status === 'unresolved');
  const unresolvedCells = map.cells.filter((c) => c.bl.status === 'unresolved');
  assert.ok(unresolvedStates.length > 0 && unresolvedCells.length > 0, 'the budget leaves some instances unresolved');
  for (const r of [...unresolvedStates.map((s) => s.bl), ...unresolvedCells.map((c) => c.bl)]) {
    assert.ok(r);
    assert.equal(r.radius, undefined);
    assert.doesNotMatch(r.text, /r =/);
  }
  // The map's certified cells are the only ones with a colour value (the webview colours by status 'certified').
  assert.ok(map.cells.some((c) => c.bl.status === 'certified'));
});

void test('the study list reads the results file of the workspace and words each study by its verdict', async () => {
  const { dir, lookup } = await workspace('brusselator-study');
  try {
    const list = await listStudies(lookup);
    assert.deepEqual(list.map((s) => [s.line, s.kind, s.done, s.total, s.running]).sort(), [[ORBIT_LINE, 'orbit', 18, 18, false], [MAP_LINE, 'map', 64, 64, false]]);
    // Newest first: the map finished after the orbit.
    assert.ok(list[0].finishedAt >= list[1].finishedAt);
    assert.match(list.find((s) => s.kind === 'map')?.verdict ?? '', /^✓ 64 of 64 cells · r_BL ≥/);
    assert.match(list.find((s) => s.kind === 'orbit')?.verdict ?? '', /^✓ 9 of 9 states/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

void test('a stored study no longer stands for its line once the open document says something else there', async () => {
  const { dir, uri, lookup } = await workspace('brusselator-study');
  try {
    const edited: StudyLookup = { ...lookup, openLine: (_u, line) => (line === MAP_LINE ? 'map F bl on D grid 9 x 9' : undefined) };
    assert.equal(await studyResultsAt({ uri, line: MAP_LINE }, edited), undefined);
    assert.ok(await studyResultsAt({ uri, line: ORBIT_LINE }, edited));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
