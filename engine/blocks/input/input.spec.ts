/** The graph's input: a shape and nothing else. Receptive field 1 pixel, jump 1. */
import { shape } from '../core/attributes';
import { defineBlock } from '../core/block';
import { formatShape } from '../../shape/format';
import { isImageShape } from '../../shape/types';

export const input = defineBlock({
  type: 'input',
  family: 'input',
  title: 'Input',
  doc: 'The network input: [height, width, channels] for images (e.g. [32, 32, 3]) or [features] for vectors.',
  inputs: { min: 0, max: 0 },
  attributes: {
    shape: shape('Input shape: [height, width, channels] or [features].', [32, 32, 3]),
  },
  infer({ attrs }) {
    const image = isImageShape(attrs.shape);
    return {
      outputShape: attrs.shape,
      receptiveField: image ? [1, 1] : null,
      jump: image ? [1, 1] : null,
    };
  },
  cardLabel: (a) => (Array.isArray(a.shape) && a.shape.every((d) => typeof d === 'number') ? formatShape(a.shape) : ''),
});
