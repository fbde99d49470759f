// Max pooling, NHWC, for samples [s0, s1). Window pixels outer, channels inner (every read contiguous); 4 channels
// at a time with the winner's input index carried beside the value (ties and NaN as the TypeScript kernel: the
// first tap of the window wins, a later one only when strictly greater; a window all padding gives −∞ and −1).
import { geo } from './conv';

// Pool geometry struct (i32 offsets), the field order of PoolGeometry in engine/kernels/backend.ts.
const P_INH = 1, P_INW = 2, P_C = 3, P_OUTH = 4, P_OUTW = 5, P_KH = 6, P_KW = 7, P_SH = 8, P_SW = 9, P_PADT = 10, P_PADL = 11;

export function maxPoolForward(x: usize, y: usize, argmax: usize, g: usize, s0: i32, s1: i32): void {
  const inH = geo(g, P_INH), inW = geo(g, P_INW), C = geo(g, P_C), outH = geo(g, P_OUTH), outW = geo(g, P_OUTW);
  const kh = geo(g, P_KH), kw = geo(g, P_KW), sh = geo(g, P_SH), sw = geo(g, P_SW), padT = geo(g, P_PADT), padL = geo(g, P_PADL);
  const imageStride = inH * inW * C;
  let o = s0 * outH * outW * C;
  for (let n = s0; n < s1; n++) {
    const image = n * imageStride;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padT;
      const yStart = max(0, y0), yEnd = min(inH, y0 + kh);
      for (let ox = 0; ox < outW; ox++, o += C) {
        const x0 = ox * sw - padL;
        const xStart = max(0, x0), xEnd = min(inW, x0 + kw);
        const yo = y + (<usize>o << 2), ao = argmax + (<usize>o << 2);
        if (yStart >= yEnd || xStart >= xEnd) {
          for (let c = 0; c < C; c++) {
            store<f32>(yo + (<usize>c << 2), -Infinity);
            store<i32>(ao + (<usize>c << 2), -1);
          }
          continue;
        }
        const first = image + (yStart * inW + xStart) * C;
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          let idx = i32x4(first + c, first + c + 1, first + c + 2, first + c + 3);
          let best = v128.load(x + (<usize>(first + c) << 2));
          let bestIdx = idx;
          for (let iy = yStart; iy < yEnd; iy++) {
            const rowFirst = image + (iy * inW + xStart) * C + c;
            for (let ix = xStart; ix < xEnd; ix++) {
              const i = rowFirst + (ix - xStart) * C;
              const v = v128.load(x + (<usize>i << 2));
              const gt = f32x4.gt(v, best);
              best = v128.bitselect(v, best, gt);
              idx = i32x4.add(i32x4.splat(i), i32x4(0, 1, 2, 3));
              bestIdx = v128.bitselect(idx, bestIdx, gt);
            }
          }
          v128.store(yo + (<usize>c << 2), best);
          v128.store(ao + (<usize>c << 2), bestIdx);
        }
        for (; c < C; c++) {
          let bi = first + c;
          let bv = load<f32>(x + (<usize>bi << 2));
          for (let iy = yStart; iy < yEnd; iy++) {
            for (let ix = xStart; ix < xEnd; ix++) {
              const i = image + (iy * inW + ix) * C + c;
              const v = load<f32>(x + (<usize>i << 2));
              if (v > bv) { bv = v; bi = i; }
            }
          }
          store<f32>(yo + (<usize>c << 2), bv);
          store<i32>(ao + (<usize>c << 2), bi);
        }
      }
    }
  }
}

/** dx (samples [s0, s1)) = dy routed to each window's winner; overwrites dx. */
export function maxPoolBackward(dy: usize, argmax: usize, dx: usize, g: usize, s0: i32, s1: i32): void {
  const inH = geo(g, P_INH), inW = geo(g, P_INW), C = geo(g, P_C), outH = geo(g, P_OUTH), outW = geo(g, P_OUTW);
  const imageStride = inH * inW * C;
  const outStride = outH * outW * C;
  memory.fill(dx + (<usize>(s0 * imageStride) << 2), 0, <usize>((s1 - s0) * imageStride) << 2);
  for (let o = s0 * outStride, end = s1 * outStride; o < end; o++) {
    const i = load<i32>(argmax + (<usize>o << 2));
    if (i >= 0) {
      const d = dx + (<usize>i << 2);
      store<f32>(d, load<f32>(d) + load<f32>(dy + (<usize>o << 2)));
    }
  }
}

// Average pooling (padding counted in the divisor, PyTorch's count_include_pad) and global average pooling, for
// samples [s0, s1): 4 channels at a time, the window's pixels outer.

@inline function addPixel(dst: usize, src: usize, C: i32): void {
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const o = <usize>c << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; c < C; c++) {
    const o = <usize>c << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

@inline function scalePixel(dst: usize, C: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const o = <usize>c << 2;
    v128.store(dst + o, f32x4.mul(v128.load(dst + o), sv));
  }
  for (; c < C; c++) {
    const o = <usize>c << 2;
    store<f32>(dst + o, load<f32>(dst + o) * s);
  }
}

/** dst += src·s over C values. */
@inline function addScaledPixel(dst: usize, src: usize, C: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const o = <usize>c << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(src + o), sv)));
  }
  for (; c < C; c++) {
    const o = <usize>c << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o) * s);
  }
}

export function avgPoolForward(x: usize, y: usize, g: usize, s0: i32, s1: i32): void {
  const inH = geo(g, P_INH), inW = geo(g, P_INW), C = geo(g, P_C), outH = geo(g, P_OUTH), outW = geo(g, P_OUTW);
  const kh = geo(g, P_KH), kw = geo(g, P_KW), sh = geo(g, P_SH), sw = geo(g, P_SW), padT = geo(g, P_PADT), padL = geo(g, P_PADL);
  const scale: f32 = 1 / <f32>(kh * kw);
  const pixelBytes = <usize>C << 2;
  let o = y + (<usize>(s0 * outH * outW * C) << 2);
  for (let n = s0; n < s1; n++) {
    const image = x + (<usize>(n * inH * inW * C) << 2);
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padT;
      const yStart = max(0, y0), yEnd = min(inH, y0 + kh);
      for (let ox = 0; ox < outW; ox++, o += pixelBytes) {
        const x0 = ox * sw - padL;
        const xStart = max(0, x0), xEnd = min(inW, x0 + kw);
        memory.fill(o, 0, pixelBytes);
        for (let iy = yStart; iy < yEnd; iy++) {
          for (let ix = xStart; ix < xEnd; ix++) addPixel(o, image + (<usize>((iy * inW + ix) * C) << 2), C);
        }
        scalePixel(o, C, scale);
      }
    }
  }
}

/** Overwrites samples [s0, s1) of dx. */
export function avgPoolBackward(dy: usize, dx: usize, g: usize, s0: i32, s1: i32): void {
  const inH = geo(g, P_INH), inW = geo(g, P_INW), C = geo(g, P_C), outH = geo(g, P_OUTH), outW = geo(g, P_OUTW);
  const kh = geo(g, P_KH), kw = geo(g, P_KW), sh = geo(g, P_SH), sw = geo(g, P_SW), padT = geo(g, P_PADT), padL = geo(g, P_PADL);
  const scale: f32 = 1 / <f32>(kh * kw);
  const pixelBytes = <usize>C << 2;
  const imageBytes = <usize>(inH * inW * C) << 2;
  memory.fill(dx + <usize>s0 * imageBytes, 0, <usize>(s1 - s0) * imageBytes);
  let o = dy + (<usize>(s0 * outH * outW * C) << 2);
  for (let n = s0; n < s1; n++) {
    const image = dx + <usize>n * imageBytes;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padT;
      const yStart = max(0, y0), yEnd = min(inH, y0 + kh);
      for (let ox = 0; ox < outW; ox++, o += pixelBytes) {
        const x0 = ox * sw - padL;
        const xStart = max(0, x0), xEnd = min(inW, x0 + kw);
        for (let iy = yStart; iy < yEnd; iy++) {
          for (let ix = xStart; ix < xEnd; ix++) addScaledPixel(image + (<usize>((iy * inW + ix) * C) << 2), o, C, scale);
        }
      }
    }
  }
}

/** y[n, c] = mean over the pixels of x[n, ·, c], samples [s0, s1). */
export function globalAvgPoolForward(x: usize, y: usize, pixels: i32, C: i32, s0: i32, s1: i32): void {
  const pixelBytes = <usize>C << 2;
  const scale: f32 = 1 / <f32>pixels;
  for (let n = s0; n < s1; n++) {
    const o = y + <usize>n * pixelBytes;
    memory.fill(o, 0, pixelBytes);
    let i = x + <usize>n * <usize>pixels * pixelBytes;
    for (let p = 0; p < pixels; p++, i += pixelBytes) addPixel(o, i, C);
    scalePixel(o, C, scale);
  }
}

/** dx[n, p, c] = dy[n, c] / pixels, samples [s0, s1) (overwritten). */
export function globalAvgPoolBackward(dy: usize, dx: usize, pixels: i32, C: i32, s0: i32, s1: i32): void {
  const pixelBytes = <usize>C << 2;
  const scale: f32 = 1 / <f32>pixels;
  for (let n = s0; n < s1; n++) {
    const src = dy + <usize>n * pixelBytes;
    let i = dx + <usize>n * <usize>pixels * pixelBytes;
    memory.fill(i, 0, <usize>pixels * pixelBytes);
    for (let p = 0; p < pixels; p++, i += pixelBytes) addScaledPixel(i, src, C, scale);
  }
}
