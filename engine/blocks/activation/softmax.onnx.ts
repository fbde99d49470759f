/**
 * softmax → Softmax over wiregrad's last axis: the channels of an image (axis 1 in NCHW), the features of a vector
 * (axis −1: the whole set, so a channels-first vector's order does not matter).
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

export const softmaxOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  return sameLayoutOut(ctx, ctx.op('Softmax', [x.name], { axis: x.layout.kind === 'image' ? 1 : -1 }));
};
