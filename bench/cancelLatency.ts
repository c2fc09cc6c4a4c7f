// `npm run bench -- --cancel-latency [SECONDS,...]`: every case started with the default method and cancelled (its
// AbortSignal fired, as Ctrl-C and the editor's Cancel do) at each fixed time (default 0.5 s and 2 s), printing the
// time from the abort to the returned result (resolved, or rejected with the cancel), and the worst and median.
// The target is at most 1 s. A case that finished before the abort is listed but not counted. A safety cap of 60 s
// after the abort records a case that ignores its cancel as 'runaway'.
import type { Engine } from '../src/engine/engine';
import type { BenchCase } from './cases';
import { median } from './overshoot';

const RUNAWAY_SECONDS = 60;
/** The stated cancel target: a cancelled query returns within this. */
const TARGET_SECONDS = 1;

interface LatencyRow { readonly name: string; readonly abortAt: number; readonly outcome: string; readonly latency: number | null }

export function parseAbortTimes(text: string | null): number[] {
  const times = (text ?? '').split(',').map(Number).filter((t) => t > 0 && Number.isFinite(t));
  return times.length > 0 ? times : [0.5, 2];
}

export async function runCancelLatency(cases: readonly BenchCase[], abortTimes: readonly number[], engine: Engine): Promise<void> {
  console.log(`cancel latency: ${cases.length} cases, cancelled at ${abortTimes.join(' s and ')} s, target ≤ ${TARGET_SECONDS} s from the abort to the result`);
  const rows: LatencyRow[] = [];
  for (const abortAt of abortTimes) {
    for (const c of cases) {
      const row = await cancelOnce(c, abortAt, engine);
      rows.push(row);
      console.log(`  ${c.name} @ ${abortAt} s: ${row.outcome}${row.latency === null ? '' : `, returned ${row.latency.toFixed(3)} s after the abort`}`);
    }
  }
  console.log('');
  for (const abortAt of abortTimes) {
    const cancelled = rows.filter((r) => r.abortAt === abortAt && r.latency !== null);
    if (cancelled.length === 0) { console.log(`@ ${abortAt} s: every case finished before the abort`); continue; }
    const worst = cancelled.reduce((w, r) => ((r.latency ?? 0) > (w.latency ?? 0) ? r : w));
    console.log(`@ ${abortAt} s: abort → result worst ${(worst.latency ?? 0).toFixed(3)} s (${worst.name}), median ${median(cancelled.map((r) => r.latency ?? 0)).toFixed(3)} s; ` +
      `${cancelled.length} cancelled, ${rows.filter((r) => r.abortAt === abortAt).length - cancelled.length} finished first; ` +
      `${cancelled.filter((r) => (r.latency ?? 0) > TARGET_SECONDS).length} past the target`);
  }
}

async function cancelOnce(c: BenchCase, abortAt: number, engine: Engine): Promise<LatencyRow> {
  const controller = new AbortController();
  let abortedAt: number | null = null;
  const abort = setTimeout(() => { abortedAt = performance.now(); controller.abort(); }, abortAt * 1000);
  const runaway = new AbortController();
  const cap = setTimeout(() => runaway.abort(), (abortAt + RUNAWAY_SECONDS) * 1000);
  let outcome: string;
  try {
    const r = await Promise.race([
      engine.run(c.spec, { signal: controller.signal }),
      new Promise<never>((_, reject) => runaway.signal.addEventListener('abort', () => reject(new Error('runaway')), { once: true })),
    ]);
    outcome = abortedAt === null ? `finished first (${r.status})` : `returned ${r.status}`;
  } catch (e) {
    outcome = runaway.signal.aborted ? 'runaway' : abortedAt !== null ? `cancelled (${(e as { partial?: { status?: string } }).partial?.status ?? 'no partial'})` : `failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    clearTimeout(abort);
    clearTimeout(cap);
  }
  const end = performance.now();
  const at: number | null = abortedAt;
  return { name: c.name, abortAt, outcome, latency: at === null ? null : (end - at) / 1000 };
}
