/**
 * Parameter tensors of a node, allocated from the analysis' ParamTensorSpecs and initialised:
 *   weight        He normal, std = √(2/fan_in), when the weights feed a ReLU-family activation (He et al. 2015);
 *                 Glorot uniform, limit = √(6/(fan_in + fan_out)), otherwise (Glorot & Bengio 2010, Keras' default)
 *   bias, beta, running_mean   0;   gamma, running_var   1.
 * fan_in/fan_out: HWIO conv kernel [F_h, F_w, C_in, K] → F_h·F_w·C_in / F_h·F_w·K; dense [n_in, n_out] → n_in / n_out.
 */
import type { ParamTensor } from '../../model/params';
import type { ParamTensorSpec } from '../../shape/types';
import { allocate, sizeOf } from '../../tensor/types';
import type { FloatArray } from '../../tensor/types';
import type { Rng } from '../../random/rng';
import { LayerBuildError, type InitScheme, type LayerContext } from './layer';

function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 4) {
    const receptive = shape[0] * shape[1];
    return { fanIn: receptive * shape[2], fanOut: receptive * shape[3] };
  }
  if (shape.length === 2) return { fanIn: shape[0], fanOut: shape[1] };
  return { fanIn: sizeOf(shape), fanOut: sizeOf(shape) };
}

export function initWeights(value: FloatArray, shape: readonly number[], scheme: InitScheme, rng: Rng): void {
  const { fanIn, fanOut } = fans(shape);
  // The same numbers as value[i] = rng.normal() * std (or (2·uniform − 1)·limit) element by element, in one tight loop.
  if (scheme === 'none') return;
  if (scheme === 'he') rng.fillNormal(value, Math.sqrt(2 / fanIn));
  else rng.fillSymmetricUniform(value, Math.sqrt(6 / (fanIn + fanOut)));
}

function makeParam(ctx: LayerContext, spec: ParamTensorSpec): ParamTensor {
  const { node, dtype } = ctx;
  const n = sizeOf(spec.shape);
  const value = allocate(dtype, n);
  if (spec.name === 'weight') initWeights(value, spec.shape, ctx.init, ctx.initRng);
  else if (spec.name === 'gamma' || spec.name === 'running_var') value.fill(1);
  return {
    node: node.id,
    name: spec.name,
    key: `${node.id}.${spec.name}`,
    shape: [...spec.shape],
    value,
    grad: spec.trainable ? allocate(dtype, n) : null,
    trainable: spec.trainable,
    decay: spec.name === 'weight',
  };
}

/** The node's tensors, in the analysis' order, and a lookup by name that checks the expected shape. */
export function createParams(ctx: LayerContext): { list: ParamTensor[]; get(name: string, shape: readonly number[]): ParamTensor; find(name: string): ParamTensor | null } {
  const list = ctx.node.paramTensors.map((spec) => makeParam(ctx, spec));
  const find = (name: string): ParamTensor | null => list.find((p) => p.name === name) ?? null;
  return {
    list,
    find,
    get(name, shape) {
      const p = find(name);
      if (!p) throw new LayerBuildError(`node '${ctx.node.id}' (${ctx.node.type}): parameter tensor '${name}' is missing from the analysis`);
      if (p.shape.length !== shape.length || p.shape.some((d, i) => d !== shape[i])) {
        throw new LayerBuildError(
          `node '${ctx.node.id}' (${ctx.node.type}): parameter '${name}' has shape [${p.shape.join(', ')}], expected [${shape.join(', ')}]`,
        );
      }
      return p;
    },
  };
}
