// Runs one shard's instances on the engine, one at a time (each query already uses the machine's cores: the solver
// pool and the split workers), writing each result as soon as it is in; instances already finished in the folder
// are skipped. Ctrl-C (or a cancel) stops at the running instance, which is not written.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Engine } from '../../engine/engine';
import { loadModelRef } from '../../engine/dispatchQuery';
import type { Network } from '../../engine/ir/network';
import { nearFold } from '../../engine/studies/foldMark';
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
}

export async function runShard(engine: Engine, plan: BatchPlan, mine: readonly PlannedInstance[], dir: string,
  finished: ReadonlyMap<string, FinishedInstance>, opts: ShardOptions = {}): Promise<ShardRun> {
  const hashes = new Map<string, string>();
  const hashOf = async (path: string): Promise<string> => {
    let h = hashes.get(path);
    if (!h) hashes.set(path, (h = createHash('sha256').update(await readFile(path)).digest('hex')));
    return h;
  };
  const nets = new Map<string, Network>();
  const lines = new Map(plan.lines.map((l) => [l.line, l]));
  let ran = 0, skipped = 0;
  for (const inst of mine) {
    if (finished.has(inst.id)) {
      skipped++;
      opts.onProgress?.(ran + skipped, mine.length, inst.id);
      continue;
    }
    const result = await engine.run(inst.spec, opts.signal ? { signal: opts.signal } : {});
    const line = lines.get(inst.line)!;
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
    await writeFinished(dir, { id: inst.id, textSha256: plan.textSha256, result, ...(mark !== undefined ? { nearFold: mark } : {}), modelHashes, finishedAt: Date.now() });
    ran++;
    opts.onProgress?.(ran + skipped, mine.length, inst.id);
  }
  return { ran, skipped };
}
