/**
 * maxout → the dense layer's Gemm with units·pieces outputs (engine/blocks/dense/dense.onnx.ts), Reshape
 * [N, units, pieces] and ReduceMax over the pieces: column u·pieces + j of wiregrad's weight is piece j of unit u.
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import { vectorOut } from '../../export/onnx/common';
import { gemm } from '../dense/dense.onnx';

export const maxoutOnnx: OnnxExport = (ctx) => {
  const units = ctx.node.outputShape![0];
  const lines = ctx.param('weight').shape[1];
  const z = gemm(ctx, lines, 'linear');
  const grouped = ctx.op('Reshape', [z, ctx.int64s('pieces_shape', [-1, units, lines / units])], {}, 'pieces');
  return vectorOut(ctx, ctx.op('ReduceMax', [grouped], { axes: [2], keepdims: 0 }));
};
