/** add → Add (Sum for three or more). Inputs whose feature orders differ are brought to wiregrad's order first. */
import type { OnnxExport, OnnxExportContext, OnnxValue } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

/** Input names in one common layout: as they are when all agree, else each in wiregrad's order. */
function aligned(ctx: OnnxExportContext): { names: string[]; layout: OnnxValue['layout'] } {
  const first = ctx.inputs[0].layout;
  const agree = ctx.inputs.every((v) => JSON.stringify(v.layout) === JSON.stringify(first));
  if (agree) return { names: ctx.inputs.map((v) => v.name), layout: first };
  return { names: ctx.inputs.map((v) => ctx.vector(v)), layout: { kind: 'vector' } };
}

export const addOnnx: OnnxExport = (ctx) => {
  const { names, layout } = aligned(ctx);
  return sameLayoutOut(ctx, ctx.op(names.length === 2 ? 'Add' : 'Sum', names), layout);
};
