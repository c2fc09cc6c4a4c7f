import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEntries, entryKey, splitKey } from '../../src/client/results/entries';
import type { EntrySources } from '../../src/client/results/entries';
import type { JobStatus, ResultSummary } from '../../src/shared/protocol';
import type { PanelEntry } from '../../src/shared/webviewMessages';
import { visibleEntries } from '../../src/webview/model';

const uri = 'file:///w/brus.invq';

function summary(line: number, overrides: Partial<ResultSummary> = {}): ResultSummary {
  return {
    uri, line, queryText: `radius brus bl at (1, ${line})`, status: 'certified', kind: 'radius-bl', message: 'certified r = 0.5',
    verdict: '✓ certified r = 0.5 (2.0 s)', seconds: 2, finishedAt: 1000 + line, stale: false, ...overrides,
  };
}

function sources(overrides: Partial<EntrySources> = {}): EntrySources {
  return { summaries: [], annotations: new Map(), jobs: [], displayPath: (u) => u.replace('file:///w/', ''), ...overrides };
}

const job: JobStatus = { jobId: 'j1', uri, line: 7, queryText: 'certify brus pi at (1, 1) radius 0.5', subject: 'PI check within 0.5 of (1, 1)', phase: 'mip', message: 'solving an exact MILP, 3.0 s', fraction: 0.25, startedAt: 5 };

void describe('panel entries from server state', () => {
  void it('lists a study with its verdict and k of n, running while a run adds instances, coloured by the status the server gives it once done', () => {
    const study = { uri, line: 9, queryText: 'map F bl on D grid 8 x 8', kind: 'map' as const, done: 64, total: 64, running: false, status: 'certified' as const, verdict: '✓ 64 of 64 cells · r_BL ≥ 0.0123 … 0.6553', finishedAt: 2000, stale: false };
    const running = { ...study, line: 10, queryText: 'orbit F from P1 steps 8 radius bl', kind: 'orbit' as const, done: 3, total: 9, running: true, status: 'unresolved' as const, verdict: '⟳ 3 of 9 states · r_BL ≥ 0.2' };
    const entries = buildEntries(sources({ summaries: [summary(1)], studies: [study, running, { ...study, line: 11, status: 'unresolved' as const, verdict: '? 64 of 64 cells · 3 unresolved' }] }));
    const map = entries.find((e) => e.line === 9);
    assert.deepEqual([map?.model, map?.query, map?.state, map?.status, map?.verdict], ['F', 'radius map', 'done', 'certified', study.verdict]);
    assert.deepEqual(map?.study, { kind: 'map', done: 64, total: 64 });
    const orbit = entries.find((e) => e.line === 10);
    assert.deepEqual([orbit?.query, orbit?.state, orbit?.status], ['orbit study', 'running', undefined]);
    assert.equal(entries.find((e) => e.line === 11)?.status, 'unresolved', 'unresolved instances never list a study as certified');
  });

  void it('a running study keeps its own verdict (cells so far and their radii) beside its job, not the job\'s bare count', () => {
    const running = { uri, line: 10, queryText: 'map F bl on D grid 8 x 8', kind: 'map' as const, done: 12, total: 64, running: true, status: 'unresolved' as const, verdict: '⟳ 12 of 64 cells · r_BL ≥ 0.2 … 0.6', finishedAt: 2000, stale: false };
    const studyJob: JobStatus = { ...job, jobId: 'j2', line: 10, queryText: running.queryText, subject: 'map F bl on D grid 8 x 8', phase: 'radius', message: '12 of 64 instances (i3-j1)' };
    const entry = buildEntries(sources({ studies: [running], jobs: [studyJob] })).find((e) => e.line === 10);
    assert.deepEqual([entry?.state, entry?.jobId, entry?.verdict], ['running', 'j2', running.verdict]);
    const queued = buildEntries(sources({ studies: [running], jobs: [{ ...studyJob, phase: 'queued' }] })).find((e) => e.line === 10);
    assert.equal(queued?.verdict, 'queued');
  });

  void it('shows the inline annotation text as the verdict, else the server\'s listed verdict, newest results first', () => {
    const entries = buildEntries(
      sources({
        summaries: [summary(1), summary(4)],
        annotations: new Map([[uri, [{ line: 4, kind: 'certified' as const, text: '✓ certified r = 0.6553 (4.1 s)' }]]]),
      }),
    );
    assert.deepEqual(entries.map((e) => e.line), [4, 1]);
    assert.equal(entries[0].verdict, '✓ certified r = 0.6553 (4.1 s)');
    assert.equal(entries[1].verdict, '✓ certified r = 0.5 (2.0 s)', 'a result without an annotation (closed file) keeps the server\'s verdict');
    assert.equal(entries[0].file, 'brus.invq');
    assert.equal(entries[0].model, 'brus');
  });

  void it('puts running jobs first with their progress and job id, and keeps the earlier result\'s metadata', () => {
    const entries = buildEntries(sources({ summaries: [summary(1), summary(7, { status: 'counterexample' })], jobs: [job] }));
    assert.equal(entries[0].key, entryKey(uri, 7));
    assert.equal(entries[0].state, 'running');
    assert.equal(entries[0].jobId, 'j1');
    assert.equal(entries[0].progress, 'solving an exact MILP, 3.0 s');
    assert.equal(entries[0].status, 'counterexample');
  });

  void it('marks stale results', () => {
    assert.equal(buildEntries(sources({ summaries: [summary(2, { stale: true })] }))[0].state, 'stale');
  });

  void it('splits keys at the last #, so URIs with fragments survive', () => {
    assert.deepEqual(splitKey('file:///w/a%23b.invq#12'), { uri: 'file:///w/a%23b.invq', line: 12 });
    assert.deepEqual(splitKey(entryKey('untitled:x#y', 3)), { uri: 'untitled:x#y', line: 3 });
  });
});

void describe('panel filters', () => {
  const entries: PanelEntry[] = buildEntries(
    sources({
      summaries: [
        summary(1),
        summary(2, { status: 'counterexample' }),
        summary(3, { status: 'unresolved' }),
        summary(4, { kind: 'discrepancy', queryText: 'match full pruned discrepancy on D' }),
      ],
      jobs: [{ ...job, line: 9 }],
    }),
  );

  void it('shows only the chosen status, matching queries, or everything', () => {
    assert.deepEqual(visibleEntries(entries, 'certified').map((e) => e.line).sort(), [1, 4]);
    assert.deepEqual(visibleEntries(entries, 'counterexample').map((e) => e.line), [2]);
    assert.deepEqual(visibleEntries(entries, 'matching').map((e) => e.line), [4]);
    assert.equal(visibleEntries(entries, 'all').length, 5);
  });

  void it('keeps running queries visible under "unresolved"', () => {
    assert.deepEqual(visibleEntries(entries, 'unresolved').map((e) => e.line), [9, 3]);
  });
});
