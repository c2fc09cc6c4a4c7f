// The studies of the open documents as the language server holds them (StudyResults): the instances answered so
// far, in the study's order, updated per instance while a run adds them. They follow their line's text when lines
// move and are dropped when the study line is edited (its instances were planned from the old text).
import type { FinishedInstance } from './store';
import type { BatchPlan } from './plan';
import { instanceResultOf } from './join';
import type { StudyInstanceResult, StudyResults } from '../../shared/studies';
import type { StudySource } from '../results/studyResults';
import { anchorByText } from '../results/resultStore';
import { statementText } from '../language/lexer';

/** A finished instance of a planned study line, as the study lists it (its key within the line and its place). */
export function instanceResult(plan: BatchPlan, f: FinishedInstance): StudyInstanceResult | undefined {
  const planned = plan.instances.find((i) => i.id === f.id);
  return planned?.place ? instanceResultOf(planned.line, f, planned.place) : undefined;
}

interface LiveStudy {
  results: StudyResults;
  /** Plan order of every instance key, to keep `instances` in the study's order as they arrive. */
  readonly order: ReadonlyMap<string, number>;
}

export class LiveStudies implements StudySource {
  private readonly byUri = new Map<string, Map<number, LiveStudy>>();

  /** Starts (or restarts) the study of a planned line from the instances already finished on disk. */
  open(uri: string, plan: BatchPlan, finished: ReadonlyMap<string, FinishedInstance>, running: boolean): StudyResults | undefined {
    const line = plan.lines[0];
    if (!line?.study) return undefined;
    const order = new Map(plan.instances.map((i, k) => [i.id.slice(`L${i.line + 1}-`.length), k]));
    const done = plan.instances.map((i) => finished.get(i.id)).filter((f): f is FinishedInstance => f !== undefined);
    const results: StudyResults = {
      uri, line: line.line, queryText: line.queryText, study: line.study, total: plan.instances.length, running, stale: false,
      instances: done.map((f) => instanceResult(plan, f)).filter((r): r is StudyInstanceResult => r !== undefined),
      modelHashes: Object.assign({}, ...done.map((f) => f.modelHashes)) as Record<string, string>,
      finishedAt: Math.max(0, ...done.map((f) => f.finishedAt)),
    };
    let m = this.byUri.get(uri);
    if (!m) this.byUri.set(uri, (m = new Map<number, LiveStudy>()));
    m.set(line.line, { results, order });
    return results;
  }

  /** Adds a finished instance of the study now on `line`; returns the study as it is now. */
  add(uri: string, line: number, plan: BatchPlan, f: FinishedInstance): StudyResults | undefined {
    const live = this.byUri.get(uri)?.get(line);
    const r = instanceResult(plan, f);
    if (!live || !r || live.results.queryText !== plan.lines[0]?.queryText) return undefined;
    const rank = (key: string): number => live.order.get(key) ?? Number.MAX_SAFE_INTEGER;
    const instances = [...live.results.instances.filter((i) => i.key !== r.key), r].sort((a, b) => rank(a.key) - rank(b.key));
    live.results = {
      ...live.results, instances, modelHashes: { ...live.results.modelHashes, ...f.modelHashes },
      finishedAt: Math.max(live.results.finishedAt, f.finishedAt),
    };
    return live.results;
  }

  update(uri: string, line: number, change: Partial<Pick<StudyResults, 'running' | 'stale'>>): StudyResults | undefined {
    const live = this.byUri.get(uri)?.get(line);
    if (!live) return undefined;
    live.results = { ...live.results, ...change };
    return live.results;
  }

  get(uri: string, line: number): StudyResults | undefined {
    return this.byUri.get(uri)?.get(line)?.results;
  }

  liveStudies(uri?: string): StudyResults[] {
    const maps = uri !== undefined ? [this.byUri.get(uri)] : [...this.byUri.values()];
    return maps.flatMap((m) => [...(m?.values() ?? [])].map((l) => l.results)).sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
  }

  /** After an edit: studies follow their text to its new line; a study whose line was edited away is dropped. */
  reanchor(uri: string, lines: readonly string[]): boolean {
    const m = this.byUri.get(uri);
    if (!m || m.size === 0) return false;
    const items = [...m.values()].map((l) => ({ line: l.results.line, queryText: l.results.queryText, live: l }));
    const { placed, dropped } = anchorByText(items, lines.map(statementText));
    const changed = dropped.length > 0 || placed.some(([it, line]) => it.line !== line);
    if (changed) this.byUri.set(uri, new Map(placed.map(([it, line]) => [line, { ...it.live, results: { ...it.live.results, line } }])));
    return changed;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
