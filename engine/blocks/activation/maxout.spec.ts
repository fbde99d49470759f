/**
 * Maxout (Goodfellow et al. 2013): h_i(x) = max_j (xᵀW_ij + b_ij), a learned convex piecewise-linear activation
 * with its own affine map. An image input flattens implicitly (H·W·C).
 *   params (n_in + 1)·units·pieces, MACs n_in·units·pieces
 */
import { int } from '../core/attributes';
import { defineBlock } from '../core/block';
import { flattened } from '../core/flattened';
import { formatCount } from '../../shape/format';

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
  cardLabel: (a) => (typeof a.units === 'number' && typeof a.pieces === 'number' ? `${a.units} units × ${a.pieces} pieces` : ''),
  heInit: true,
});
