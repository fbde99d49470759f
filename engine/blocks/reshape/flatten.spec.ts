/** Flatten: an H×W×C image becomes its H·W·C vector (NHWC memory already is that vector, so no number moves). */
import { defineBlock } from '../core/block';
import { flattened } from '../core/flattened';
import { formatShape } from '../../shape/format';

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
  cardLabel: () => '',
});
