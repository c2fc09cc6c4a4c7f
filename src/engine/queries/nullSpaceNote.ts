// The editor's note on a map that cannot be injective (more free inputs than outputs): the colliding pair the
// query itself would read off the Jacobian's null space first (nullSpacePair.ts), at the query's centre and in the
// box it searches, accepted by the one rule (verifyPair: float64 and onnxruntime-web against the model file).
// Runs in the language server's query worker (engine.nullSpaceNotePair), off the typing path.
import type { QuerySpec } from '../../shared/querySpec';
import type { Witness } from '../../shared/results';
import { loadModelRef } from '../dispatchQuery';
import { ballBox, boxFromSpec } from './box';
import { withCheckedModel } from './checkedModel';
import { DEFAULT_CERTIFY_TOLERANCE, certifyNullSpacePair } from './certify';
import { nullSpacePair } from './nullSpacePair';
import { defaultDomain } from './radius';

export type NullSpaceNoteSpec = Extract<QuerySpec, { kind: 'certify' | 'radius' }>;

/** The verified pair (PI: y is the centre), or null when none is read off the null space there. */
export async function nullSpaceNotePair(spec: NullSpaceNoteSpec, signal?: AbortSignal): Promise<Witness | null> {
  const m = await loadModelRef(spec.model);
  const center = Float64Array.from(spec.center);
  const overBudget = (): boolean => signal?.aborted === true;
  return withCheckedModel(m.state, m.bytes, async (model) => {
    const checked = { state: m.state, ortEvaluate: model.ortEvaluate };
    if (spec.kind === 'certify') {
      const q = { query: spec.query, center, radius: spec.radius, norm: spec.norm };
      return (await certifyNullSpacePair(checked, q, ballBox(center, spec.radius), DEFAULT_CERTIFY_TOLERANCE, overBudget))?.witness ?? null;
    }
    const box = spec.domain ? boxFromSpec(spec.domain) : defaultDomain(center);
    const check = { ...checked, box, norm: spec.norm, minSeparation: DEFAULT_CERTIFY_TOLERANCE };
    return (await nullSpacePair({ query: spec.query, center, check, overBudget }))?.witness ?? null;
  });
}
