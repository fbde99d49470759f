/**
 * add → Add (Sum for three or more); concat → Concat on the channel axis (1 in NCHW) or the feature axis, inputs in
 * the order of the graph's edges. Inputs whose feature orders differ are brought to wiregrad's order first.
 */
import type { OnnxExport, OnnxExportContext, OnnxValue } from '../mapping';
import { sameLayoutOut } from './common';

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

export const concatOnnx: OnnxExport = (ctx) => {
  if (ctx.inputs[0].layout.kind === 'image') return sameLayoutOut(ctx, ctx.op('Concat', ctx.inputs.map((v) => v.name), { axis: 1 }));
  return sameLayoutOut(ctx, ctx.op('Concat', ctx.inputs.map((v) => ctx.vector(v)), { axis: 1 }), { kind: 'vector' });
};
