// `npm run bench -- --budget-overshoot [SECONDS]`: every case once with the default method under a fixed small
// whole-query budget (default 2 s), printing how far past the budget each returned (elapsed − budget) and the
// worst and median. The target is at most max(1 s, 10 % of the budget). A safety abort at budget + 60 s records
// a case that ignores its budget altogether as 'runaway'.
import type { Engine } from '../src/engine/engine';
import type { QuerySpec } from '../src/shared/querySpec';
import type { BenchCase } from './cases';

const RUNAWAY_SECONDS = 60;

interface OvershootRow { readonly name: string; readonly status: string; readonly elapsed: number; readonly overshoot: number }

export async function runOvershoot(cases: readonly BenchCase[], budgetSeconds: number, engine: Engine): Promise<void> {
  console.log(`budget overshoot: ${cases.length} cases, budget ${budgetSeconds} s each, target ≤ ${Math.max(1, 0.1 * budgetSeconds)} s over`);
  const rows: OvershootRow[] = [];
  for (const c of cases) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), (budgetSeconds + RUNAWAY_SECONDS) * 1000);
    const t0 = performance.now();
    let status: string;
    try {
      const spec: QuerySpec = { ...c.spec, budgetSeconds };
      const r = await engine.run(spec, { signal: controller.signal });
      status = r.status;
    } catch (e) {
      status = controller.signal.aborted ? 'runaway' : `failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      clearTimeout(timer);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const row = { name: c.name, status, elapsed, overshoot: elapsed - budgetSeconds };
    rows.push(row);
    console.log(`  ${c.name}: ${status} in ${elapsed.toFixed(2)} s (${row.overshoot >= 0 ? '+' : ''}${row.overshoot.toFixed(2)} s)`);
  }
  const over = rows.map((r) => r.overshoot).sort((a, b) => a - b);
  if (over.length === 0) return;
  const worst = rows.reduce((w, r) => (r.overshoot > w.overshoot ? r : w));
  console.log('');
  console.log(`overshoot (elapsed − budget): worst ${worst.overshoot.toFixed(2)} s (${worst.name}), median ${median(over).toFixed(2)} s; ` +
    `${rows.filter((r) => r.overshoot > Math.max(1, 0.1 * budgetSeconds)).length}/${rows.length} cases past the target`);
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 === 1 ? v[(v.length - 1) / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
}
