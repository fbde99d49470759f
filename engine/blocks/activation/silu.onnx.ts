import type { OnnxExport } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

/** silu → x·σ(x). */
export const siluOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0].name;
  return sameLayoutOut(ctx, ctx.op('Mul', [x, ctx.op('Sigmoid', [x], {}, 'sigmoid')]));
};
