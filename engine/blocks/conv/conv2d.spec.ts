/**
 * 2-D convolution (lecture 5): K filters of F_h×F_w×C_in slide over the input.
 *   output size: (W − F + 2P)/S + 1 per axis         params: (F_h·F_w·C_in + 1)·K (the +1 is each filter's bias)
 *   MACs: H_out·W_out·K·F_h·F_w·C_in (bias adds are not counted, as in torchvision's tables)
 * A 1×1 convolution is a dense layer applied at every pixel: it changes depth, not size.
 * With `groups` G the channels and filters split into G independent convolutions: each filter sees C_in/G channels,
 *   params (F_h·F_w·C_in/G)·K + K, MACs H_out·W_out·K·F_h·F_w·C_in/G. Depthwise is G = C_in (MobileNet's 3×3 stage,
 *   followed by a 1×1 "pointwise" conv): 9·C weights instead of 9·C·K.
 */
import { flag, int, MAX_DIM, pair, padding } from '../core/attributes';
import { defineBlock } from '../core/block';
import { biasPart, label, windowParts } from '../core/cardLabel';
import { requireImage } from '../core/requireImage';
import { slidingWindow } from '../core/slidingWindow';
import { groupsProblem } from './groups';
import { formatCount, product } from '../../shape/format';

export const conv2d = defineBlock({
  type: 'conv2d',
  family: 'conv',
  title: 'Conv 2D',
  doc: 'Convolution: `filters` kernels of size `kernel` slide over the input with `stride`, `padding` and `dilation`.',
  inputs: { min: 1, max: 1 },
  attributes: {
    filters: int('Number of filters K (output channels).', { example: 16 }),
    kernel: pair('Kernel size F: a number or [height, width].', { example: 3 }),
    stride: pair('Stride S: a number or [height, width].', { example: 1, fallback: () => 1 }),
    padding: padding('Zero padding P on each side: a number, [height, width], "same" or "valid".', { allowSame: true }),
    dilation: pair('Dilation D: gaps between kernel taps; the kernel spans D·(F − 1) + 1 pixels.', { example: 1, fallback: () => 1 }),
    bias: flag('Whether each filter adds a bias.', true),
    groups: int('Groups G: input channels and filters split into G independent convolutions (both divisible by G); G = input channels is a depthwise conv.', {
      max: MAX_DIM,
      example: 1,
      fallback: () => 1,
    }),
  },
  infer({ node, attrs, inputs }) {
    const input = inputs[0];
    const checked = requireImage(node.id, 'conv2d', input);
    if ('error' in checked) return { outputShape: null, diagnostics: [checked.error] };
    const [H, W, C] = checked.image;
    const win = slidingWindow(
      { node: node.id, maxPadding: (span) => span - 1, offerKernelFix: true },
      { size: [H, W], receptiveField: input.receptiveField ?? [1, 1], jump: input.jump ?? [1, 1] },
      attrs,
    );
    const kernelAttrs = { ...attrs, padding: win.pads };
    if (!win.out) return { outputShape: null, diagnostics: win.diagnostics, explanations: win.explanations, kernelAttrs };

    const G = attrs.groups;
    const problem = groupsProblem(node.id, C, attrs.filters, G);
    if (problem) return { outputShape: null, diagnostics: [...win.diagnostics, problem], explanations: win.explanations, kernelAttrs };

    const [Ho, Wo] = win.out;
    const [Fh, Fw] = attrs.kernel;
    const K = attrs.filters;
    const Cg = C / G;
    const weights = Fh * Fw * Cg * K;
    const params = weights + (attrs.bias ? K : 0);
    const macs = Ho * Wo * K * Fh * Fw * Cg;
    const grouped = G > 1;
    const perFilter = grouped ? `${Fh}·${Fw}·${C}/${G}` : product([Fh, Fw, C]);
    return {
      outputShape: [Ho, Wo, K],
      params,
      macs,
      receptiveField: win.receptiveField,
      jump: win.jump,
      paramTensors: [
        { name: 'weight', shape: [Fh, Fw, Cg, K], trainable: true },
        ...(attrs.bias ? [{ name: 'bias', shape: [K], trainable: true }] : []),
      ],
      explanations: [
        ...win.explanations,
        attrs.bias
          ? { quantity: 'params', formula: grouped ? '(F·F·D₁/G + 1)·K' : '(F·F·D₁ + 1)·K', substituted: `(${perFilter} + 1)·${K} = ${formatCount(params)}` }
          : { quantity: 'params', formula: grouped ? 'F·F·D₁/G·K (no bias)' : 'F·F·D₁·K (no bias)', substituted: `${perFilter}·${K} = ${formatCount(params)}` },
        {
          quantity: 'MACs',
          formula: grouped ? 'H_out·W_out·K·F·F·D₁/G' : 'H_out·W_out·K·F·F·D₁',
          substituted: `${grouped ? `${product([Ho, Wo, K, Fh, Fw])}·${C}/${G}` : product([Ho, Wo, K, Fh, Fw, C])} = ${formatCount(macs)}`,
        },
      ],
      diagnostics: win.diagnostics,
      kernelAttrs,
    };
  },
  cardLabel: (a) =>
    label(windowParts(a), typeof a.filters === 'number' ? [`×${a.filters}`] : [], typeof a.groups === 'number' && a.groups > 1 ? [`groups ${a.groups}`] : [], biasPart(a)),
});
