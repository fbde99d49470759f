/**
 * Pooling (lecture 5): a window summarises each region of each channel on its own, so depth is kept and
 * there are no parameters.  output size: (W − F + 2P)/S + 1 per axis, stride defaulting to the kernel.
 * Padding is at most half the kernel (as PyTorch requires), so no window lies entirely in padding.
 */
import { pair, padding, type Pair } from '../core/attributes';
import { defineBlock, type BlockSpec } from '../core/block';
import { label, windowParts } from '../core/cardLabel';
import { requireImage } from '../core/requireImage';
import { slidingWindow } from '../core/slidingWindow';
import { diagnostic } from '../../shape/diagnostics';

function windowPool<T extends 'maxpool2d' | 'avgpool2d'>(type: T, title: string, doc: string): BlockSpec<T> {
  return defineBlock({
    type,
    family: 'pool',
    title,
    doc,
    inputs: { min: 1, max: 1 },
    attributes: {
      kernel: pair('Window size F: a number or [height, width].', { example: 2 }),
      stride: pair('Stride S (defaults to the kernel): a number or [height, width].', {
        example: 2,
        fallback: (r) => r.kernel as Pair,
      }),
      padding: padding('Padding P on each side (at most half the kernel).', { allowSame: false }),
    },
    infer({ node, attrs, inputs }) {
      const input = inputs[0];
      const checked = requireImage(node.id, type, input);
      if ('error' in checked) return { outputShape: null, diagnostics: [checked.error] };
      const [H, W, C] = checked.image;
      const stride = attrs.stride;
      const pad = attrs.padding.kind === 'explicit' ? attrs.padding : { h: 0, w: 0 };
      if (pad.h > Math.floor(attrs.kernel[0] / 2) || pad.w > Math.floor(attrs.kernel[1] / 2)) {
        return {
          outputShape: null,
          diagnostics: [
            diagnostic(
              node.id,
              'error',
              'invalid-attribute',
              `padding ${pad.h === pad.w ? pad.h : `[${pad.h}, ${pad.w}]`} is more than half the kernel ${attrs.kernel[0] === attrs.kernel[1] ? attrs.kernel[0] : `[${attrs.kernel.join(', ')}]`}: a window could lie entirely in padding.`,
              [
                {
                  title: `padding ${Math.floor(Math.min(...attrs.kernel) / 2)}`,
                  edits: [{ kind: 'set-attribute', node: node.id, attribute: 'padding', value: Math.floor(Math.min(...attrs.kernel) / 2) }],
                },
              ],
              'padding',
            ),
          ],
        };
      }
      const win = slidingWindow(
        { node: node.id, maxPadding: (k) => Math.floor(k / 2), offerKernelFix: true },
        { size: [H, W], receptiveField: input.receptiveField ?? [1, 1], jump: input.jump ?? [1, 1] },
        { kernel: attrs.kernel, stride, dilation: [1, 1], padding: attrs.padding },
      );
      const kernelAttrs = { kernel: attrs.kernel, stride, padding: win.pads };
      if (!win.out) return { outputShape: null, diagnostics: win.diagnostics, explanations: win.explanations, kernelAttrs };
      return {
        outputShape: [win.out[0], win.out[1], C],
        receptiveField: win.receptiveField,
        jump: win.jump,
        explanations: win.explanations,
        diagnostics: win.diagnostics,
        kernelAttrs,
      };
    },
    cardLabel: (a) => label(windowParts(a)),
  });
}

export const maxpool2d = windowPool('maxpool2d', 'Max Pool', 'Max pooling: keeps the largest value of each window (the max gate routes the gradient to it).');
export const avgpool2d = windowPool('avgpool2d', 'Average Pool', 'Average pooling: the mean of each window (padding counts as zeros in the mean).');
