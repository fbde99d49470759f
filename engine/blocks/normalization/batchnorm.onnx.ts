/**
 * batchnorm → BatchNormalization in inference mode with wiregrad's ε; Keras' momentum is the same number as ONNX's
 * (running = momentum·running + (1 − momentum)·batch) and does nothing at inference. Over a channels-first vector the
 * four per-feature vectors are reordered to match it.
 */
import { featuresToChw } from '../../export/layout';
import type { OnnxExport } from '../../export/onnx/mapping';
import { resolved, sameLayoutOut } from '../../export/onnx/common';

export const batchnormOnnx: OnnxExport = (ctx) => {
  const x = ctx.inputs[0];
  const a = resolved(ctx.node);
  const vector = (name: string) => {
    const p = ctx.param(name);
    const data = x.layout.kind === 'chw-flat' ? featuresToChw(p.data, x.layout.image) : p.data;
    return ctx.initializer(name, p.shape, data);
  };
  const inputs = [x.name, vector('gamma'), vector('beta'), vector('running_mean'), vector('running_var')];
  return sameLayoutOut(ctx, ctx.op('BatchNormalization', inputs, { epsilon: { float: a.number('epsilon') }, momentum: { float: a.number('momentum') } }));
};
