/**
 * dropout → Dropout with its ratio (an identity at inference: training_mode defaults to false), kept so the rate comes
 * back on import. batchnorm → BatchNormalization in inference mode with wiregrad's ε; Keras' momentum is the same
 * number as ONNX's (running = momentum·running + (1 − momentum)·batch) and does nothing at inference. Over a
 * channels-first vector the four per-feature vectors are reordered to match it.
 */
import { featuresToChw } from '../../layout';
import type { OnnxExport } from '../mapping';
import { resolved, sameLayoutOut } from './common';

export const dropoutOnnx: OnnxExport = (ctx) => {
  const ratio = ctx.initializer('ratio', [], [resolved(ctx.node).number('rate')]);
  return sameLayoutOut(ctx, ctx.op('Dropout', [ctx.inputs[0].name, ratio]));
};

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
