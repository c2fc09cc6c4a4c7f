// Incremental construction of a MipProblem: add columns and rows by name, then freeze into typed arrays.
import type { MipProblem } from './problem';

export interface LinearTerm {
  readonly col: number;
  readonly coef: number;
}

export class MipBuilder {
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly cost: number[] = [];
  private readonly integer: number[] = [];
  private readonly colNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly starts: number[] = [0];
  private readonly index: number[] = [];
  private readonly value: number[] = [];
  private sense: 'minimize' | 'maximize' = 'minimize';
  private offset = 0;

  get numCols(): number { return this.lower.length; }
  get numRows(): number { return this.rowLower.length; }

  /** Adds a continuous column and returns its index. */
  addContinuous(name: string, lower: number, upper: number, cost = 0): number {
    return this.addColumn(name, lower, upper, cost, 0);
  }

  /** Adds a {0,1} column and returns its index. */
  addBinary(name: string, cost = 0): number {
    return this.addColumn(name, 0, 1, cost, 1);
  }

  /** Adds a general integer column in [lower, upper] and returns its index. */
  addInteger(name: string, lower: number, upper: number, cost = 0): number {
    return this.addColumn(name, lower, upper, cost, 1);
  }

  /** Adds lower ≤ Σ coef·col ≤ upper; repeated columns are merged. Returns the row index. */
  addRow(name: string, terms: readonly LinearTerm[], lower: number, upper: number): number {
    const merged = new Map<number, number>();
    for (const t of terms) {
      if (t.col < 0 || t.col >= this.numCols) throw new RangeError(`row ${name}: column ${t.col} does not exist`);
      merged.set(t.col, (merged.get(t.col) ?? 0) + t.coef);
    }
    for (const [col, coef] of merged) {
      if (coef === 0) continue;
      if (!Number.isFinite(coef)) throw new RangeError(`row ${name}: coefficient of column ${col} is ${coef}`);
      this.index.push(col);
      this.value.push(coef);
    }
    this.starts.push(this.index.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    this.rowNames.push(sanitizeName(name));
    return this.numRows - 1;
  }

  setObjective(sense: 'minimize' | 'maximize', terms: readonly LinearTerm[], offset = 0): void {
    this.sense = sense;
    this.offset = offset;
    this.cost.fill(0);
    for (const t of terms) this.cost[t.col] += t.coef;
  }

  setColumnBounds(col: number, lower: number, upper: number): void {
    this.lower[col] = lower;
    this.upper[col] = upper;
  }

  build(): MipProblem {
    const hasIntegers = this.integer.some((v) => v === 1);
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      sense: this.sense,
      offset: this.offset,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      aStart: Int32Array.from(this.starts),
      aIndex: Int32Array.from(this.index),
      aValue: Float64Array.from(this.value),
      ...(hasIntegers ? { integrality: Uint8Array.from(this.integer) } : {}),
      colNames: [...this.colNames],
      rowNames: [...this.rowNames],
    };
  }

  private addColumn(name: string, lower: number, upper: number, cost: number, integer: number): number {
    if (Number.isNaN(lower) || Number.isNaN(upper)) throw new RangeError(`column ${name}: NaN bound`);
    this.lower.push(lower);
    this.upper.push(upper);
    this.cost.push(cost);
    this.integer.push(integer);
    this.colNames.push(sanitizeName(name));
    return this.numCols - 1;
  }
}

/** LP/MPS names may not hold spaces or operators; keep them readable for users who export. */
function sanitizeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, '_');
}
