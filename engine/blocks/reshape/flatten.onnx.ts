/**
 * flatten → Flatten: an image becomes its channels-first rows, which the next dense layer reads in that order (its
 * weight rows are reordered instead of the values). A vector passes through an Identity named by the node.
 */
import type { OnnxExport } from '../../export/onnx/mapping';

export const flattenOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  if (x.layout.kind !== 'image') return { ...x, name: ctx.op('Identity', [x.name]), shape: ctx.node.outputShape! };
  const [H, W, C] = x.shape;
  return { name: ctx.op('Flatten', [x.name], { axis: 1 }), shape: ctx.node.outputShape!, layout: { kind: 'chw-flat', image: [H, W, C] } };
};
