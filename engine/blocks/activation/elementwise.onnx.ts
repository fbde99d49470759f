/**
 * Element-wise activations → the ONNX op of the same formula (LeakyRelu and Elu with their alpha). They keep their
 * input's layout: the same values in the same places.
 */
import type { OnnxExport } from '../../export/onnx/mapping';
import { resolved, sameLayoutOut } from '../../export/onnx/common';

const plain =
  (opType: string): OnnxExport =>
  (ctx) =>
    sameLayoutOut(ctx, ctx.op(opType, [ctx.inputs[0].name]));

const withAlpha =
  (opType: string): OnnxExport =>
  (ctx) =>
    sameLayoutOut(ctx, ctx.op(opType, [ctx.inputs[0].name], { alpha: { float: resolved(ctx.node).number('alpha') } }));

export const reluOnnx = plain('Relu');
export const sigmoidOnnx = plain('Sigmoid');
export const tanhOnnx = plain('Tanh');
export const leakyreluOnnx = withAlpha('LeakyRelu');
export const eluOnnx = withAlpha('Elu');
