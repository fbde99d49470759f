/**
 * upsample2d → Resize by the whole scale factors [1, 1, s_h, s_w]. nearest: y[o] = x[⌊o/s⌋], which is Resize's
 * "asymmetric" coordinates with nearest_mode "floor"; bilinear as PyTorch with align_corners = false: "half_pixel"
 * coordinates (src = (o + ½)/s − ½), "linear" mode, clamped at the edges in both.
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import type { AttrValue } from '../../export/onnx/proto';
import { imageOut, resolved } from '../../export/onnx/common';

export const upsample2dOnnx: OnnxExport = (ctx) => {
  const a = resolved(ctx.node);
  const [sh, sw] = a.pair('scale');
  const scales = ctx.initializer('scales', [4], [1, 1, sh, sw]);
  const attrs: Record<string, AttrValue> =
    a.string('mode') === 'bilinear'
      ? { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }
      : { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' };
  return imageOut(ctx, ctx.op('Resize', [ctx.inputs[0].name, '', scales], attrs));
};
