/** The receptive field (or jump) of a merge: the largest of its inputs', axis by axis; null when all are vectors. */
import type { BlockInput } from '../core/block';

export function largest(inputs: readonly BlockInput[], pick: (i: BlockInput) => readonly [number, number] | null): readonly [number, number] | null {
  let best: [number, number] | null = null;
  for (const input of inputs) {
    const v = pick(input);
    if (!v) continue;
    best = best ? [Math.max(best[0], v[0]), Math.max(best[1], v[1])] : [v[0], v[1]];
  }
  return best;
}
