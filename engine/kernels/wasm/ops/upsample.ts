/** Whole-factor upsampling (nearest and bilinear) on the WASM kernels, split by samples. */
import type { Backend, UpsampleMode } from '../../backend';
import { cpuBackend } from '../../cpu';
import { f32, type WasmContext } from '../context';

const MODE: Record<UpsampleMode, number> = { nearest: 0, bilinear: 1 };

export function upsampleOps(c: WasmContext): Partial<Backend> {
  const { stage } = c;
  return {
    upsampleForward(mode, x, y, g) {
      if (!f32(x) || !f32(y)) return cpuBackend.upsampleForward(mode, x, y, g);
      const inSize = g.inH * g.inW * g.channels, outSize = inSize * g.scaleH * g.scaleW;
      stage.begin();
      const px = stage.input(x, g.batch * inSize), py = stage.output(y, g.batch * outSize, false);
      c.runShares('upsampleForward', c.elementShares(g.batch, g.batch * outSize), MODE[mode], px, py, g.inH, g.inW, g.channels, g.scaleH, g.scaleW);
      stage.end();
    },
    upsampleBackward(mode, dy, dx, g) {
      if (!f32(dy) || !f32(dx)) return cpuBackend.upsampleBackward(mode, dy, dx, g);
      const inSize = g.inH * g.inW * g.channels, outSize = inSize * g.scaleH * g.scaleW;
      stage.begin();
      const pdy = stage.input(dy, g.batch * outSize), pdx = stage.output(dx, g.batch * inSize, false);
      c.runShares('upsampleBackward', c.elementShares(g.batch, g.batch * outSize), MODE[mode], pdy, pdx, g.inH, g.inW, g.channels, g.scaleH, g.scaleW);
      stage.end();
    },
  };
}
