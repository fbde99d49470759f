/** upsample2d: nearest or bilinear (align_corners=false) upsampling; the backward is the transposed interpolation. */
import type { UpsampleGeometry, UpsampleMode } from '../../kernels/backend';
import type { FloatArray } from '../../tensor/types';
import { attr, isPair, LayerBuildError, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

const isMode = (v: unknown): v is UpsampleMode => v === 'nearest' || v === 'bilinear';

function createUpsample2d(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { input, output } = shapesOf(node);
  const [scaleH, scaleW] = attr(node, 'scale', isPair);
  const mode = attr(node, 'mode', isMode);
  const [inH, inW, channels] = input;
  if (output[0] !== inH * scaleH || output[1] !== inW * scaleW) {
    throw new LayerBuildError(`node '${node.id}' (upsample2d): output ${output.join('×')} is not the input ${input.join('×')} scaled by ${scaleH}×${scaleW}`);
  }
  const ws = new Workspace(ctx.dtype);
  let batch = 0;
  const geometry = (): UpsampleGeometry => ({ batch, inH, inW, channels, scaleH, scaleW });
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: [],
    forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
      batch = b;
      const y = ws.get('y', batch * output[0] * output[1] * channels);
      backend.upsampleForward(mode, inputs[0], y, geometry());
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', batch * inH * inW * channels);
      backend.upsampleBackward(mode, dy, dx, geometry());
      return [dx];
    },
  };
}

export const upsample2dLayer: BlockLayer = {
  create: createUpsample2d,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 3, 2], attrs: { scale: [2, 3], mode: 'bilinear' } },
};
