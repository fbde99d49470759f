/**
 * The per-node timer of `wiregrad bench`: wraps a layer so its forward and backward add their wall time to the
 * node's account. Installed through the runner's `wrapLayer` hook on a model built only for profiling, so the
 * model whose throughput is measured runs the bare layers.
 */
import type { Layer } from '../blocks/core/layer';

export interface NodeClock {
  readonly id: string;
  readonly type: string;
  forwardMs: number;
  backwardMs: number;
}

export function timedLayer(layer: Layer, clock: NodeClock): Layer {
  const timed: Layer = {
    id: layer.id,
    type: layer.type,
    outputShape: layer.outputShape,
    params: layer.params,
    forward(inputs, batch, mode) {
      const t0 = performance.now();
      const y = layer.forward(inputs, batch, mode);
      clock.forwardMs += performance.now() - t0;
      return y;
    },
    backward(dOutput) {
      const t0 = performance.now();
      const d = layer.backward(dOutput);
      clock.backwardMs += performance.now() - t0;
      return d;
    },
  };
  if (layer.reseed) timed.reseed = (seed) => layer.reseed!(seed);
  return timed;
}
