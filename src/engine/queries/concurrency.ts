// Runs independent async jobs with at most `limit` in flight (one per solver worker), in input order.
// The first failure stops new jobs from starting and is rethrown once the running ones have settled.

export async function forEachConcurrently<T>(items: readonly T[], limit: number,
  run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        await run(items[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
