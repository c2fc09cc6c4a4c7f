// A running query's progress in the words a person reads, the same on every surface (the editor's notification,
// status item, inline text and hover; the CLI's progress line): what the query is, what the answer is known to lie in
// so far, the work left and the time. The engine's own messages ("split: radius: scanning det DF", "cell pairs
// survive the screen", MIP gaps) stay in the log.
import type { EngineProgress, ProgressLeft, QuerySpec } from '../shared/querySpec';
import { significant } from './prune/rowWords';

const num = significant(4);

/** What each phase is doing, when the engine reports nothing a person can follow (no bracket, no work left). */
const PHASE_WORDS: Record<EngineProgress['phase'], string> = {
  load: 'loading the model',
  bounds: 'bounding the neurons',
  mip: 'solving an exact MILP',
  split: 'splitting the input box',
  verify: 're-checking a pair against the model',
  radius: 'narrowing the radius',
  prune: 'pruning',
};

/** A model as the CLI names it: its file name. */
function modelName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The query in a few words (with the .invq line, its model and point names): "BL radius around P1", "discrepancy of F vs G", "pruning sweep of F". */
export function querySubject(spec: QuerySpec, queryText?: string): string {
  const words = queryText?.trim().split(/\s+/) ?? [];
  // The point as written: a name (P1) or a literal tuple.
  const point = queryText === undefined ? undefined : /\bat\s+(\([^)]*\)|\S+)/.exec(queryText)?.[1];
  switch (spec.kind) {
    case 'radius':
      return `${spec.query.toUpperCase()} radius around ${point ?? `(${spec.center.map((v) => num(v)).join(', ')})`}`;
    case 'certify':
      return `${spec.query.toUpperCase()} check within ${num(spec.radius)} of ${point ?? `(${spec.center.map((v) => num(v)).join(', ')})`}`;
    case 'match':
      return `${spec.query} of ${words[1] ?? modelName(spec.modelA.path)} vs ${words[2] ?? modelName(spec.modelB.path)}`;
    case 'prune':
      return `pruning sweep of ${words[1] ?? modelName(spec.model.path)}`;
  }
}

function bracketText(spec: QuerySpec, [lower, upper]: readonly [number, number]): string {
  const range = `[${num(lower)}, ${num(upper)}]`;
  return spec.kind === 'match' && spec.query === 'discrepancy' ? `discrepancy in ${range}` : `bracket ${range}`;
}

function leftText(left: ProgressLeft): string {
  return `${left.count.toLocaleString('en-US')} ${left.unit} left`;
}

/**
 * One running query's progress words, built up from its reports: a bracket stays until a newer one comes, the work
 * left until the next bracket (a new radius step starts its own cells). A sweep's engine line is already in words.
 */
export class ProgressWords {
  private bracket: readonly [number, number] | undefined;
  private left: ProgressLeft | undefined;
  /** Before the engine's first report the worker is reading the model. */
  private doing = PHASE_WORDS.load;
  private sweepLine = false;

  constructor(private readonly spec: QuerySpec, readonly subject: string) {}

  update(p: EngineProgress): void {
    if (p.bracket) {
      this.bracket = p.bracket;
      this.left = p.left;
    } else if (p.left) {
      this.left = p.left;
    }
    this.sweepLine = p.phase === 'prune';
    this.doing = this.sweepLine ? p.message : PHASE_WORDS[p.phase];
  }

  /** Without the subject: "bracket [0.62, 0.71], 412 cell pairs left, 2.1 s". */
  text(seconds: number): string {
    const parts: string[] = [];
    if (this.spec.kind === 'prune' || !this.bracket) parts.push(this.doing);
    if (this.bracket && this.spec.kind !== 'prune') parts.push(bracketText(this.spec, this.bracket));
    if (this.left && this.spec.kind !== 'prune') parts.push(leftText(this.left));
    // A sweep's line carries its own level time.
    if (!this.sweepLine) parts.push(`${seconds.toFixed(1)} s`);
    return parts.join(', ');
  }

  /** Whether the words count the job's seconds (a sweep's level line has its own, refreshed by its reports). */
  get ticks(): boolean {
    return !this.sweepLine;
  }
}
