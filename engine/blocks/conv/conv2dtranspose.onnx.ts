import { convWeightToOihw } from '../../export/layout';
import type { OnnxExport } from '../../export/onnx/mapping';
import { imageOut, pads, resolved } from '../../export/onnx/common';

/**
 * conv2dtranspose → ConvTranspose. wiregrad's weight [F_h, F_w, K, C_in] (the HWIO weight of the convolution it is the
 * adjoint of) → ONNX's [C_in, K, F_h, F_w]: the same index shuffle as a conv kernel. Output size
 * (H − 1)·S − 2P + F + outputPadding in both.
 */
export const conv2dtransposeOnnx: OnnxExport = (ctx) => {
  const a = resolved(ctx.node);
  const w = ctx.param('weight');
  const [Fh, Fw, K, Cin] = w.shape;
  const weight = ctx.initializer('weight', [Cin, K, Fh, Fw], convWeightToOihw(w.data, w.shape));
  const bias = ctx.hasParam('bias') ? [ctx.initializer('bias', [K], ctx.param('bias').data)] : [];
  const name = ctx.op('ConvTranspose', [ctx.inputs[0].name, weight, ...bias], {
    kernel_shape: [Fh, Fw],
    strides: a.pair('stride'),
    pads: pads(a.pads()),
    output_padding: a.pair('outputPadding'),
  });
  return imageOut(ctx, name);
};
