/** Global average pooling: each channel's mean over the whole image, H×W×C → C; no parameters, no MACs. */
import { defineBlock } from '../core/block';
import { requireImage } from '../core/requireImage';

export const globalavgpool = defineBlock({
  type: 'globalavgpool',
  family: 'pool',
  title: 'Global Average Pool',
  doc: 'Averages each channel over the whole image: H×W×C → C.',
  inputs: { min: 1, max: 1 },
  attributes: {},
  infer({ node, inputs }) {
    const checked = requireImage(node.id, 'globalavgpool', inputs[0]);
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
