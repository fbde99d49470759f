/** The output shape of a merge layer, which needs at least two inputs whose shapes are known. */
import type { Shape } from '../../shape/types';
import { LayerBuildError, type LayerContext } from '../core/layer';

export function mergeOutput(ctx: LayerContext): Shape {
  const { node } = ctx;
  if (!node.outputShape || node.inputShapes.length < 2) {
    throw new LayerBuildError(`node '${node.id}' (${node.type}): needs at least 2 inputs with known shapes`);
  }
  return node.outputShape;
}
