/**
 * globalavgpool / globalmaxpool → GlobalAveragePool / GlobalMaxPool, which leave [N, C, 1, 1]; the Flatten after it
 * (the node's own op) gives wiregrad's [N, C].
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import { vectorOut } from '../../export/onnx/common';

const globalPool =
  (opType: 'GlobalAveragePool' | 'GlobalMaxPool'): OnnxExport =>
  (ctx) => {
    const pooled = ctx.op(opType, [ctx.inputs[0].name], {}, 'pool');
    return vectorOut(ctx, ctx.op('Flatten', [pooled], { axis: 1 }));
  };

export const globalavgpoolOnnx = globalPool('GlobalAveragePool');
export const globalmaxpoolOnnx = globalPool('GlobalMaxPool');
