// Runs one case with one method on the bench's engine, with a wall-clock cap (an AbortSignal). A capped run is
// recorded as 'timeout' with its cap, so ratios against it are lower bounds.
import type { Engine } from '../src/engine/engine';
import { Cancelled, EngineError } from '../src/engine/errors';
import type { MatchMethod, QuerySpec, RadiusMethod } from '../src/shared/querySpec';
import type { QueryResult } from '../src/shared/results';

export interface Measurement {
  readonly method: string;
  readonly outcome: 'done' | 'timeout' | 'failed';
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** The answer; on a timeout, what the query had found when it was cancelled (if anything). */
  readonly result?: QueryResult;
  readonly error?: string;
}

export async function measure(spec: QuerySpec, method: RadiusMethod | MatchMethod | undefined, capSeconds: number, engine: Engine,
  perMilpSeconds: number, withBudget: boolean): Promise<Measurement> {
  // With a budget the query stops itself just inside the cap and reports 'unresolved' with its bounds.
  const budget = withBudget ? { budgetSeconds: Math.max(1, capSeconds - 2) } : {};
  const withMethod = { ...spec, ...(method ? { method } : {}), timeLimitSeconds: Math.min(perMilpSeconds, capSeconds), ...budget } as QuerySpec;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), capSeconds * 1000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const label = method ?? 'default';
  try {
    const result = await engine.run(withMethod, { signal: controller.signal });
    const seconds = (performance.now() - t0) / 1000;
    return { method: label, outcome: 'done', seconds, cpuSeconds: process.cpuUsage(cpu0).user / 1e6, result };
  } catch (e) {
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = process.cpuUsage(cpu0).user / 1e6;
    // A capped run keeps what it had found (its bracket so far), so it can still be compared and shown.
    const partial = e instanceof Cancelled && e.partial ? { result: e.partial } : {};
    if (controller.signal.aborted) return { method: label, outcome: 'timeout', seconds: capSeconds, cpuSeconds, ...partial };
    return { method: label, outcome: 'failed', seconds, cpuSeconds, error: e instanceof EngineError ? e.describe() : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
