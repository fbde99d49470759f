import type { OnnxExport } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

/** gelu (exact) → x·½(1 + erf(x/√2)) spelled in opset-17 ops (ONNX's Gelu op arrives in opset 20), as PyTorch writes it. */
export const geluOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0].name;
  const scaled = ctx.op('Div', [x, ctx.initializer('sqrt2', [], [Math.SQRT2])], {}, 'div');
  const erf = ctx.op('Erf', [scaled], {}, 'erf');
  const onePlus = ctx.op('Add', [erf, ctx.initializer('one', [], [1])], {}, 'add');
  const times = ctx.op('Mul', [x, onePlus], {}, 'mul');
  return sameLayoutOut(ctx, ctx.op('Mul', [times, ctx.initializer('half', [], [0.5])]));
};
