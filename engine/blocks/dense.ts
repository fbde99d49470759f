/**
 * Fully connected blocks (lecture 5's FC layer). On an image input they flatten implicitly in H·W·C order, as
 * the lecture stretches 32×32×3 to 3072: every output sees every input.
 *   dense:  params (n_in + 1)·units, MACs n_in·units
 *   maxout: h_i(x) = max_j (xᵀW_ij + b_ij), params (n_in + 1)·units·pieces, MACs n_in·units·pieces
 */
import { flag, int } from './attributes';
import { defineBlock } from './block';
import { formatCount, formatShape, product } from '../shape/format';
import type { Explanation, Shape } from '../shape/types';
import { isImageShape } from '../shape/types';

/** The number of features a shape flattens to, and how that number came about. */
function flattened(shape: Shape): { n: number; explanation: Explanation | null } {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!isImageShape(shape)) return { n, explanation: null };
  return {
    n,
    explanation: { quantity: 'inputs (flattened)', formula: 'n_in = H·W·C', substituted: `${product(shape)} = ${formatCount(n)}` },
  };
}

export const dense = defineBlock({
  type: 'dense',
  family: 'dense',
  title: 'Dense',
  doc: 'Fully connected: every output unit is a weighted sum of every input (images flatten implicitly).',
  inputs: { min: 1, max: 1 },
  attributes: {
    units: int('Number of output units.', { example: 64 }),
    bias: flag('Whether each unit adds a bias.', true),
  },
  infer({ attrs, inputs }) {
    const { n, explanation } = flattened(inputs[0].shape);
    const params = n * attrs.units + (attrs.bias ? attrs.units : 0);
    const macs = n * attrs.units;
    return {
      outputShape: [attrs.units],
      params,
      macs,
      receptiveField: null,
      jump: null,
      paramTensors: [
        { name: 'weight', shape: [n, attrs.units], trainable: true },
        ...(attrs.bias ? [{ name: 'bias', shape: [attrs.units], trainable: true }] : []),
      ],
      explanations: [
        ...(explanation ? [explanation] : []),
        attrs.bias
          ? { quantity: 'params', formula: '(n_in + 1)·units', substituted: `(${formatCount(n)} + 1)·${attrs.units} = ${formatCount(params)}` }
          : { quantity: 'params', formula: 'n_in·units (no bias)', substituted: `${formatCount(n)}·${attrs.units} = ${formatCount(params)}` },
        { quantity: 'MACs', formula: 'n_in·units', substituted: `${formatCount(n)}·${attrs.units} = ${formatCount(macs)}` },
      ],
    };
  },
});

export const flatten = defineBlock({
  type: 'flatten',
  family: 'reshape',
  title: 'Flatten',
  doc: 'Stretches an H×W×C image into a vector of H·W·C features (row by row, channels innermost).',
  inputs: { min: 1, max: 1 },
  attributes: {},
  infer({ inputs }) {
    const { n, explanation } = flattened(inputs[0].shape);
    return {
      outputShape: [n],
      receptiveField: null,
      jump: null,
      explanations: explanation ? [explanation] : [{ quantity: 'output', formula: 'unchanged', substituted: formatShape(inputs[0].shape) }],
    };
  },
});

export const maxout = defineBlock({
  type: 'maxout',
  family: 'activation',
  title: 'Maxout',
  doc: 'Maxout: each of `units` outputs is the max of `pieces` linear functions of the input, hᵢ(x) = maxⱼ (xᵀWᵢⱼ + bᵢⱼ).',
  inputs: { min: 1, max: 1 },
  attributes: {
    units: int('Number of output units.', { example: 16 }),
    pieces: int('Linear pieces per unit (k); the max of k lines is a convex piecewise-linear function.', { example: 3, max: 1024 }),
  },
  infer({ attrs, inputs }) {
    const { n, explanation } = flattened(inputs[0].shape);
    const lines = attrs.units * attrs.pieces;
    const params = (n + 1) * lines;
    const macs = n * lines;
    return {
      outputShape: [attrs.units],
      params,
      macs,
      receptiveField: null,
      jump: null,
      paramTensors: [
        { name: 'weight', shape: [n, lines], trainable: true },
        { name: 'bias', shape: [lines], trainable: true },
      ],
      explanations: [
        ...(explanation ? [explanation] : []),
        {
          quantity: 'params',
          formula: '(n_in + 1)·units·pieces',
          substituted: `(${formatCount(n)} + 1)·${attrs.units}·${attrs.pieces} = ${formatCount(params)}`,
        },
        { quantity: 'MACs', formula: 'n_in·units·pieces', substituted: `${formatCount(n)}·${attrs.units}·${attrs.pieces} = ${formatCount(macs)}` },
      ],
    };
  },
});
