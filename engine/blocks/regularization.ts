/**
 * Dropout and batch normalisation: shape-preserving blocks that behave differently in training and evaluation.
 * Batchnorm normalises over the last axis (channels of an image, features of a vector):
 * 2·C trainable parameters (γ, β) and 2·C running statistics (mean, variance) that are not trained.
 */
import { real } from './attributes';
import { defineBlock } from './block';

export const dropout = defineBlock({
  type: 'dropout',
  family: 'regularization',
  title: 'Dropout',
  doc: 'During training zeroes each value with probability `rate` and scales the rest by 1/(1 − rate); identity in evaluation.',
  inputs: { min: 1, max: 1 },
  attributes: { rate: real('Probability of dropping a value.', { min: 0, max: 1, maxOpen: true, fallback: 0.5 }) },
  infer: ({ inputs }) => ({ outputShape: inputs[0].shape }),
});

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
});
