/**
 * conv2d → Conv. The kernel goes HWIO → OIHW; wiregrad's resolved padding [top, bottom, left, right] becomes ONNX's
 * pads [top, left, bottom, right], so an asymmetric "same" (the extra row/column at the bottom/right, as TensorFlow)
 * is written out explicitly rather than as auto_pad.
 */
import { convWeightToOihw } from '../../export/layout';
import type { OnnxExport } from '../../export/onnx/mapping';
import { imageOut, pads, resolved } from '../../export/onnx/common';

export const conv2dOnnx: OnnxExport = (ctx) => {
  const a = resolved(ctx.node);
  const w = ctx.param('weight');
  const [Fh, Fw, Cin, K] = w.shape;
  const weight = ctx.initializer('weight', [K, Cin, Fh, Fw], convWeightToOihw(w.data, w.shape));
  const bias = ctx.hasParam('bias') ? [ctx.initializer('bias', [K], ctx.param('bias').data)] : [];
  const name = ctx.op('Conv', [ctx.inputs[0].name, weight, ...bias], {
    kernel_shape: [Fh, Fw],
    strides: a.pair('stride'),
    dilations: a.pair('dilation'),
    pads: pads(a.pads()),
    group: groupsOf(ctx),
  });
  return imageOut(ctx, name);
};

/** `groups` (depthwise = the input channels): ONNX's `group`; the weight [F_h, F_w, C_in/groups, K] → [K, C_in/groups, F_h, F_w]. */
function groupsOf(ctx: Parameters<OnnxExport>[0]): number {
  const g = ctx.node.attrs.groups;
  return typeof g === 'number' ? g : 1;
}
