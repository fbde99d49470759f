/**
 * Transposed convolution ("deconvolution", "up-convolution"; PyTorch's ConvTranspose2d): each input pixel spreads its
 * C_in channels through K filters of F_h×F_w onto the output, windows S apart, overlaps added; it is the gradient of
 * a convolution with respect to its input, and grows the image where a strided convolution shrinks it.
 *   output size: (H − 1)·S − 2P + F + output padding per axis      params: F_h·F_w·C_in·K + K (bias)
 *   MACs: H_in·W_in·C_in·F_h·F_w·K (every input value times every tap of every filter)
 * The output padding (< S) picks among the S output sizes whose strided convolution gives back H_in.
 * Receptive field (in input-image pixels; may be fractional): output pixels are S times closer than input pixels,
 * j_out = j_in/S, and one output pixel reads at most ⌈F/S⌉ adjacent input pixels, r_out = r_in + (⌈F/S⌉ − 1)·j_in.
 * The weight is [F_h, F_w, K, C_in] (tfjs' conv2dTranspose layout; PyTorch's [C_in, K, F_h, F_w] transposed).
 */
import { diagnostic, setAttributeFix, type Diagnostic } from '../../shape/diagnostics';
import { formatCount, formatRatio, product } from '../../shape/format';
import type { Explanation } from '../../shape/types';
import { flag, int, MAX_DIM, pair, padding } from '../core/attributes';
import { defineBlock } from '../core/block';
import { biasPart, label, windowParts } from '../core/cardLabel';
import { requireImage } from '../core/requireImage';

const AXES = ['height', 'width'] as const;

/** "2" when both axes agree, "[2, 3]" otherwise: a value as the attribute would be written. */
function written(h: number, w: number): number | [number, number] {
  return h === w ? h : [h, w];
}

export const conv2dtranspose = defineBlock({
  type: 'conv2dtranspose',
  family: 'conv',
  title: 'Conv 2D Transpose',
  doc: 'Transposed convolution (PyTorch ConvTranspose2d): `filters` kernels spread each input pixel over the output, `stride` apart; output (H − 1)·S − 2P + F + outputPadding.',
  inputs: { min: 1, max: 1 },
  attributes: {
    filters: int('Number of filters K (output channels).', { example: 16 }),
    kernel: pair('Kernel size F: a number or [height, width].', { example: 2 }),
    stride: pair('Stride S (the upsampling factor): a number or [height, width].', { example: 2, fallback: () => 1 }),
    padding: padding('Padding P: rows/columns removed from each side of the full output: a number or [height, width].', { allowSame: false }),
    outputPadding: pair('Extra rows/columns added to one side of the output (bottom/right), less than the stride: a number or [height, width].', {
      min: 0,
      example: 0,
      fallback: () => 0,
    }),
    bias: flag('Whether each filter adds a bias.', true),
  },
  infer({ node, attrs, inputs }) {
    const input = inputs[0];
    const checked = requireImage(node.id, 'conv2dtranspose', input);
    if ('error' in checked) return { outputShape: null, diagnostics: [checked.error] };
    const [H, W, C] = checked.image;
    const size = [H, W];
    const F = attrs.kernel;
    const S = attrs.stride;
    const P = attrs.padding.kind === 'explicit' ? [attrs.padding.h, attrs.padding.w] : [0, 0];
    const OP = attrs.outputPadding;
    const K = attrs.filters;
    const kernelAttrs = { ...attrs, padding: [P[0], P[0], P[1], P[1]] };
    const out = AXES.map((_, i) => (size[i] - 1) * S[i] - 2 * P[i] + F[i] + OP[i]);
    const same = H === W && F[0] === F[1] && S[0] === S[1] && P[0] === P[1] && OP[0] === OP[1];
    const rule = '(H − 1)·S − 2P + F + output padding';
    const substituted = (i: number) =>
      `(${size[i]} − 1)·${S[i]}${P[i] ? ` − 2·${P[i]}` : ''} + ${F[i]}${OP[i] ? ` + ${OP[i]}` : ''} = ${out[i]}`;
    const explanations: Explanation[] = same
      ? [{ quantity: 'output height and width', formula: rule, substituted: substituted(0) }]
      : AXES.map((name, i) => ({ quantity: `output ${name}`, formula: rule, substituted: substituted(i) }));

    const diagnostics: Diagnostic[] = [];
    if (OP.some((op, i) => op >= S[i])) {
      const fixed = written(Math.min(OP[0], S[0] - 1), Math.min(OP[1], S[1] - 1));
      diagnostics.push(
        diagnostic(
          node.id,
          'error',
          'invalid-attribute',
          `outputPadding ${JSON.stringify(written(OP[0], OP[1]))} must be less than the stride ${JSON.stringify(written(S[0], S[1]))}: ` +
            'an output padding of S or more adds rows no filter tap reaches (PyTorch refuses it too).',
          [setAttributeFix(`outputPadding ${JSON.stringify(fixed)}`, node.id, 'outputPadding', fixed)],
          'outputPadding',
        ),
      );
    }
    if (out.some((o) => o < 1)) {
      // The largest padding that still leaves one output row/column on every axis.
      const most = AXES.map((_, i) => Math.max(0, Math.floor(((size[i] - 1) * S[i] + F[i] + OP[i] - 1) / 2)));
      const fixP = written(Math.min(P[0], most[0]), Math.min(P[1], most[1]));
      const fixedOut = AXES.map((_, i) => (size[i] - 1) * S[i] - 2 * Math.min(P[i], most[i]) + F[i] + OP[i]);
      diagnostics.push(
        diagnostic(
          node.id,
          'error',
          'output-size-not-positive',
          `Output size would be ≤ 0: ${AXES.filter((_, i) => out[i] < 1).map((name) => `${name} ${substituted(AXES.indexOf(name))}`).join('; ')}; the padding removes more than the transposed convolution produces.`,
          [setAttributeFix(`padding ${JSON.stringify(fixP)} → ${fixedOut[0]}×${fixedOut[1]} output`, node.id, 'padding', fixP)],
          'padding',
        ),
      );
    }
    if (out.some((o) => o > MAX_DIM)) {
      diagnostics.push(
        diagnostic(node.id, 'error', 'invalid-attribute', `The output ${out[0]}×${out[1]} exceeds ${formatCount(MAX_DIM)} pixels on a side.`, [], 'stride'),
      );
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { outputShape: null, diagnostics, explanations, kernelAttrs };

    const rIn = input.receptiveField ?? [1, 1];
    const jIn = input.jump ?? [1, 1];
    const reads = AXES.map((_, i) => Math.ceil(F[i] / S[i]));
    const receptiveField = AXES.map((_, i) => rIn[i] + (reads[i] - 1) * jIn[i]) as [number, number];
    const jump = AXES.map((_, i) => jIn[i] / S[i]) as [number, number];
    const rfText = (i: number) =>
      `${formatRatio(rIn[i])} + (⌈${F[i]}/${S[i]}⌉ − 1)·${formatRatio(jIn[i])} = ${formatRatio(receptiveField[i])}, jump ${formatRatio(jIn[i])}/${S[i]} = ${formatRatio(jump[i])}`;
    explanations.push({
      quantity: 'receptive field',
      formula: 'r_out = r_in + (⌈F/S⌉ − 1)·j_in,  j_out = j_in/S',
      substituted: same && rIn[0] === rIn[1] && jIn[0] === jIn[1] ? rfText(0) : AXES.map((name, i) => `${name}: ${rfText(i)}`).join('; '),
    });

    const [Fh, Fw] = F;
    const params = Fh * Fw * C * K + (attrs.bias ? K : 0);
    const macs = H * W * C * Fh * Fw * K;
    explanations.push(
      attrs.bias
        ? { quantity: 'params', formula: 'F·F·D₁·K + K', substituted: `${product([Fh, Fw, C, K])} + ${K} = ${formatCount(params)}` }
        : { quantity: 'params', formula: 'F·F·D₁·K (no bias)', substituted: `${product([Fh, Fw, C, K])} = ${formatCount(params)}` },
      { quantity: 'MACs', formula: 'H_in·W_in·D₁·F·F·K', substituted: `${product([H, W, C, Fh, Fw, K])} = ${formatCount(macs)}` },
    );
    return {
      outputShape: [out[0], out[1], K],
      params,
      macs,
      receptiveField,
      jump,
      paramTensors: [
        { name: 'weight', shape: [Fh, Fw, K, C], trainable: true },
        ...(attrs.bias ? [{ name: 'bias', shape: [K], trainable: true }] : []),
      ],
      explanations,
      diagnostics,
      kernelAttrs,
    };
  },
  cardLabel: (a) =>
    label(
      windowParts(a),
      typeof a.filters === 'number' ? [`×${a.filters}`] : [],
      Array.isArray(a.outputPadding) && a.outputPadding.some((v) => v !== 0) ? [`out pad ${a.outputPadding[0] === a.outputPadding[1] ? a.outputPadding[0] : a.outputPadding.join(',')}`] : [],
      biasPart(a),
    ),
});
