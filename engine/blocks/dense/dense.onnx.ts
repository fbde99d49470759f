/**
 * dense → Gemm (y = x·Wᵀ + b, transB = 1, PyTorch's Linear layout). An image input is flattened channels-first (a
 * Flatten op) and the weight's rows are reordered to match (engine/export/layout.ts), so no transpose runs at
 * inference. Maxout builds on the same Gemm.
 */
import { denseWeightToOutIn } from '../../export/layout';
import type { OnnxExport, OnnxExportContext } from '../../export/onnx/mapping';
import { vectorOut } from '../../export/onnx/common';

/** The affine map x·Wᵀ + b with `nOut` outputs, reading the node's `weight` and (when it has one) `bias`. */
export function gemm(ctx: OnnxExportContext, nOut: number, part?: string): string {
  const x = ctx.rows(ctx.inputs[0]);
  const w = ctx.param('weight');
  const nIn = w.shape[0];
  const weight = ctx.initializer('weight', [nOut, nIn], denseWeightToOutIn(w.data, nIn, nOut, x.image));
  const bias = ctx.hasParam('bias') ? [ctx.initializer('bias', [nOut], ctx.param('bias').data)] : [];
  return ctx.op('Gemm', [x.name, weight, ...bias], { transB: 1 }, part);
}

export const denseOnnx: OnnxExport = (ctx) => vectorOut(ctx, gemm(ctx, ctx.param('weight').shape[1]));
