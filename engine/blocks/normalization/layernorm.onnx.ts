/**
 * layernorm → LayerNormalization over the last axis with wiregrad's ε. wiregrad normalises the channels at each
 * position; in NCHW those are axis 1, and LayerNormalization normalises from its axis to the end, so an image goes
 * channels-last and back (Transpose, LayerNormalization axis −1, Transpose). Over a channels-first vector γ and β are
 * reordered (the mean and variance do not depend on the order).
 */
import { featuresToChw } from '../../export/layout';
import type { OnnxExport } from '../../export/onnx/mapping';
import { resolved, sameLayoutOut } from '../../export/onnx/common';

export const layernormOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  const epsilon = { float: resolved(ctx.node).number('epsilon') };
  const vector = (name: string) => {
    const p = ctx.param(name);
    return ctx.initializer(name, p.shape, x.layout.kind === 'chw-flat' ? featuresToChw(p.data, x.layout.image) : p.data);
  };
  const [gamma, beta] = [vector('gamma'), vector('beta')];
  if (x.layout.kind !== 'image') return sameLayoutOut(ctx, ctx.op('LayerNormalization', [x.name, gamma, beta], { axis: -1, epsilon }));
  const nhwc = ctx.op('Transpose', [x.name], { perm: [0, 2, 3, 1] }, 'to_nhwc');
  const normed = ctx.op('LayerNormalization', [nhwc, gamma, beta], { axis: -1, epsilon }, 'norm');
  return sameLayoutOut(ctx, ctx.op('Transpose', [normed], { perm: [0, 3, 1, 2] }));
};
