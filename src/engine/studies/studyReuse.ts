// What a study's instances share, kept for the study by its caller: many radius queries on one model (same fixed
// inputs) and one domain redo work that depends only on (network, domain), never on the centre. Today that is the
// fold scan's fold-free cells (split/foldFreeCells.ts): cells of the domain on which the Jacobian certificate proves
// det DF keeps one sign. One instance's scan certifies them where it looks; every later scan over the same domain
// reads their proved sign instead of evaluating Jacobians there. No global cache: the caller creates one StudyReuse
// per study, passes it to each engine.run(spec, { reuse }) of that study, and disposes it with the study.
// Sound by construction: entries are keyed by the restricted network's own weights (the model with its fixed inputs
// folded in), so a query on another model, other fixed values or a pruned copy never reads them, and a fold-free
// cell is a proof about the network on that cell, whichever centre asked. The answers are the ones without reuse
// (foldScan.ts: a proved sign is the sign the scan would have evaluated).
import { createHash } from 'node:crypto';
import type { Box } from '../bounds/types';
import type { Network } from '../ir/network';
import { FoldFreeCells } from '../split/foldFreeCells';
import { detField } from '../split/foldScan';

/**
 * Finest level of a study's fold-free cells: at most 2^12 cells (64 × 64 in 2-D, 16³ in 3-D), certified lazily where
 * the scans look. Finer than one scan's own (2^9), since every cell is certified once for the whole study.
 */
export const STUDY_FOLD_CELL_BITS = 12;

export class StudyReuse {
  private readonly foldCellsByKey = new Map<string, FoldFreeCells>();
  private readonly netKeys = new WeakMap<Network, string>();
  private disposed = false;

  /**
   * The fold-free cells of `domain` for `net`, shared by every instance of the study on the same network and domain;
   * undefined once the study is disposed (the query then scans on its own, as without reuse).
   */
  foldCells(net: Network, domain: Box): FoldFreeCells | undefined {
    if (this.disposed || net.outputSize !== net.inputSize) return undefined;
    const key = `${this.keyOf(net)}|${Array.from(domain.lower).join(',')}|${Array.from(domain.upper).join(',')}`;
    let cells = this.foldCellsByKey.get(key);
    if (!cells) this.foldCellsByKey.set(key, (cells = new FoldFreeCells(net, domain, Infinity, detField(net), STUDY_FOLD_CELL_BITS)));
    return cells;
  }

  /** Fold-free cells certified so far, over every (network, domain) of the study. */
  get certifiedFoldCells(): number {
    let k = 0;
    for (const cells of this.foldCellsByKey.values()) k += cells.certifiedCells;
    return k;
  }

  /** Drops everything kept; later queries given this object run as without reuse. */
  dispose(): void {
    this.disposed = true;
    this.foldCellsByKey.clear();
  }

  /** SHA-256 of the network's layers: equal for two loads of one model with the same fixed inputs. */
  private keyOf(net: Network): string {
    let key = this.netKeys.get(net);
    if (key) return key;
    const h = createHash('sha256').update(`${net.inputSize}:${net.outputSize}:${net.layers.length}`);
    for (const l of net.layers) {
      h.update(`|${l.inSize}x${l.outSize}:${l.relu ? 1 : 0}:`);
      h.update(new Uint8Array(l.weights.buffer, l.weights.byteOffset, l.weights.byteLength));
      h.update(new Uint8Array(l.bias.buffer, l.bias.byteOffset, l.bias.byteLength));
      if (l.passThrough) h.update(l.passThrough);
    }
    this.netKeys.set(net, (key = h.digest('hex')));
    return key;
  }
}
