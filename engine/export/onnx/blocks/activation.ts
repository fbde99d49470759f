/**
 * Activations → the ONNX op of the same formula. Element-wise ops keep their input's layout. Softmax runs over
 * wiregrad's last axis: the channels of an image (axis 1 in NCHW), the features of a vector (the whole set, so a
 * channels-first vector's order does not matter).
 */
import type { OnnxExport } from '../mapping';
import { resolved, sameLayoutOut } from './common';

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

export const softmaxOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  return sameLayoutOut(ctx, ctx.op('Softmax', [x.name], { axis: x.layout.kind === 'image' ? 1 : -1 }));
};
