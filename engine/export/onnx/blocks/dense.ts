/**
 * dense → Gemm (y = x·Wᵀ + b, transB = 1, PyTorch's Linear layout); maxout → the same Gemm with units·pieces outputs,
 * Reshape [N, units, pieces] and ReduceMax over the pieces. An image input is flattened channels-first (a Flatten op)
 * and the weight's rows are reordered to match (engine/export/layout.ts), so no transpose runs at inference.
 */
import { denseWeightToOutIn } from '../../layout';
import type { OnnxExport, OnnxExportContext } from '../mapping';
import { vectorOut } from './common';

function gemm(ctx: OnnxExportContext, nOut: number, part?: string): string {
  const x = ctx.rows(ctx.inputs[0]);
  const w = ctx.param('weight');
  const nIn = w.shape[0];
  const weight = ctx.initializer('weight', [nOut, nIn], denseWeightToOutIn(w.data, nIn, nOut, x.image));
  const bias = ctx.hasParam('bias') ? [ctx.initializer('bias', [nOut], ctx.param('bias').data)] : [];
  return ctx.op('Gemm', [x.name, weight, ...bias], { transB: 1 }, part);
}

export const denseOnnx: OnnxExport = (ctx) => vectorOut(ctx, gemm(ctx, ctx.param('weight').shape[1]));

export const maxoutOnnx: OnnxExport = (ctx) => {
  const units = ctx.node.outputShape![0];
  const lines = ctx.param('weight').shape[1];
  const z = gemm(ctx, lines, 'linear');
  const grouped = ctx.op('Reshape', [z, ctx.int64s('pieces_shape', [-1, units, lines / units])], {}, 'pieces');
  return vectorOut(ctx, ctx.op('ReduceMax', [grouped], { axes: [2], keepdims: 0 }));
};

/** flatten: an image becomes channels-first rows (Flatten), which the next dense layer reads in that order. */
export const flattenOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  if (x.layout.kind !== 'image') return { ...x, name: ctx.op('Identity', [x.name]), shape: ctx.node.outputShape! };
  const [H, W, C] = x.shape;
  return { name: ctx.op('Flatten', [x.name], { axis: 1 }), shape: ctx.node.outputShape!, layout: { kind: 'chw-flat', image: [H, W, C] } };
};
