// The sweep's progress line for the level it is in, in words a person can read:
//   "level 30% (3 of 6): discrepancy in [0.0943, 0.4989], 1,234 boxes left, 3.1 s", then
//   "level 30% (3 of 6): discrepancy 0.094293, radius in [0.61, 0.66], 3.4 s"
// The level's own queries report in their terms (a MILP's nodes and gap, the split search's pairs); this turns that
// into the level's bounds so far. Their incumbent/bound/gap fields are not passed on: a MILP's bound is that of
// one output direction, not of the discrepancy, and its gap in percent says nothing when the value is near 0.
import type { EngineProgress } from '../../shared/querySpec';
import type { DiscrepancyColumns, RadiusColumns } from './rowWords';
import { discrepancyWords, radiusWords, rowNumber, significant } from './rowWords';

/** Brackets that move while a person reads them: 4 digits. */
const num = significant(4);

export class LevelProgress {
  private discrepancy: DiscrepancyColumns = { discrepancy: null, discrepancyLower: null, discrepancyBound: null };
  /** The largest value a running MILP has found so far (a lower end, not yet re-checked: progress only). */
  private found: number | null = null;
  /** Boxes the input-space discrepancy search still has open (while it runs). */
  private openBoxes: number | null = null;
  private discrepancyDone = false;
  private radius: RadiusColumns | null = null;
  private readonly started = Date.now();

  constructor(
    private readonly emit: ((p: EngineProgress) => void) | undefined,
    private readonly level: number,
    private readonly index: number,
    private readonly count: number,
  ) {}

  /** A progress report of the level's discrepancy or radius query. */
  readonly inner = (p: EngineProgress): void => {
    if (!this.discrepancyDone && p.incumbent !== undefined && p.incumbent !== null && Number.isFinite(p.incumbent)) {
      this.found = Math.max(this.found ?? 0, p.incumbent);
      // An input-space search (not one MILP of many) reports the whole discrepancy's bracket.
      if (p.phase !== 'mip' && p.bound !== undefined && p.bound !== null && Number.isFinite(p.bound)) {
        this.discrepancy = { discrepancy: null, discrepancyLower: p.incumbent, discrepancyBound: p.bound };
        this.openBoxes = p.left?.unit === 'boxes' ? p.left.count : null;
      }
    }
    this.report();
  };

  /** The level's discrepancy is known (proved, or its final bracket). */
  discrepancyFinished(c: DiscrepancyColumns): void {
    this.discrepancy = c;
    this.discrepancyDone = true;
    this.report();
  }

  /** The radius search's bracket so far. */
  radiusBracket(c: RadiusColumns): void {
    this.radius = c;
    this.report();
  }

  line(): string {
    const d = this.discrepancy;
    const discrepancy = this.discrepancyDone || d.discrepancyLower !== null || d.discrepancyBound !== null
      ? `discrepancy ${discrepancyWords(d, d.discrepancy !== null ? rowNumber : num)}`
      : this.found !== null ? `discrepancy ≥ ${num(this.found)} so far` : 'discrepancy: bounding';
    const open = !this.discrepancyDone && this.openBoxes !== null ? `, ${this.openBoxes.toLocaleString('en-US')} boxes left` : '';
    const radius = !this.discrepancyDone ? open : this.radius ? `, radius ${radiusWords(this.radius, num)}` : ', radius: searching';
    const seconds = (Date.now() - this.started) / 1000;
    return `level ${this.level}% (${this.index + 1} of ${this.count}): ${discrepancy}${radius}, ${seconds.toFixed(1)} s`;
  }

  private report(): void {
    this.emit?.({ phase: 'prune', message: this.line(), fraction: (this.index + (this.discrepancyDone ? 0.5 : 0)) / this.count });
  }
}
