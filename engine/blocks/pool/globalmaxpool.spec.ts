/** Global max pooling: each channel's largest value over the whole image, H×W×C → C; no parameters, no MACs. */
import { defineBlock } from '../core/block';
import { requireImage } from '../core/requireImage';

export const globalmaxpool = defineBlock({
  type: 'globalmaxpool',
  family: 'pool',
  title: 'Global Max Pool',
  doc: 'Keeps each channel’s largest value over the whole image: H×W×C → C (the max gate routes the gradient to it).',
  inputs: { min: 1, max: 1 },
  attributes: {},
  infer({ node, inputs }) {
    const checked = requireImage(node.id, 'globalmaxpool', inputs[0]);
    if ('error' in checked) return { outputShape: null, diagnostics: [checked.error] };
    const [H, W, C] = checked.image;
    return {
      outputShape: [C],
      receptiveField: null,
      jump: null,
      explanations: [{ quantity: 'output', formula: 'H×W×C → C', substituted: `${H}×${W}×${C} → ${C}` }],
    };
  },
  cardLabel: () => '',
});
