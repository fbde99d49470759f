/**
 * Batch normalisation over the last axis (channels of an image, features of a vector): batch statistics in
 * training, running statistics in evaluation. 2·C trainable parameters (γ, β) and 2·C running statistics
 * (mean, variance) that are not trained.
 */
import { real } from '../core/attributes';
import { defineBlock } from '../core/block';
import { label, numberPart } from '../core/cardLabel';

export const batchnorm = defineBlock({
  type: 'batchnorm',
  family: 'normalization',
  title: 'Batch Norm',
  doc: 'Normalises each channel with batch statistics in training (running statistics in evaluation), then scales by γ and shifts by β.',
  inputs: { min: 1, max: 1 },
  attributes: {
    epsilon: real('Added to the variance before the square root.', { min: 0, max: 1, minOpen: true, fallback: 1e-3 }),
    momentum: real('Running statistics: running = momentum·running + (1 − momentum)·batch (Keras convention).', {
      min: 0,
      max: 1,
      maxOpen: true,
      fallback: 0.99,
    }),
  },
  infer({ inputs }) {
    const shape = inputs[0].shape;
    const C = shape[shape.length - 1];
    return {
      outputShape: shape,
      params: 2 * C,
      nonTrainableParams: 2 * C,
      paramTensors: [
        { name: 'gamma', shape: [C], trainable: true },
        { name: 'beta', shape: [C], trainable: true },
        { name: 'running_mean', shape: [C], trainable: false },
        { name: 'running_var', shape: [C], trainable: false },
      ],
      explanations: [
        { quantity: 'params', formula: '2·C (γ, β)', substituted: `2·${C} = ${2 * C}` },
        { quantity: 'non-trainable params', formula: '2·C (running mean, variance)', substituted: `2·${C} = ${2 * C}` },
      ],
    };
  },
  cardLabel: (a) => label(numberPart(a, 'momentum', 'momentum')),
});
