/**
 * Max, average, global average and global max pooling on the WASM kernels, split by samples.
 */
import type { Backend } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

export function poolOps(c: WasmContext): Partial<Backend> {
  const { stage, geoAt } = c;
  return {
    maxPoolForward(x, y, argmax, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.maxPoolForward(x, y, argmax, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      const pa = stage.output(argmax, g.batch * outSize, false);
      c.writePoolGeometry(g);
      c.runShares('maxPoolForward', c.elementShares(g.batch, g.batch * inSize), px, py, pa, geoAt);
      stage.end();
    },
    maxPoolBackward(dy, argmax, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.maxPoolBackward(dy, argmax, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pa = stage.input(argmax, g.batch * outSize);
      const pdx = stage.output(dx, g.batch * inSize, false);
      c.writePoolGeometry(g);
      c.runShares('maxPoolBackward', c.elementShares(g.batch, g.batch * inSize), pdy, pa, pdx, geoAt);
      stage.end();
    },

    avgPoolForward(x, y, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.avgPoolForward(x, y, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      c.writePoolGeometry(g);
      c.runShares('avgPoolForward', c.elementShares(g.batch, g.batch * inSize), px, py, geoAt);
      stage.end();
    },
    avgPoolBackward(dy, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.avgPoolBackward(dy, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pdx = stage.output(dx, g.batch * inSize, false);
      c.writePoolGeometry(g);
      c.runShares('avgPoolBackward', c.elementShares(g.batch, g.batch * inSize), pdy, pdx, geoAt);
      stage.end();
    },
    globalAvgPoolForward(x, y, batch, pixels, channels) {
      if (!f32(x) || !f32(y)) return cpuBackend.globalAvgPoolForward(x, y, batch, pixels, channels);
      stage.begin();
      const px = stage.input(x, batch * pixels * channels), py = stage.output(y, batch * channels, false);
      c.runShares('globalAvgPoolForward', c.elementShares(batch, batch * pixels * channels), px, py, pixels, channels);
      stage.end();
    },
    globalAvgPoolBackward(dy, dx, batch, pixels, channels) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.globalAvgPoolBackward(dy, dx, batch, pixels, channels);
      stage.begin();
      const pdy = stage.input(dy, batch * channels), pdx = stage.output(dx, batch * pixels * channels, false);
      c.runShares('globalAvgPoolBackward', c.elementShares(batch, batch * pixels * channels), pdy, pdx, pixels, channels);
      stage.end();
    },
    globalMaxPoolForward(x, y, argmax, batch, pixels, channels) {
      if (!f32(x) || !f32(y)) return cpuBackend.globalMaxPoolForward(x, y, argmax, batch, pixels, channels);
      stage.begin();
      const px = stage.input(x, batch * pixels * channels), py = stage.output(y, batch * channels, false);
      const pa = stage.output(argmax, batch * channels, false);
      c.runShares('globalMaxPoolForward', c.elementShares(batch, batch * pixels * channels), px, py, pa, pixels, channels);
      stage.end();
    },
    globalMaxPoolBackward(dy, argmax, dx, batch, pixels, channels) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.globalMaxPoolBackward(dy, argmax, dx, batch, pixels, channels);
      stage.begin();
      const pdy = stage.input(dy, batch * channels), pa = stage.input(argmax, batch * channels);
      const pdx = stage.output(dx, batch * pixels * channels, false);
      c.runShares('globalMaxPoolBackward', c.elementShares(batch, batch * pixels * channels), pdy, pa, pdx, pixels, channels);
      stage.end();
    },
  };
}
