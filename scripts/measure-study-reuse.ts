// Times a study's instances without and with a StudyReuse (engine/studies/studyReuse.ts), side by side in one run:
// each instance runs both ways, alternating which goes first, on one engine warmed up beforehand. Reports wall and
// CPU seconds (process.cpuUsage: every thread, the split workers' included) and the load average before and after,
// and checks that both ways give the same verdict and overlapping radius brackets (exit 1 if not).
//   node --import tsx scripts/measure-study-reuse.ts map 6      (a 6 × 6 r_BL map of the Brusselator over [0,3]×[0,4])
//   node --import tsx scripts/measure-study-reuse.ts orbit 40   (BL and PI at the 41 states of the orbit from P1)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createEngine } from '../src/engine/engine';
import { loadModelRef } from '../src/engine/dispatchQuery';
import { expandStudy } from '../src/engine/studies/expand';
import { StudyReuse } from '../src/engine/studies/studyReuse';
import type { ModelRef } from '../src/shared/querySpec';
import type { QueryResult } from '../src/shared/results';
import type { StudySpec } from '../src/shared/studies';

const model: ModelRef = { path: resolve(__dirname, '..', '..', 'shared', 'models', 'brusselator_param.onnx'), fixed: [[2, 2.1]] };
const domain: Array<[number, number]> = [[0, 3], [0, 4]];

function bracket(r: QueryResult): { status: string; lower: number; upper: number } {
  const x = r as { status: string; radiusLower?: number; radiusUpper?: number | null };
  return { status: x.status, lower: x.radiusLower ?? -Infinity, upper: x.radiusUpper ?? Infinity };
}

async function main(): Promise<void> {
  const kind = process.argv[2] === 'orbit' ? 'orbit' : 'map';
  const n = Number(process.argv[3] ?? (kind === 'map' ? 6 : 40));
  const study: StudySpec = kind === 'map'
    ? { kind: 'map', model, domain, axes: [0, 1], grid: [n, n] }
    : { kind: 'orbit', model, start: [1.96433, 1.24951], steps: n, queries: ['bl', 'pi'], domain, foldTolerance: 0.05 };
  const instances = expandStudy(study, (await loadModelRef(model)).state);
  const engine = createEngine();
  const reuse = new StudyReuse();
  try {
    // Worker threads and onnxruntime-web start here, counted in neither column.
    await engine.run(instances[0].spec);
    const totals = { without: { wall: 0, cpu: 0 }, with: { wall: 0, cpu: 0 } };
    let identical = 0, overlapping = 0, different = 0;
    const loadBefore = loadavg();
    for (const [k, inst] of instances.entries()) {
      const got: Partial<Record<'without' | 'with', QueryResult>> = {};
      for (const mode of k % 2 === 0 ? ['without', 'with'] as const : ['with', 'without'] as const) {
        const wall = performance.now();
        const cpu = process.cpuUsage();
        got[mode] = await engine.run(inst.spec, mode === 'with' ? { reuse } : {});
        const used = process.cpuUsage(cpu);
        totals[mode].wall += (performance.now() - wall) / 1000;
        totals[mode].cpu += (used.user + used.system) / 1e6;
      }
      const a = bracket(got.without!), b = bracket(got.with!);
      if (a.status === b.status && a.lower === b.lower && a.upper === b.upper) identical++;
      else if (a.status === b.status && a.lower <= b.upper && b.lower <= a.upper) overlapping++;
      else { different++; console.log(`DIFFERENT ${inst.key}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`); }
    }
    const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
    console.log(`${kind} ${n}: ${instances.length} instances; answers identical ${identical}, overlapping ${overlapping}, different ${different}`);
    console.log(`fold-free cells certified once for the study: ${reuse.certifiedFoldCells}`);
    for (const m of ['without', 'with'] as const) console.log(`${m.padEnd(7)} reuse: wall ${totals[m].wall.toFixed(1)} s, cpu ${totals[m].cpu.toFixed(1)} s`);
    console.log(`load average before ${load(loadBefore)}, after ${load(loadavg())}`);
    if (different > 0) process.exitCode = 1;
  } finally {
    reuse.dispose();
    await engine.dispose();
  }
}

void main();
