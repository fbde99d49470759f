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

/** gelu (exact) → x·½(1 + erf(x/√2)) spelled in opset-17 ops (ONNX's Gelu op arrives in opset 20), as PyTorch writes it. */
export const geluOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0].name;
  const scaled = ctx.op('Div', [x, ctx.initializer('sqrt2', [], [Math.SQRT2])], {}, 'div');
  const erf = ctx.op('Erf', [scaled], {}, 'erf');
  const onePlus = ctx.op('Add', [erf, ctx.initializer('one', [], [1])], {}, 'add');
  const times = ctx.op('Mul', [x, onePlus], {}, 'mul');
  return sameLayoutOut(ctx, ctx.op('Mul', [times, ctx.initializer('half', [], [0.5])]));
};

/** silu → x·σ(x). */
export const siluOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0].name;
  return sameLayoutOut(ctx, ctx.op('Mul', [x, ctx.op('Sigmoid', [x], {}, 'sigmoid')]));
};

/** relu6 → Clip(x, 0, 6) (bounds as inputs since opset 11). */
export const relu6Onnx: OnnxExport = (ctx) =>
  sameLayoutOut(ctx, ctx.op('Clip', [ctx.inputs[0].name, ctx.initializer('min', [], [0]), ctx.initializer('max', [], [6])]));
