// The det-sign scan of the BL radius (foldScan.ts) resolves the fold relative to its distance from the centre, not
// to the search cap: inside the sweep's box [0,3]×[0,4] (cap 1.04 at P1) it finds the fold and the colliding pair
// that the default domain (cap 10) finds, for about as many determinants, where a lattice scaled to the cap took
// seven times as many (92,000 against 12,400) and dominated every level's radius.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOnnxModel } from '../../src/engine/onnx';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import { nearestFold } from '../../src/engine/split/foldScan';
import { inscribedRadius } from '../../src/engine/queries/box';
import type { Box } from '../../src/engine/bounds/types';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const P1 = Float64Array.of(1.96433, 1.24951);
const TOLERANCE = 1e-3;

/** The scan as blRadius runs it (its step and refinement), on `domain`. */
function scan(net: Parameters<typeof nearestFold>[0], domain: Box): NonNullable<ReturnType<typeof nearestFold>> {
  const cap = inscribedRadius(P1, domain);
  const step = Math.max((2 * cap) / Math.pow(2e5, 1 / 2), TOLERANCE / 2);
  const fold = nearestFold(net, P1, domain, cap, step, 1e-4, TOLERANCE / 4);
  assert.ok(fold, 'no fold found around P1');
  return fold;
}

void test('the fold scan in a small box around P1 finds the default domain\'s fold and pair, for about as many determinants', { skip: skipWithoutSharedModels }, async () => {
  const net = fixInputs(await loadOnnxModel(sharedModel('brusselator_param.onnx')), new Map([[2, 2.1]])).net;
  const inBox = scan(net, { lower: Float64Array.of(0, 0), upper: Float64Array.of(3, 4) });
  const wide = scan(net, { lower: P1.map((v) => v - 10), upper: P1.map((v) => v + 10) });
  assert.ok(Math.abs(inBox.distance - wide.distance) < 1e-9, `fold at ${inBox.distance} in the box, ${wide.distance} on the default domain`);
  assert.ok(inBox.collision && wide.collision, 'a colliding pair across the fold');
  const reach = (f: typeof inBox): number => Math.max(...[0, 1].map((i) => Math.max(Math.abs(f.collision!.x[i] - P1[i]), Math.abs(f.collision!.y[i] - P1[i]))));
  assert.ok(Math.abs(reach(inBox) - reach(wide)) < 1e-9, `pair reach ${reach(inBox)} against ${reach(wide)}`);
  // The radius lies just below the fold (README: [0.655445, 0.656045]).
  assert.ok(Math.abs(inBox.distance - 0.65547) < 1e-5, `fold at ${inBox.distance}`);
  assert.ok(inBox.determinants < 3 * wide.determinants, `${inBox.determinants} determinants in the box against ${wide.determinants} on the default domain`);
});
