/**
 * Blocks that move no number: the graph's input (its values are the batch itself) and flatten (an H×W×C image in
 * NHWC memory already is its H·W·C vector, row by row, channels innermost). Both pass the gradient straight through.
 */
import type { FloatArray } from '../tensor/types';
import { LayerBuildError, type Layer, type LayerContext, type Mode } from './layer';

export function createPassThrough(ctx: LayerContext): Layer {
  const { node } = ctx;
  if (!node.outputShape) throw new LayerBuildError(`node '${node.id}' (${node.type}): its shape could not be computed`);
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape,
    params: [],
    forward: (inputs: readonly FloatArray[], _batch: number, _mode: Mode) => inputs[0],
    backward: (dy: FloatArray) => ctx.inputNeedsGrad.map((need) => (need ? dy : null)),
  };
}
