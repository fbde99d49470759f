/**
 * Layer normalisation (Ba, Kiros & Hinton 2016) over the last axis: the C channels at each pixel (or the N features
 * of a vector) are normalised by their own mean and variance, then scaled by γ and shifted by β per channel.
 * Nothing depends on the batch: training and evaluation compute the same thing, there are no running statistics.
 * 2·C trainable parameters; PyTorch's nn.LayerNorm(C) with ε = 1e-5 (what ConvNeXt applies at every pixel).
 */
import { real } from '../core/attributes';
import { defineBlock } from '../core/block';
import { label, numberPart } from '../core/cardLabel';

export const layernorm = defineBlock({
  type: 'layernorm',
  family: 'normalization',
  title: 'Layer Norm',
  doc: 'Normalises the channels at each position (or the vector) by their own mean and variance, then scales by γ and shifts by β.',
  inputs: { min: 1, max: 1 },
  attributes: {
    epsilon: real('Added to the variance before the square root.', { min: 0, max: 1, minOpen: true, fallback: 1e-5 }),
  },
  infer({ inputs }) {
    const shape = inputs[0].shape;
    const C = shape[shape.length - 1];
    const positions = shape.length === 3 ? `${shape[0]}·${shape[1]} = ${shape[0] * shape[1]} positions of ` : '';
    return {
      outputShape: shape,
      params: 2 * C,
      paramTensors: [
        { name: 'gamma', shape: [C], trainable: true },
        { name: 'beta', shape: [C], trainable: true },
      ],
      explanations: [
        { quantity: 'normalised over', formula: 'the last axis', substituted: `${positions}${C} values` },
        { quantity: 'params', formula: '2·C (γ, β)', substituted: `2·${C} = ${2 * C}` },
      ],
    };
  },
  cardLabel: (a) => label(numberPart(a, 'epsilon', 'ε')),
});
