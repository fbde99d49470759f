/** Dropout: shape-preserving, random in training (inverted dropout), the identity in evaluation. */
import { real } from '../core/attributes';
import { defineBlock } from '../core/block';
import { label, numberPart } from '../core/cardLabel';

export const dropout = defineBlock({
  type: 'dropout',
  family: 'regularization',
  title: 'Dropout',
  doc: 'During training zeroes each value with probability `rate` and scales the rest by 1/(1 − rate); identity in evaluation.',
  inputs: { min: 1, max: 1 },
  attributes: { rate: real('Probability of dropping a value.', { min: 0, max: 1, maxOpen: true, fallback: 0.5 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
  cardLabel: (a) => label(numberPart(a, 'rate', 'rate')),
});
