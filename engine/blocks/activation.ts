/**
 * Element-wise activations and softmax: the output has the input's shape, there are no parameters and no MACs.
 * (Backward, for the record: relu is the max gate max(0, x), routing the gradient where x > 0.)
 */
import { real } from './attributes';
import { defineBlock, type BlockDefinition } from './block';

function elementwise(type: string, title: string, doc: string): BlockDefinition {
  return defineBlock({
    type,
    family: 'activation',
    title,
    doc,
    inputs: { min: 1, max: 1 },
    attributes: {},
    infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
  });
}

export const relu = elementwise('relu', 'ReLU', 'max(0, x).');
export const sigmoid = elementwise('sigmoid', 'Sigmoid', '1 / (1 + e^(−x)).');
export const tanh = elementwise('tanh', 'Tanh', 'tanh(x).');
export const softmax = elementwise(
  'softmax',
  'Softmax',
  'e^(x_i) / Σ_j e^(x_j) over the last axis: class probabilities. As the last block, training fuses it with the cross-entropy loss.',
);

export const leakyrelu = defineBlock({
  type: 'leakyrelu',
  family: 'activation',
  title: 'Leaky ReLU',
  doc: 'x for x > 0, alpha·x otherwise.',
  inputs: { min: 1, max: 1 },
  attributes: { alpha: real('Slope for x < 0.', { min: 0, max: 1, fallback: 0.01 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
});

export const elu = defineBlock({
  type: 'elu',
  family: 'activation',
  title: 'ELU',
  doc: 'x for x > 0, alpha·(e^x − 1) otherwise.',
  inputs: { min: 1, max: 1 },
  attributes: { alpha: real('Saturation value for x → −∞ is −alpha.', { min: 0, max: 100, fallback: 1 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
});
