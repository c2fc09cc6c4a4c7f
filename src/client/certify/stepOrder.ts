// Step numbering of a multi-step quick input whose steps depend on earlier answers (no "Values of fixed inputs"
// step when nothing is fixed, no "Radius" step for a radius query). Pure: unit-tested.

/** "Step k of n" for step `index` among the steps `active` says apply now (1-based k; inactive steps do not count). */
export function stepPosition(active: readonly boolean[], index: number): { step: number; totalSteps: number } {
  const step = active.slice(0, index).filter(Boolean).length + 1;
  return { step, totalSteps: active.filter(Boolean).length };
}

/** The next active step after `index` (active.length when none: the wizard is done). */
export function nextActive(active: readonly boolean[], index: number): number {
  let i = index + 1;
  while (i < active.length && !active[i]) i++;
  return i;
}
