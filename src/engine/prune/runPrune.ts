// The prune query: per level, prune by magnitude, write the copy as ONNX, read it back (so the analysed
// network is exactly the file), then the certified discrepancy against the original over the box and the
// BL safety radius at the centre. Returns a table (QueryResult.prune).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Box } from '../bounds/types';
import { InvalidArgument } from '../errors';
import { fixInputs } from '../ir/fixInputs';
import { parseOnnx, writeOnnx } from '../onnx';
import type { NormName, PruneRow, QueryResult } from '../../shared/results';
import type { QueryContext } from '../queries/context';
import { boxPairs, fmt } from '../queries/certifyPair';
import { runMatch } from '../queries/match';
import { runRadius } from '../queries/radius';
import { pruneByMagnitude } from './magnitude';

export interface PruneQuery {
  readonly levels: readonly number[];
  readonly outDir: string;
  readonly box: Box;
  readonly norm: NormName;
  readonly center?: Float64Array;
}

export async function runPrune(ctx: QueryContext, q: PruneQuery): Promise<QueryResult> {
  const started = Date.now();
  const n = ctx.state.net.inputSize;
  if (q.box.lower.length !== n) throw new InvalidArgument(`--box has ${q.box.lower.length} entries, the model has ${n} free inputs`);
  if (q.levels.length === 0) throw new InvalidArgument('--levels needs at least one percentage');
  const center = q.center ?? q.box.lower.map((lo, i) => (lo + q.box.upper[i]) / 2);
  mkdirSync(q.outDir, { recursive: true });
  const stem = basename(ctx.state.original.source).replace(/\.onnx$/i, '');
  const rows: PruneRow[] = [];
  for (const [i, level] of q.levels.entries()) {
    const t0 = Date.now();
    ctx.onProgress?.({ phase: 'prune', message: `pruning ${level}%`, fraction: i / q.levels.length });
    const pruned = pruneByMagnitude(ctx.state.original, level);
    const bytes = writeOnnx(pruned);
    const file = join(q.outDir, `${stem}_pruned${level}.onnx`);
    writeFileSync(file, bytes);
    const state = fixInputs(parseOnnx(bytes, file), ctx.state.fixed);
    const disc = await runMatch(ctx, { kind: 'discrepancy', a: ctx.state, b: state, box: q.box });
    const rad = await runRadius({ ...ctx, state, modelBytes: bytes }, { query: 'bl', center, norm: q.norm === '2' ? 'inf' : q.norm, domain: q.box });
    rows.push({
      level, file,
      discrepancy: disc.status === 'error' || disc.status === 'unresolved' ? null : disc.objective,
      discrepancyBound: disc.bound,
      radius: rad.radius ?? null, radiusLower: rad.radiusLower ?? null, radiusStatus: rad.status,
      seconds: (Date.now() - t0) / 1000,
    });
  }
  const allCertified = rows.every((r) => r.discrepancy !== null && r.radiusStatus === 'certified');
  return {
    query: 'prune', status: allCertified ? 'certified' : 'unresolved', norm: q.norm, objective: null, bound: null, gap: null, tolerance: 1e-6,
    center: Array.from(center), domain: boxPairs(q.box), prune: rows,
    stats: { binaries: 0, unstable: 0, nodes: 0, seconds: (Date.now() - started) / 1000, method: 'prune', solves: rows.length },
    message: `pruned at ${q.levels.join(', ')}%: ${rows.map((r) => `${r.level}% → discrepancy ${r.discrepancy === null ? '?' : fmt(r.discrepancy)}, radius ${radiusText(r)}`).join('; ')}`,
  };
}

/** The row's radius in words: the number when it is the radius, "≥ lower" when only that is proved. */
function radiusText(r: PruneRow): string {
  if (r.radius !== null) return fmt(r.radius);
  return r.radiusLower !== null && r.radiusLower > 0 ? `≥ ${fmt(r.radiusLower)}` : '?';
}
