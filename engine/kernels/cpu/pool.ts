/**
 * Pooling, NHWC. The max gate routes the gradient to the input that won (the forward records its index; ties go to
 * the first in window order, as tfjs does); the average gate spreads dy/(kernelH·kernelW) over the window, padding
 * included in the count (PyTorch's default count_include_pad), so padded taps simply receive nothing.
 */
import type { FloatArray } from '../../tensor/types';
import type { PoolGeometry } from '../backend';

export function maxPoolForward(x: FloatArray, y: FloatArray, argmax: Int32Array, g: PoolGeometry): void {
  const { batch, inH, inW, channels: C, outH, outW, kernelH, kernelW, strideH, strideW, padTop, padLeft } = g;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inH, y0 + kernelH);
      for (let ox = 0; ox < outW; ox++, o += C) {
        const x0 = ox * strideW - padLeft;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inW, x0 + kernelW);
        // Window pixels outer, channels inner: every read is contiguous. −∞ stands for the padding, −1 for "no
        // input yet", so the first real value always wins and a later one only when strictly greater (ties: first).
        for (let c = 0; c < C; c++) {
          y[o + c] = -Infinity;
          argmax[o + c] = -1;
        }
        for (let iy = yStart; iy < yEnd; iy++) {
          let i = image + (iy * inW + xStart) * C;
          for (let ix = xStart; ix < xEnd; ix++) {
            for (let c = 0; c < C; c++, i++) {
              const v = x[i];
              if (v > y[o + c] || argmax[o + c] < 0) {
                y[o + c] = v;
                argmax[o + c] = i;
              }
            }
          }
        }
      }
    }
  }
}

export function maxPoolBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: PoolGeometry): void {
  dx.fill(0, 0, g.batch * g.inH * g.inW * g.channels);
  const n = g.batch * g.outH * g.outW * g.channels;
  for (let o = 0; o < n; o++) {
    const i = argmax[o];
    if (i >= 0) dx[i] += dy[o];
  }
}

export function avgPoolForward(x: FloatArray, y: FloatArray, g: PoolGeometry): void {
  const { batch, inH, inW, channels: C, outH, outW, kernelH, kernelW, strideH, strideW, padTop, padLeft } = g;
  const scale = 1 / (kernelH * kernelW);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inH, y0 + kernelH);
      for (let ox = 0; ox < outW; ox++, o += C) {
        const x0 = ox * strideW - padLeft;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inW, x0 + kernelW);
        for (let c = 0; c < C; c++) y[o + c] = 0;
        for (let iy = yStart; iy < yEnd; iy++) {
          let i = image + (iy * inW + xStart) * C;
          for (let ix = xStart; ix < xEnd; ix++) {
            for (let c = 0; c < C; c++) y[o + c] += x[i++];
          }
        }
        for (let c = 0; c < C; c++) y[o + c] *= scale;
      }
    }
  }
}

export function avgPoolBackward(dy: FloatArray, dx: FloatArray, g: PoolGeometry): void {
  const { batch, inH, inW, channels: C, outH, outW, kernelH, kernelW, strideH, strideW, padTop, padLeft } = g;
  const scale = 1 / (kernelH * kernelW);
  dx.fill(0, 0, batch * inH * inW * C);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * C;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      const yStart = Math.max(0, y0);
      const yEnd = Math.min(inH, y0 + kernelH);
      for (let ox = 0; ox < outW; ox++, o += C) {
        const x0 = ox * strideW - padLeft;
        const xStart = Math.max(0, x0);
        const xEnd = Math.min(inW, x0 + kernelW);
        for (let iy = yStart; iy < yEnd; iy++) {
          let i = image + (iy * inW + xStart) * C;
          for (let ix = xStart; ix < xEnd; ix++) {
            for (let c = 0; c < C; c++) dx[i++] += dy[o + c] * scale;
          }
        }
      }
    }
  }
}

export function globalAvgPoolForward(x: FloatArray, y: FloatArray, batch: number, pixels: number, channels: number): void {
  const scale = 1 / pixels;
  y.fill(0, 0, batch * channels);
  let i = 0;
  for (let n = 0; n < batch; n++) {
    const o = n * channels;
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < channels; c++) y[o + c] += x[i++];
    }
    for (let c = 0; c < channels; c++) y[o + c] *= scale;
  }
}

export function globalAvgPoolBackward(dy: FloatArray, dx: FloatArray, batch: number, pixels: number, channels: number): void {
  const scale = 1 / pixels;
  let i = 0;
  for (let n = 0; n < batch; n++) {
    const o = n * channels;
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < channels; c++) dx[i++] = dy[o + c] * scale;
    }
  }
}

/** The max gate over a whole channel: y[n,c] = max over the pixels; ties go to the first pixel. */
export function globalMaxPoolForward(x: FloatArray, y: FloatArray, argmax: Int32Array, batch: number, pixels: number, channels: number): void {
  for (let n = 0; n < batch; n++) {
    const o = n * channels;
    const image = n * pixels * channels;
    for (let c = 0; c < channels; c++) {
      y[o + c] = x[image + c];
      argmax[o + c] = image + c;
    }
    for (let p = 1, i = image + channels; p < pixels; p++) {
      for (let c = 0; c < channels; c++, i++) {
        if (x[i] > y[o + c]) {
          y[o + c] = x[i];
          argmax[o + c] = i;
        }
      }
    }
  }
}

export function globalMaxPoolBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, batch: number, pixels: number, channels: number): void {
  dx.fill(0, 0, batch * pixels * channels);
  for (let o = 0; o < batch * channels; o++) dx[argmax[o]] = dy[o];
}
