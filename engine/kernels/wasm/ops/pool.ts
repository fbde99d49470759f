/**
 * Max, average and global average pooling on the WASM kernels, split by samples.
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
      c.run('maxPoolForward', c.elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [px, py, pa, geoAt, s0, s1]));
      stage.end();
    },
    maxPoolBackward(dy, argmax, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.maxPoolBackward(dy, argmax, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pa = stage.input(argmax, g.batch * outSize);
      const pdx = stage.output(dx, g.batch * inSize, false);
      c.writePoolGeometry(g);
      c.run('maxPoolBackward', c.elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [pdy, pa, pdx, geoAt, s0, s1]));
      stage.end();
    },

    avgPoolForward(x, y, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.avgPoolForward(x, y, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      c.writePoolGeometry(g);
      c.run('avgPoolForward', c.elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [px, py, geoAt, s0, s1]));
      stage.end();
    },
    avgPoolBackward(dy, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.avgPoolBackward(dy, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = g.outH * g.outW * g.channels;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pdx = stage.output(dx, g.batch * inSize, false);
      c.writePoolGeometry(g);
      c.run('avgPoolBackward', c.elementShares(g.batch, g.batch * inSize).map(([s0, s1]) => [pdy, pdx, geoAt, s0, s1]));
      stage.end();
    },
    globalAvgPoolForward(x, y, batch, pixels, channels) {
      if (!f32(x) || !f32(y)) return cpuBackend.globalAvgPoolForward(x, y, batch, pixels, channels);
      stage.begin();
      const px = stage.input(x, batch * pixels * channels), py = stage.output(y, batch * channels, false);
      c.run('globalAvgPoolForward', c.elementShares(batch, batch * pixels * channels).map(([s0, s1]) => [px, py, pixels, channels, s0, s1]));
      stage.end();
    },
    globalAvgPoolBackward(dy, dx, batch, pixels, channels) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.globalAvgPoolBackward(dy, dx, batch, pixels, channels);
      stage.begin();
      const pdy = stage.input(dy, batch * channels), pdx = stage.output(dx, batch * pixels * channels, false);
      c.run('globalAvgPoolBackward', c.elementShares(batch, batch * pixels * channels).map(([s0, s1]) => [pdy, pdx, pixels, channels, s0, s1]));
      stage.end();
    },
  };
}
