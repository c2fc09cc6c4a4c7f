// computeBounds on real models gives, for each method, the very bounds the per-method functions gave before it
// became the one entry point (digests recorded from intervalBounds, crownBounds and tightenBounds(…, 'lp') on the
// same boxes), and a parent box's bounds as reference only ever tighten a cell's (α,β-CROWN's input split).
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BOUND_METHODS, computeBounds } from '../../src/engine/bounds';
import type { BoundMethod, Box, NetworkBounds } from '../../src/engine/bounds';
import { preActivations } from '../../src/engine/ir/forward';
import { fixInputs } from '../../src/engine/ir/fixInputs';
import type { Network } from '../../src/engine/ir/network';
import { loadOnnxModel } from '../../src/engine/onnx';
import { SolverPool } from '../../src/engine/solver';
import { seededRandom } from '../helpers/rng';
import { sharedModel, skipWithoutSharedModels } from '../helpers/sharedModels';

const pool = new SolverPool({ size: 1 });
after(() => pool.dispose());

/** The first 16 hex digits of SHA-256 over every layer's lower then upper bounds, as float64 bytes: equal only when identical. */
function digest(bounds: NetworkBounds): string {
  const h = createHash('sha256');
  for (const l of bounds) for (const v of [l.lower, l.upper]) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  return h.digest('hex').slice(0, 16);
}

async function network(file: string, fixed: ReadonlyArray<[number, number]>): Promise<Network> {
  return fixInputs(await loadOnnxModel(sharedModel(file)), new Map(fixed)).net;
}

const box = (lower: number[], upper: number[]): Box => ({ lower: Float64Array.from(lower), upper: Float64Array.from(upper) });

const CASES: ReadonlyArray<{ file: string; fixed: Array<[number, number]>; box: Box; digests: Record<BoundMethod, string> }> = [
  {
    file: 'brusselator_param.onnx', fixed: [[2, 2.1]], box: box([0, 0], [3, 4]),
    digests: { interval: '0505ec16bac22ec8', crown: '2e0c65a39ebf1825', lp: '44533ef43e5593f6' },
  },
  {
    file: 'vnncomp2022_vdp.onnx', fixed: [], box: box([-1, -1, -1], [1, 1, 1]),
    digests: { interval: '1e678a195d940b9d', crown: '1d759f60278b231a', lp: '81a7d5fb7b59f5d7' },
  },
];

for (const c of CASES) {
  void test(`computeBounds gives the same bounds as before for each method (${c.file} on ${Array.from(c.box.lower).join(',')}..${Array.from(c.box.upper).join(',')})`, { skip: skipWithoutSharedModels }, async () => {
    const net = await network(c.file, c.fixed);
    for (const method of BOUND_METHODS) {
      assert.equal(digest(await computeBounds(net, c.box, { method, pool })), c.digests[method], method);
    }
  });
}

void test("'crown' on a Brusselator cell with the whole box's bounds as reference is never looser than them and contains the cell's samples", { skip: skipWithoutSharedModels }, async () => {
  const net = await network('brusselator_param.onnx', [[2, 2.1]]);
  const whole = box([0, 0], [3, 4]);
  const cell = box([0.75, 2], [1.5, 3]);
  for (const refMethod of BOUND_METHODS) {
    const reference = await computeBounds(net, whole, { method: refMethod, pool });
    const b = computeBounds(net, cell, { method: 'crown', reference });
    b.forEach((layer, k) => {
      for (let i = 0; i < layer.lower.length; i++) {
        assert.ok(layer.lower[i] >= reference[k].lower[i] && layer.upper[i] <= reference[k].upper[i],
          `layer ${k} neuron ${i}: [${layer.lower[i]}, ${layer.upper[i]}] looser than the ${refMethod} reference`);
      }
    });
    const rand = seededRandom(9);
    for (let s = 0; s < 500; s++) {
      const x = Float64Array.from([0, 1], (j) => cell.lower[j] + (s < 4 ? (s >> j) & 1 : rand()) * (cell.upper[j] - cell.lower[j]));
      preActivations(net, x).forEach((z, k) => {
        for (let i = 0; i < z.length; i++) {
          assert.ok(z[i] >= b[k].lower[i] && z[i] <= b[k].upper[i], `layer ${k} neuron ${i} = ${z[i]} outside [${b[k].lower[i]}, ${b[k].upper[i]}] at x = ${Array.from(x).join(', ')}`);
        }
      });
    }
  }
});
