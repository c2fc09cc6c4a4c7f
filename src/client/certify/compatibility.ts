// Whether two networks can be compared, decided when the second one is selected (before any step or file): both
// queries evaluate the two on one domain, so they need the same inputs; a discrepancy max ‖f₁(x) − f₂(x)‖ also needs
// the same outputs (a transformation T with f₂ = T ∘ f₁ does not). Pure: unit-tested.
export interface NetworkShape {
  /** How the message names the model (its workspace-relative path). */
  readonly name: string;
  readonly inputCount: number;
  readonly outputCount?: number;
}

/** Why `a` and `b` cannot be compared (by `query`, when chosen), or undefined when they can. */
export function compareRefusal(a: NetworkShape, b: NetworkShape, query?: 'transform' | 'discrepancy'): string | undefined {
  if (a.inputCount !== b.inputCount) {
    return `${a.name} takes ${a.inputCount} inputs and ${b.name} takes ${b.inputCount}: networks compared on one domain need the same inputs.`;
  }
  if (query === 'discrepancy' && a.outputCount !== undefined && b.outputCount !== undefined && a.outputCount !== b.outputCount) {
    return `${a.name} has ${a.outputCount} outputs and ${b.name} has ${b.outputCount}: their discrepancy max ‖f₁(x) − f₂(x)‖ is undefined (Transformation still applies).`;
  }
  return undefined;
}
