/**
 * Upsampling by whole factors (NHWC), as PyTorch's nn.Upsample:
 *   nearest    y[oy, ox] = x[⌊oy/s_h⌋, ⌊ox/s_w⌋]: each input pixel becomes an s_h×s_w block.
 *   bilinear   align_corners=false: output pixel centres map back to src = (o + ½)/s − ½ in input pixels, clamped
 *              at 0 below; the value mixes the two nearest inputs i0 = ⌊src⌋ and i1 = min(i0 + 1, in − 1) with
 *              weights 1 − λ and λ = src − i0, per axis (so the edge rows repeat the edge pixel).
 * Both are linear in x, so the backward is the transpose: every dy goes back to the inputs it was read from, times
 * the same weights (nearest: the sum of dy over each block).
 */
import type { FloatArray } from '../../tensor/types';
import type { UpsampleGeometry, UpsampleMode } from '../backend';

/** Where output o samples one axis: src = max(0, (o + ½)/s − ½), in input pixels. */
function source(o: number, scale: number): number {
  return Math.max(0, (o + 0.5) / scale - 0.5);
}

/** The lower of the two inputs output o mixes (i0 = ⌊src⌋; the upper is min(i0 + 1, size − 1)). */
function lower(src: number, size: number): number {
  return Math.min(Math.floor(src), size - 1);
}

export function upsampleForward(mode: UpsampleMode, x: FloatArray, y: FloatArray, g: UpsampleGeometry): void {
  const { batch, inH, inW, channels: C, scaleH, scaleW } = g;
  const outH = inH * scaleH;
  const outW = inW * scaleW;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      if (mode === 'nearest') {
        const row = image + Math.floor(oy / scaleH) * inW * C;
        for (let ox = 0; ox < outW; ox++) {
          const i = row + Math.floor(ox / scaleW) * C;
          for (let c = 0; c < C; c++) y[o++] = x[i + c];
        }
        continue;
      }
      const sy = source(oy, scaleH);
      const y0 = lower(sy, inH);
      const ly = sy - y0;
      const r0 = image + y0 * inW * C;
      const r1 = image + Math.min(y0 + 1, inH - 1) * inW * C;
      for (let ox = 0; ox < outW; ox++) {
        const sx = source(ox, scaleW);
        const x0 = lower(sx, inW);
        const lx = sx - x0;
        const x1 = Math.min(x0 + 1, inW - 1);
        const w00 = (1 - ly) * (1 - lx);
        const w01 = (1 - ly) * lx;
        const w10 = ly * (1 - lx);
        const w11 = ly * lx;
        const a = r0 + x0 * C, b = r0 + x1 * C, c0 = r1 + x0 * C, d = r1 + x1 * C;
        for (let c = 0; c < C; c++) y[o++] = w00 * x[a + c] + w01 * x[b + c] + w10 * x[c0 + c] + w11 * x[d + c];
      }
    }
  }
}

export function upsampleBackward(mode: UpsampleMode, dy: FloatArray, dx: FloatArray, g: UpsampleGeometry): void {
  const { batch, inH, inW, channels: C, scaleH, scaleW } = g;
  const outH = inH * scaleH;
  const outW = inW * scaleW;
  dx.fill(0, 0, batch * inH * inW * C);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      if (mode === 'nearest') {
        const row = image + Math.floor(oy / scaleH) * inW * C;
        for (let ox = 0; ox < outW; ox++) {
          const i = row + Math.floor(ox / scaleW) * C;
          for (let c = 0; c < C; c++) dx[i + c] += dy[o++];
        }
        continue;
      }
      const sy = source(oy, scaleH);
      const y0 = lower(sy, inH);
      const ly = sy - y0;
      const r0 = image + y0 * inW * C;
      const r1 = image + Math.min(y0 + 1, inH - 1) * inW * C;
      for (let ox = 0; ox < outW; ox++) {
        const sx = source(ox, scaleW);
        const x0 = lower(sx, inW);
        const lx = sx - x0;
        const x1 = Math.min(x0 + 1, inW - 1);
        const w00 = (1 - ly) * (1 - lx);
        const w01 = (1 - ly) * lx;
        const w10 = ly * (1 - lx);
        const w11 = ly * lx;
        const a = r0 + x0 * C, b = r0 + x1 * C, c0 = r1 + x0 * C, d = r1 + x1 * C;
        for (let c = 0; c < C; c++, o++) {
          const v = dy[o];
          dx[a + c] += w00 * v;
          dx[b + c] += w01 * v;
          dx[c0 + c] += w10 * v;
          dx[d + c] += w11 * v;
        }
      }
    }
  }
}
