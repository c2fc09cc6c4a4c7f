// The editor's note on a map that cannot be injective (more free inputs than outputs): the colliding pair the
// query itself would read off the Jacobian's null space first (nullSpacePair.ts), at the query's centre and in the
// box it searches, accepted by the one rule (verifyPair: float64 and onnxruntime-web against the model file).
// Runs in the language server's query worker (engine.nullSpaceNotePair), off the typing path.
import type { QuerySpec } from '../../shared/querySpec';
import type { Witness } from '../../shared/results';
import { ballMembership } from '../norms/norm';
import { loadModelRef } from '../dispatchQuery';
import { ballBox, boxFromSpec } from './box';
import { withCheckedModel } from './checkedModel';
import { DEFAULT_CERTIFY_TOLERANCE } from './certify';
import { nullSpacePair } from './nullSpacePair';
import { defaultDomain } from './radius';

export type NullSpaceNoteSpec = Extract<QuerySpec, { kind: 'certify' | 'radius' }>;

/** The verified pair (PI: y is the centre), or null when none is read off the null space there. */
export async function nullSpaceNotePair(spec: NullSpaceNoteSpec, signal?: AbortSignal): Promise<Witness | null> {
  const m = await loadModelRef(spec.model);
  const center = Float64Array.from(spec.center);
  // The box the query searches: certify's ball, a radius query's domain (by default the box around the centre).
  const box = spec.kind === 'certify' ? ballBox(center, spec.radius) : spec.domain ? boxFromSpec(spec.domain) : defaultDomain(center);
  const inDomain = spec.kind === 'certify' ? ballMembership(center, spec.radius, spec.norm) : undefined;
  return withCheckedModel(m.state, m.bytes, async (model) => {
    const check = { state: m.state, box, norm: spec.norm, minSeparation: DEFAULT_CERTIFY_TOLERANCE, ortEvaluate: model.ortEvaluate, ...(inDomain ? { inDomain } : {}) };
    const found = await nullSpacePair({ query: spec.query, center, check, overBudget: () => signal?.aborted === true });
    return found?.witness ?? null;
  });
}
