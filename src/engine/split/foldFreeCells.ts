// Regions where the fold scan (foldScan.ts) need not evaluate det DF: cells of the scanned box on which the Jacobian
// certificate holds. There every generalized Jacobian lies in one convex set of nonsingular matrices, so det DF keeps
// one sign throughout the cell (the sign at its centre), and no fold crosses it. Without this a box with no fold at
// all costs the scan its whole lattice (2·10⁵ Jacobians for a radius in 2-D: residual_step_2x32 at (−1, −1) spent
// 2 to 3 s there, more than its certification), while CROWN bounds and a certificate on 256 cells take about 0.3 s
// and prove 250 of them fold-free.
// Cells are halvings of the box, level by level (2^ℓ per axis), computed lazily top-down where the scan asks, so a
// scan that meets a fold near the centre pays for a handful of cells only. This is a scan accelerator, not a proof
// of anything reported: the radius's lower end is still proved by the split certificate.
// A study's instances share one set over their whole domain (studies/studyReuse.ts): a cell proved fold-free for
// one centre's scan answers for every later centre's points in it.
import type { Network } from '../ir/network';
import type { Box } from '../bounds/types';
import { computeBounds } from '../bounds';
import { jacobianCertificate } from './jacobian';

/** Cached status of a cell: not computed yet, no certificate, or the certified sign of det DF. */
const UNKNOWN = 2;
const UNCERTIFIED = 0;
/** Finest level at most this many cells in all (2^(levels·n) ≤ 2^9). */
const MAX_CELL_BITS = 9;
/** A finest cell must hold at least this many lattice points of the scan, so that its bounds cost pays off. */
const MIN_POINTS_PER_CELL = 256;

export class FoldFreeCells {
  private readonly levels: Int8Array[] = [];

  /**
   * `box`: the scanned region; `pointsPerAxis`: the scan's lattice points per axis across it (sets the finest
   * level); `det`: det DF at a point (for a certified cell's sign); `maxCellBits`: the finest level has at most
   * 2^maxCellBits cells (a set shared by many scans affords finer cells than one scan's).
   */
  constructor(private readonly net: Network, private readonly box: Box, pointsPerAxis: number,
    private readonly det: (x: ArrayLike<number>) => number, maxCellBits = MAX_CELL_BITS) {
    const n = box.lower.length;
    let depth = Math.floor(maxCellBits / n);
    while (depth > 0 && Math.pow(pointsPerAxis / (1 << depth), n) < MIN_POINTS_PER_CELL) depth--;
    for (let l = 1; l <= depth; l++) this.levels.push(new Int8Array(1 << (l * n)).fill(UNKNOWN));
  }

  /** The sign det DF is proved to keep on a cell holding p (±1), or 0 when no cell holding p is certified. */
  provedSign(p: ArrayLike<number>): number {
    const n = this.box.lower.length;
    for (let l = 1; l <= this.levels.length; l++) {
      const per = 1 << l;
      let code = 0;
      for (let d = 0; d < n; d++) {
        const w = this.box.upper[d] - this.box.lower[d];
        const t = w > 0 ? (p[d] - this.box.lower[d]) / w : 0;
        if (!(t >= 0 && t <= 1)) return 0;
        code = code * per + Math.min(per - 1, Math.floor(t * per));
      }
      const cells = this.levels[l - 1];
      if (cells[code] === UNKNOWN) cells[code] = this.certify(l, code);
      if (cells[code] !== UNCERTIFIED) return cells[code];
    }
    return 0;
  }

  /** Cells certified so far (at any level): the work a shared set saves its later users. */
  get certifiedCells(): number {
    let k = 0;
    for (const cells of this.levels) for (const s of cells) if (s !== UNKNOWN && s !== UNCERTIFIED) k++;
    return k;
  }

  private certify(level: number, code: number): number {
    const n = this.box.lower.length;
    const per = 1 << level;
    const lower = new Float64Array(n), upper = new Float64Array(n);
    for (let d = n - 1; d >= 0; d--) {
      const k = code % per;
      code = Math.floor(code / per);
      const w = (this.box.upper[d] - this.box.lower[d]) / per;
      lower[d] = this.box.lower[d] + k * w;
      upper[d] = k === per - 1 ? this.box.upper[d] : this.box.lower[d] + (k + 1) * w;
    }
    const cell = { lower, upper };
    if (!jacobianCertificate(this.net, computeBounds(this.net, cell, { method: 'crown' })).certified) return UNCERTIFIED;
    const s = Math.sign(this.det(lower.map((l, d) => 0.5 * (l + upper[d]))));
    return s === 0 || Number.isNaN(s) ? UNCERTIFIED : s;
  }
}
