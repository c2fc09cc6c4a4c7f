// The cells of one BL radius search, kept across its certifications. Boxes around one centre are nested: a pair of
// cells proved clear on B∞(c, r) (no two points at distance ≥ ε share an image) is clear on every smaller ball, and
// a pair proved while both cells lay wholly inside the ball is clear at every radius. So the search builds one grid,
// cuts it to each radius tried, and screens only the pairs not settled yet — in practice those touching the rim.
// The grid has a uniform core over B∞(c, inner) (the first radius tried) and a rim of thin cells out to `outer`,
// so the radii tried later, just inside or outside the first, leave the core's cells whole.
import type { Box } from '../bounds/types';
import { cellsFromEdges, minDistanceTo } from './box';
import type { CellFrame, SplitOutcome } from './types';

export class RadiusFrame {
  private readonly cells: Box[];
  /** Per pair code i · cells + j: the largest radius it is proved clear on (Infinity: every radius; -1: none). */
  private readonly clearUpTo: Float64Array;

  /** `inner` ≤ `outer`: the core's half-width and the largest radius the frame serves; `perDim` core cells per axis. */
  constructor(readonly center: Float64Array, readonly inner: number, readonly outer: number, perDim: number) {
    this.cells = cellsFromEdges(Array.from(center, (c) => {
      const core = Array.from({ length: perDim + 1 }, (_, k) => (k === perDim ? c + inner : c - inner + (2 * inner * k) / perDim));
      return outer > inner ? [c - outer, ...core, c + outer] : core;
    }));
    this.clearUpTo = new Float64Array(this.cells.length * this.cells.length).fill(-1);
  }

  /** True when B∞(c, r) fits in the frame and the core is not much coarser than a fresh grid of that ball. */
  serves(r: number): boolean {
    return r <= this.outer && r >= 0.5 * this.inner;
  }

  /** The cells cut to B∞(c, r), and the pairs already proved clear there. */
  at(r: number): CellFrame {
    const m = this.cells.length;
    const cells = this.cells.map((cell) => this.cut(cell, r));
    const settled = new Uint8Array(m * m);
    for (let k = 0; k < settled.length; k++) if (this.clearUpTo[k] >= r) settled[k] = 1;
    return { cells, settled };
  }

  /** Records what a certification of B∞(c, r) on `at(r)` proved. */
  record(r: number, out: SplitOutcome): void {
    const m = this.cells.length;
    // Per cell once, not per pair: in 4-D the frame has 6⁴ cells, 840,000 pairs.
    const whole = this.cells.map((cell) => this.whole(cell, r));
    const clear = (code: number): void => {
      const i = Math.floor(code / m), j = code % m;
      this.clearUpTo[code] = whole[i] && whole[j] ? Infinity : Math.max(this.clearUpTo[code], r);
    };
    if (out.status === 'injective') {
      const meeting = this.cells.flatMap((cell, i) => (this.meets(cell, r) ? [i] : []));
      for (let a = 0; a < meeting.length; a++) {
        for (let b = a; b < meeting.length; b++) clear(meeting[a] * m + meeting[b]);
      }
      return;
    }
    for (const code of out.settled ?? []) clear(code);
  }

  // Both tests compare with c ± r computed as ballBox computes the certified box, so a cell whose edges are
  // c ± r (the core's outer edges at r = inner) counts as whole, and the rim then as outside.
  private whole(cell: Box, r: number): boolean {
    return cell.lower.every((l, i) => l >= this.center[i] - r && cell.upper[i] <= this.center[i] + r);
  }

  /**
   * True when the cell meets the open ball. A cell touching B∞(c, r) only on its rim (e.g. the frame's rim at
   * r = inner) adds a sliver whose points the next cell inward holds already (cells are closed and share edges).
   */
  private meets(cell: Box, r: number): boolean {
    if (r === 0) return minDistanceTo(cell, this.center) === 0;
    return cell.lower.every((l, i) => l < this.center[i] + r && cell.upper[i] > this.center[i] - r);
  }

  /** cell ∩ B∞(c, r): the cell itself when whole (same object), null when it does not meet the open ball. */
  private cut(cell: Box, r: number): Box | null {
    if (this.whole(cell, r)) return cell;
    if (!this.meets(cell, r)) return null;
    return {
      lower: cell.lower.map((l, i) => Math.max(l, this.center[i] - r)),
      upper: cell.upper.map((u, i) => Math.min(u, this.center[i] + r)),
    };
  }
}
