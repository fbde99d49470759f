/**
 * Pooling → MaxPool / AveragePool / GlobalAveragePool. Max pooling pads with −∞ in both (padding never wins);
 * wiregrad's average counts padded taps as zeros in the mean, which is ONNX's count_include_pad = 1.
 * GlobalAveragePool / GlobalMaxPool leave [N, C, 1, 1]; the Flatten after it (the node's own op) gives wiregrad's [N, C].
 */
import type { OnnxExport, OnnxExportContext } from '../mapping';
import { imageOut, pads, resolved, vectorOut } from './common';

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

const globalPool =
  (opType: 'GlobalAveragePool' | 'GlobalMaxPool'): OnnxExport =>
  (ctx) => {
    const pooled = ctx.op(opType, [ctx.inputs[0].name], {}, 'pool');
    return vectorOut(ctx, ctx.op('Flatten', [pooled], { axis: 1 }));
  };

export const globalavgpoolOnnx = globalPool('GlobalAveragePool');
export const globalmaxpoolOnnx = globalPool('GlobalMaxPool');
