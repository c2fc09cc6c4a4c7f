// A model with one free input (VNN-COMP 2021 test_tiny, 1 → 1 ReLU → 1) is drawn in the panel as the 1-D graph
// of F: samples of the real network around the centre, with the certified ball marked.
import * as assert from 'node:assert/strict';
import { activateExtension, lineOf, openInvq, runAndWait, showInPanelAndWait } from './util';

suite('1-D graph of F in the panel', () => {
  suiteSetup(activateExtension);

  test('a query on a 1-input model is shown as the sampled graph of F with its centre and radius', async () => {
    const doc = await openInvq('tiny.invq');
    const line = lineOf(doc, 'certify tiny bl at (0.5) radius 0.25');
    const entry = await runAndWait(doc, line);
    assert.ok(entry.status === 'certified' || entry.status === 'counterexample', entry.verdict);

    const state = await showInPanelAndWait(doc, line);
    const plot = state.lastDetail?.plot;
    assert.equal(plot?.kind, 'graph', `a 1-D graph, not ${plot?.kind}`);
    assert.equal(state.lastRendered?.detail, 'graph', 'the webview drew the graph');
    if (plot?.kind !== 'graph') return;
    assert.equal(plot.center, 0.5);
    assert.equal(plot.blRadius, 0.25);
    assert.ok(plot.domain[0] <= 0.25 && plot.domain[1] >= 0.75, `the plotted range [${plot.domain.join(', ')}] holds the ball`);
    assert.ok(plot.xs.length >= 100, `${plot.xs.length} samples`);
    assert.ok(Math.abs(plot.xs[0] - plot.domain[0]) < 1e-12 && Math.abs(plot.xs[plot.xs.length - 1] - plot.domain[1]) < 1e-12, 'samples span the range');
    assert.ok(plot.xs.every((x, i) => i === 0 || x > plot.xs[i - 1]), 'samples increase');
    assert.equal(plot.outputs.length, 1, 'one output');
    const ys = plot.outputs[0];
    assert.equal(ys.length, plot.xs.length);
    assert.ok(ys.every(Number.isFinite));
    // One hidden ReLU: F is piecewise linear with at most one kink, so the slope changes between at most two
    // consecutive sample intervals (the interval holding the kink and its neighbour).
    const slopes = ys.slice(1).map((y, i) => (y - ys[i]) / (plot.xs[i + 1] - plot.xs[i]));
    const scale = Math.max(1, ...slopes.map(Math.abs));
    const changes = slopes.slice(1).filter((s, i) => Math.abs(s - slopes[i]) > 1e-6 * scale).length;
    assert.ok(changes <= 2, `F has at most one kink (${changes} slope changes)`);
  });
});
