/**
 * Pooling → MaxPool / AveragePool / GlobalAveragePool. Max pooling pads with −∞ in both (padding never wins);
 * wiregrad's average counts padded taps as zeros in the mean, which is ONNX's count_include_pad = 1.
 */
import type { OnnxExport, OnnxExportContext } from '../../export/onnx/mapping';
import { imageOut, pads, resolved } from '../../export/onnx/common';

function windowPool(ctx: OnnxExportContext, opType: 'MaxPool' | 'AveragePool') {
  const a = resolved(ctx.node);
  const attrs = {
    kernel_shape: a.pair('kernel'),
    strides: a.pair('stride'),
    pads: pads(a.pads()),
    ...(opType === 'AveragePool' ? { count_include_pad: 1 } : {}),
  };
  return imageOut(ctx, ctx.op(opType, [ctx.inputs[0].name], attrs));
}

export const maxpool2dOnnx: OnnxExport = (ctx) => windowPool(ctx, 'MaxPool');
export const avgpool2dOnnx: OnnxExport = (ctx) => windowPool(ctx, 'AveragePool');
