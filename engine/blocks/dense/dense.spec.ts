/**
 * Dense, the fully connected block (lecture 5's FC layer). On an image input it flattens implicitly in H·W·C order,
 * as the lecture stretches 32×32×3 to 3072: every output sees every input.
 *   params (n_in + 1)·units, MACs n_in·units
 */
import { flag, int } from '../core/attributes';
import { defineBlock } from '../core/block';
import { biasPart, label } from '../core/cardLabel';
import { flattened } from '../core/flattened';
import { formatCount } from '../../shape/format';

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
  cardLabel: (a) => label(typeof a.units === 'number' ? [`${a.units} units`] : [], biasPart(a)),
});
