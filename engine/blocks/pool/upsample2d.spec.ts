/**
 * Upsampling by whole factors (PyTorch's nn.Upsample with a scale_factor): H×W×C → (s_h·H)×(s_w·W)×C, no
 * parameters, no MACs (interpolation is not counted, as pooling is not).
 *   nearest    each input pixel becomes an s_h×s_w block.
 *   bilinear   align_corners=false: output pixel centres map back to (o + ½)/s − ½ in input pixels (clamped at the
 *              edges) and mix the two nearest input pixels per axis.
 * Receptive field (in input-image pixels; may be fractional): output pixels are s times closer than input pixels,
 * j_out = j_in/s; an output pixel reads one input pixel per axis (nearest, r_out = r_in) or two adjacent ones
 * (bilinear, r_out = r_in + j_in).
 */
import { diagnostic } from '../../shape/diagnostics';
import { formatCount, formatRatio } from '../../shape/format';
import type { Explanation } from '../../shape/types';
import { choice, MAX_DIM, pair } from '../core/attributes';
import { defineBlock } from '../core/block';
import { isPairValue, label } from '../core/cardLabel';
import { requireImage } from '../core/requireImage';

const AXES = ['height', 'width'] as const;

export const upsample2d = defineBlock({
  type: 'upsample2d',
  family: 'pool',
  title: 'Upsample 2D',
  doc: 'Upsampling by a whole `scale` per axis: each pixel repeated ("nearest") or interpolated ("bilinear", PyTorch align_corners=false).',
  inputs: { min: 1, max: 1 },
  attributes: {
    scale: pair('Scale factor s: a whole number or [height, width].', { example: 2, max: 64, fallback: () => 2 }),
    mode: choice('"nearest" repeats each pixel; "bilinear" interpolates between the nearest two per axis (PyTorch align_corners=false).', [
      'nearest',
      'bilinear',
    ] as const, 'nearest'),
  },
  infer({ node, attrs, inputs }) {
    const input = inputs[0];
    const checked = requireImage(node.id, 'upsample2d', input);
    if ('error' in checked) return { outputShape: null, diagnostics: [checked.error] };
    const [H, W, C] = checked.image;
    const s = attrs.scale;
    const out = [H * s[0], W * s[1]];
    const same = H === W && s[0] === s[1];
    const explanations: Explanation[] = same
      ? [{ quantity: 'output height and width', formula: 'H·s', substituted: `${H}·${s[0]} = ${out[0]}` }]
      : AXES.map((name, i) => ({ quantity: `output ${name}`, formula: 'H·s', substituted: `${[H, W][i]}·${s[i]} = ${out[i]}` }));
    if (out.some((o) => o > MAX_DIM)) {
      return {
        outputShape: null,
        explanations,
        diagnostics: [
          diagnostic(node.id, 'error', 'invalid-attribute', `The output ${out[0]}×${out[1]} exceeds ${formatCount(MAX_DIM)} pixels on a side.`, [], 'scale'),
        ],
      };
    }
    const rIn = input.receptiveField ?? [1, 1];
    const jIn = input.jump ?? [1, 1];
    // Bilinear with s = 1 reads only the pixel itself (λ = 0): it widens nothing.
    const extra = AXES.map((_, i) => (attrs.mode === 'bilinear' && s[i] > 1 ? 1 : 0));
    const receptiveField = AXES.map((_, i) => rIn[i] + extra[i] * jIn[i]) as [number, number];
    const jump = AXES.map((_, i) => jIn[i] / s[i]) as [number, number];
    const formula = attrs.mode === 'bilinear' ? 'r_out = r_in + j_in (2 input pixels read),  j_out = j_in/s' : 'r_out = r_in (1 input pixel read),  j_out = j_in/s';
    const rfText = (i: number) =>
      `${extra[i] ? `${formatRatio(rIn[i])} + ${formatRatio(jIn[i])} = ` : ''}${formatRatio(receptiveField[i])}, jump ${formatRatio(jIn[i])}/${s[i]} = ${formatRatio(jump[i])}`;
    explanations.push({
      quantity: 'receptive field',
      formula,
      substituted: same && rIn[0] === rIn[1] && jIn[0] === jIn[1] ? rfText(0) : AXES.map((name, i) => `${name}: ${rfText(i)}`).join('; '),
    });
    return { outputShape: [out[0], out[1], C], receptiveField, jump, explanations };
  },
  cardLabel: (a) =>
    label(isPairValue(a.scale) ? [`×${a.scale[0] === a.scale[1] ? a.scale[0] : a.scale.join(',')}`] : [], typeof a.mode === 'string' ? [a.mode] : []),
});
