// The domain the user gives is the domain used: `certify … within D` carries it into the spec (clipping the ball) and
// into the panel's plot; a model may declare its own domain in its ONNX metadata, which the wizard then offers.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { decodeModel } from '../../src/engine/onnx';
import { modelProtoType } from '../../src/engine/onnx/schema';
import { analyzeText } from '../../src/server/documentState';
import { keywordDocs } from '../../src/server/language/keywords';
import { DOMAIN_METADATA_KEY, declaredDomainText } from '../../src/server/models/declaredDomain';
import { ModelCache } from '../../src/server/models/modelCache';
import { plotFor } from '../../src/server/results/plotData';
import type { ResultRecord } from '../../src/shared/protocol';
import { fixtureModels } from '../helpers/serverHarness';

const models = new ModelCache();
const check = (text: string) => analyzeText(pathToFileURL(join(fixtureModels, 'q.invq')).href, 1, text, models, fixtureModels);
const header = 'model F = "brusselator_param.onnx"\nfix F[2] = 2.1\n';

void test('certify … within D puts the domain in the spec, and a centre outside it is an error', async () => {
  const s = await check(`${header}certify F bl at (1.96433, 1.24951) radius 0.7 within [0, 3] x [0, 4] norm inf\n`);
  assert.deepEqual(s.analysis.diagnostics, []);
  const spec = s.analysis.queries.get(2)?.spec;
  assert.ok(spec?.kind === 'certify');
  assert.deepEqual(spec.domain, [[0, 3], [0, 4]]);
  const outside = await check(`${header}certify F bl at (5, 1) radius 0.7 within [0, 3] x [0, 4]\n`);
  assert.match(outside.analysis.diagnostics.find((d) => d.code === 'outside-domain')?.message ?? '', /centre lies outside the domain/);
});

void test('the plot of a certify query draws the domain the query was given, not a box around the ball', async () => {
  const network = await models.network(join(fixtureModels, 'vnncomp2021_test_nano.onnx'));
  assert.ok(network);
  const record = {
    uri: 'file:///q.invq', line: 1, queryText: 'certify T bl at (0.5) radius 0.25 within [-2, 3]', stale: false,
    result: { query: 'bl', status: 'certified', norm: 'inf', objective: 0, bound: 0, gap: null, tolerance: 1e-4, stats: { binaries: 0, unstable: 0, nodes: 0, seconds: 0.1 }, message: 'm' },
  } as unknown as ResultRecord;
  const spec = { kind: 'certify', model: { path: 'nano.onnx', fixed: [] }, query: 'bl', center: [0.5], radius: 0.25, norm: 'inf', domain: [[-2, 3]] } as const;
  const plot = await plotFor(record, spec, network);
  assert.equal(plot.kind, 'graph');
  assert.deepEqual(plot.kind === 'graph' ? plot.domain : undefined, [-2, 3]);
});

void test('a model that declares invcert.domain in its metadata reports it; one without reports none', async () => {
  const source = join(fixtureModels, 'brusselator_param.onnx');
  assert.equal(await declaredDomainText(source), undefined);
  const message = decodeModel(readFileSync(source), source) as unknown as Record<string, unknown>;
  message.metadata_props = [{ key: DOMAIN_METADATA_KEY, value: ' [0, 3] x [0, 4] x [2, 2.2] ' }];
  const path = join(mkdtempSync(join(tmpdir(), 'invcert-domain-')), 'declared.onnx');
  writeFileSync(path, modelProtoType().encode(modelProtoType().fromObject(message)).finish());
  assert.equal(await declaredDomainText(path), '[0, 3] x [0, 4] x [2, 2.2]');
  assert.equal(await declaredDomainText(join(fixtureModels, 'missing.onnx')), undefined);
});

void test('keyword hovers and completion docs explain BL and PI in plain words', () => {
  assert.match(keywordDocs.bl, /^bl — local invertibility: .*two different points of the ball .* share an image/);
  assert.match(keywordDocs.pi, /^pi — nearest other preimage: .*another point of the ball map to the same image F\(c\)/);
  assert.match(keywordDocs.certify, /bl \(local invertibility\).*pi \(nearest other preimage\)/);
  assert.match(keywordDocs.within, /clips the certify ball/);
});
