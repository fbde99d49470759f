/** dropout → Dropout with its ratio (an identity at inference: training_mode defaults to false), kept so the rate comes back on import. */
import type { OnnxExport } from '../../export/onnx/mapping';
import { resolved, sameLayoutOut } from '../../export/onnx/common';

export const dropoutOnnx: OnnxExport = (ctx) => {
  const ratio = ctx.initializer('ratio', [], [resolved(ctx.node).number('rate')]);
  return sameLayoutOut(ctx, ctx.op('Dropout', [ctx.inputs[0].name, ratio]));
};
