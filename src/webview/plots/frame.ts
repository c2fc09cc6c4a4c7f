// Where a phase plane's frame goes and how big it is: equal scales on both axes (balls look like balls), the width
// the panel gives, the height capped to the viewport (then the width shrinks so the aspect stays), and the window
// around a witness pair for "zoom to pair". Pure (no DOM): unit-tested under node.
import type { XY } from './plotSupport';
import { paddedExtent } from './plotSupport';

/** Room Plot takes for the axes and their labels, outside the data area (marginLeft 44 + right, top + bottom). */
export const FRAME_MARGIN = { x: 64, y: 50 } as const;

export interface PlaneFrame {
  readonly xDomain: [number, number];
  readonly yDomain: [number, number];
  readonly width: number;
  readonly height: number;
}

/**
 * The frame holding `xs` × `ys` at equal scales within `width` × `maxHeight` pixels: as wide as allowed unless the
 * height cap binds, then narrower. Never smaller than 160 px either way.
 */
export function planeFrame(xDomain: [number, number], yDomain: [number, number], width: number, maxHeight: number): PlaneFrame {
  const aspect = (yDomain[1] - yDomain[0]) / (xDomain[1] - xDomain[0]);
  const inner = Math.max(96, width - FRAME_MARGIN.x);
  const cap = Math.max(160, maxHeight) - FRAME_MARGIN.y;
  const innerWidth = inner * aspect <= cap ? inner : Math.max(96, cap / aspect);
  const innerHeight = Math.max(110, Math.min(cap, innerWidth * aspect));
  return { xDomain, yDomain, width: Math.round(innerWidth + FRAME_MARGIN.x), height: Math.round(innerHeight + FRAME_MARGIN.y) };
}

/** The padded extent of every drawn feature, as the whole-domain view shows it. */
export function wholeView(xs: readonly number[], ys: readonly number[]): { xDomain: [number, number]; yDomain: [number, number] } {
  return { xDomain: paddedExtent(xs), yDomain: paddedExtent(ys) };
}

/**
 * A square window around the witness points, `room` times their spread on each side of its middle, so two points
 * 6.7e-4 apart fill the frame instead of sharing a pixel; never narrower than `floor` (a pair at one point).
 */
export function pairWindow(points: readonly XY[], room = 1.2, floor = 1e-9): { xDomain: [number, number]; yDomain: [number, number] } {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [mx, my] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  const spread = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  const half = Math.max(floor, (spread / 2) * (1 + 2 * room));
  return { xDomain: [mx - half, mx + half], yDomain: [my - half, my + half] };
}
