// The phase plane's frame: equal scales, the panel's width, the height capped to the view with the aspect kept, and
// the window "zoom to pair" frames (pure helpers of src/webview/plots/frame.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FRAME_MARGIN, pairWindow, planeFrame } from '../../src/webview/plots/frame';

const aspectOf = (f: ReturnType<typeof planeFrame>): number => (f.height - FRAME_MARGIN.y) / (f.width - FRAME_MARGIN.x);

void test('a frame takes the given width when the height allows, at equal scales on both axes', () => {
  const f = planeFrame([0, 3], [0, 4], 400, 2000);
  assert.equal(f.width, 400);
  assert.ok(Math.abs(aspectOf(f) - 4 / 3) < 0.01, `aspect ${aspectOf(f)}`);
});

void test('a wide panel does not make the plot taller than the cap: the width shrinks and the aspect stays', () => {
  const f = planeFrame([0, 3], [0, 4], 1100, 600);
  assert.ok(f.height <= 600, `height ${f.height}`);
  assert.ok(f.width < 1100, `width ${f.width}`);
  assert.ok(Math.abs(aspectOf(f) - 4 / 3) < 0.01, `aspect ${aspectOf(f)}`);
});

void test('zoom to pair frames two points 6.7e-4 apart so they sit well inside a square window', () => {
  const x: [number, number] = [1.9648, 1.2401];
  const y: [number, number] = [1.96547, 1.2396];
  const w = pairWindow([x, y]);
  const width = w.xDomain[1] - w.xDomain[0];
  assert.ok(Math.abs(width - (w.yDomain[1] - w.yDomain[0])) < 1e-12, 'square');
  assert.ok(width < 0.01 && width > 6.7e-4, `window ${width}`);
  for (const p of [x, y]) {
    assert.ok(p[0] > w.xDomain[0] + width * 0.2 && p[0] < w.xDomain[1] - width * 0.2, 'x inside, away from the edge');
    assert.ok(p[1] > w.yDomain[0] + width * 0.2 && p[1] < w.yDomain[1] - width * 0.2, 'y inside, away from the edge');
  }
  const single = pairWindow([x]);
  assert.ok(single.xDomain[1] > single.xDomain[0], 'a single point still gets a window');
});
