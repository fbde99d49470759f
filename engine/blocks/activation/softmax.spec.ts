/** Softmax over the last axis: class probabilities of the input's shape; no parameters, no MACs. */
import { defineBlock } from '../core/block';

export const softmax = defineBlock({
  type: 'softmax',
  family: 'activation',
  title: 'Softmax',
  doc: 'e^(x_i) / Σ_j e^(x_j) over the last axis: class probabilities. As the last block, training fuses it with the cross-entropy loss.',
  inputs: { min: 1, max: 1 },
  attributes: {},
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
  cardLabel: () => '',
});
