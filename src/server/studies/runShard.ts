// Runs one shard's instances on the engine, one at a time (each query already uses the machine's cores: the solver
// pool and the split workers), writing each result as soon as it is in; instances already finished in the folder
// are skipped. Ctrl-C (or a cancel) stops at the running instance, which is not written.
// The instances of one study line share one StudyReuse (engine/studies/studyReuse.ts: the fold-free cells of its
// domain), created when the shard reaches the line and disposed when the shard ends. Any other caller running a
// study's instances does the same: one `new StudyReuse()` per study, `engine.run(spec, { reuse })` for each of its
// instances, `reuse.dispose()` when the study ends, is cancelled or its document closes (the language server's
// study run keeps it beside the study it runs, never across studies or documents). The answers are those without it.
import { readFile } from 'node:fs/promises';
import type { Engine } from '../../engine/engine';
import { loadModelRef } from '../../engine/dispatchQuery';
import type { Network } from '../../engine/ir/network';
import { nearFold } from '../../engine/studies/foldMark';
import { StudyReuse } from '../../engine/studies/studyReuse';
import { sha256 } from '../models/modelCache';
import type { BatchPlan, PlannedInstance } from './plan';
import type { FinishedInstance } from './store';
import { writeFinished } from './store';

export interface ShardRun {
  readonly ran: number;
  readonly skipped: number;
}

export interface ShardOptions {
  readonly signal?: AbortSignal;
  /** "k of n instances" after each one. */
  readonly onProgress?: (done: number, total: number, id: string) => void;
  /** Each instance run here, once it is written (the language server streams it to the editor). */
  readonly onFinished?: (f: FinishedInstance, done: number, total: number) => void;
  /** False: every instance runs on its own, sharing nothing with its study's others (to measure what reuse saves). */
  readonly reuse?: boolean;
}

export async function runShard(engine: Engine, plan: BatchPlan, mine: readonly PlannedInstance[], dir: string,
  finished: ReadonlyMap<string, FinishedInstance>, opts: ShardOptions = {}): Promise<ShardRun> {
  const hashes = new Map<string, string>();
  const hashOf = async (path: string): Promise<string> => {
    let h = hashes.get(path);
    if (!h) hashes.set(path, (h = sha256(await readFile(path))));
    return h;
  };
  const nets = new Map<string, Network>();
  const lines = new Map(plan.lines.map((l) => [l.line, l]));
  const reuses = new Map<number, StudyReuse>();
  const reuseFor = (line: number): StudyReuse => {
    let r = reuses.get(line);
    if (!r) reuses.set(line, (r = new StudyReuse()));
    return r;
  };
  let ran = 0, skipped = 0;
  try {
    for (const inst of mine) {
      if (finished.has(inst.id)) {
        skipped++;
        opts.onProgress?.(ran + skipped, mine.length, inst.id);
        continue;
      }
      const line = lines.get(inst.line)!;
      const reuse = line.study && opts.reuse !== false ? reuseFor(inst.line) : undefined;
      const result = await engine.run(inst.spec, { ...(opts.signal ? { signal: opts.signal } : {}), ...(reuse ? { reuse } : {}) });
      const modelHashes: Record<string, string> = {};
      for (const p of line.modelPaths) modelHashes[p] = await hashOf(p);
      let mark: boolean | undefined;
      const study = line.study;
      if (study?.kind === 'orbit' && inst.place?.kind === 'orbit-state' && inst.spec.kind === 'radius') {
        const key = JSON.stringify(inst.spec.model);
        let net = nets.get(key);
        if (!net) nets.set(key, (net = (await loadModelRef(inst.spec.model)).state.net));
        mark = nearFold(net, inst.place.x, study.foldTolerance, inst.place.query === 'bl' ? result : undefined);
      }
      const f: FinishedInstance = { id: inst.id, textSha256: plan.textSha256, result, ...(mark !== undefined ? { nearFold: mark } : {}), modelHashes, finishedAt: Date.now() };
      await writeFinished(dir, f);
      ran++;
      opts.onFinished?.(f, ran + skipped, mine.length);
      opts.onProgress?.(ran + skipped, mine.length, inst.id);
    }
  } finally {
    for (const r of reuses.values()) r.dispose();
  }
  return { ran, skipped };
}
