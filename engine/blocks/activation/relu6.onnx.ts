import type { OnnxExport } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

/** relu6 → Clip(x, 0, 6) (bounds as inputs since opset 11). */
export const relu6Onnx: OnnxExport = (ctx) =>
  sameLayoutOut(ctx, ctx.op('Clip', [ctx.inputs[0].name, ctx.initializer('min', [], [0]), ctx.initializer('max', [], [6])]));
