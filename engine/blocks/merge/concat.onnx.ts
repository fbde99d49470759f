/**
 * concat → Concat on the channel axis (1 in NCHW) or the feature axis, inputs in the order of the graph's edges;
 * vectors in wiregrad's feature order (a flattened image's channels-first order is undone first).
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import { sameLayoutOut } from '../../export/onnx/common';

export const concatOnnx: OnnxExport = (ctx) => {
  if (ctx.inputs[0].layout.kind === 'image') return sameLayoutOut(ctx, ctx.op('Concat', ctx.inputs.map((v) => v.name), { axis: 1 }));
  return sameLayoutOut(ctx, ctx.op('Concat', ctx.inputs.map((v) => ctx.vector(v)), { axis: 1 }), { kind: 'vector' });
};
