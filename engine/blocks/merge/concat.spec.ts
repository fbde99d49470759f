/**
 * `concat` stacks inputs along channels (the Inception module) or joins vectors, in the order of their edges in the
 * file. Its receptive field is the largest of its inputs'.
 */
import { defineBlock } from '../core/block';
import { diagnostic } from '../../shape/diagnostics';
import { formatShape } from '../../shape/format';
import { isImageShape } from '../../shape/types';
import { largest } from './largest';

export const concat = defineBlock({
  type: 'concat',
  family: 'merge',
  title: 'Concat',
  doc: 'Stacks inputs along channels (images of one H×W) or joins vectors, in the order of their edges in the file.',
  inputs: { min: 2, max: Infinity },
  attributes: {},
  infer({ node, inputs }) {
    const list = inputs.map((i) => `'${i.id}' ${formatShape(i.shape)}`).join(', ');
    const images = inputs.filter((i) => isImageShape(i.shape));
    if (images.length !== 0 && images.length !== inputs.length) {
      return {
        outputShape: null,
        diagnostics: [
          diagnostic(node.id, 'error', 'concat-mismatch', `concat cannot join images with vectors: ${list}. Flatten the images first.`),
        ],
      };
    }
    const depths = inputs.map((i) => i.shape[i.shape.length - 1]);
    const total = depths.reduce((a, b) => a + b, 0);
    const explanation = { quantity: 'output channels', formula: 'C = C₁ + C₂ + …', substituted: `${depths.join(' + ')} = ${total}` };
    if (images.length === 0) {
      return { outputShape: [total], receptiveField: null, jump: null, explanations: [explanation] };
    }
    const [H, W] = inputs[0].shape;
    if (inputs.some((i) => i.shape[0] !== H || i.shape[1] !== W)) {
      return {
        outputShape: null,
        diagnostics: [
          diagnostic(
            node.id,
            'error',
            'concat-mismatch',
            `concat joins along channels, so every input needs the same height × width, but got ${list}.`,
          ),
        ],
      };
    }
    return {
      outputShape: [H, W, total],
      receptiveField: largest(inputs, (i) => i.receptiveField),
      jump: largest(inputs, (i) => i.jump),
      explanations: [explanation],
    };
  },
  cardLabel: () => '',
});
