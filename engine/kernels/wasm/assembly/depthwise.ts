// Depthwise convolution (groups = channels = filters: each channel filtered on its own by its own kernel), direct
// loops 4 channels at a time, the formulas of engine/kernels/cpu/groupedConv.ts for G = C_in = K. NHWC input, the
// weight [F_h, F_w, 1, C]; the geometry struct is conv.ts's. Out-of-image taps (padding) are skipped. Forward and
// input gradient take a range of samples [s0, s1) (each thread writes only its own images); the filter gradient
// takes one too and writes the sums of its samples into `dw`/`db`, overwriting or adding as asked (threads write
// partials that the caller adds up in a fixed order).
import { geo, G_DH, G_DW, G_INC, G_INH, G_INW, G_KH, G_KW, G_OUTH, G_OUTW, G_PADL, G_PADT, G_SH, G_SW } from './conv';

/** dst[c] += a[c]·b[c] for C values. */
@inline function madd(dst: usize, a: usize, b: usize, C: i32): void {
  let c = 0;
  for (; c + 4 <= C; c += 4) {
    const o = <usize>c << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(a + o), v128.load(b + o))));
  }
  for (; c < C; c++) {
    const o = <usize>c << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(a + o) * load<f32>(b + o));
  }
}

/**
 * Calls the three kernels' inner step for every output pixel of samples [s0, s1) and every in-image tap:
 * mode 0 forward y[o] += x[i]·w[t]; 1 input gradient dx[i] += dy[o]·w[t]; 2 filter gradient dw[t] += x[i]·dy[o].
 */
@inline function taps(mode: i32, a: usize, b: usize, out: usize, g: usize, s0: i32, s1: i32): void {
  const inH = geo(g, G_INH), inW = geo(g, G_INW), C = geo(g, G_INC), outH = geo(g, G_OUTH), outW = geo(g, G_OUTW);
  const kh = geo(g, G_KH), kw = geo(g, G_KW), sh = geo(g, G_SH), sw = geo(g, G_SW), dh = geo(g, G_DH), dwd = geo(g, G_DW);
  const padT = geo(g, G_PADT), padL = geo(g, G_PADL);
  const pixelBytes = <usize>C << 2;
  for (let n = s0; n < s1; n++) {
    const image = <usize>(n * inH * inW) * pixelBytes;
    let o = <usize>(n * outH * outW) * pixelBytes;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sh - padT;
      for (let ox = 0; ox < outW; ox++, o += pixelBytes) {
        const x0 = ox * sw - padL;
        for (let fy = 0; fy < kh; fy++) {
          const iy = y0 + fy * dh;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kw; fx++) {
            const ix = x0 + fx * dwd;
            if (ix < 0 || ix >= inW) continue;
            const i = image + <usize>(iy * inW + ix) * pixelBytes;
            const t = <usize>(fy * kw + fx) * pixelBytes;
            if (mode == 0) madd(out + o, a + i, b + t, C);
            else if (mode == 1) madd(out + i, a + o, b + t, C);
            else madd(out + t, a + i, b + o, C);
          }
        }
      }
    }
  }
}

/** y = depthwise conv(x, w) + bias for samples [s0, s1). */
export function depthwiseForward(x: usize, w: usize, bias: usize, y: usize, g: usize, s0: i32, s1: i32): void {
  const C = geo(g, G_INC);
  const pixelBytes = <usize>C << 2;
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  let o = y + <usize>(s0 * pixels) * pixelBytes;
  const end = y + <usize>(s1 * pixels) * pixelBytes;
  for (; o < end; o += pixelBytes) {
    if (bias != 0) memory.copy(o, bias, pixelBytes);
    else memory.fill(o, 0, pixelBytes);
  }
  taps(0, x, w, y, g, s0, s1);
}

/** dx (overwritten) for samples [s0, s1). */
export function depthwiseBackwardInput(dy: usize, w: usize, dx: usize, g: usize, s0: i32, s1: i32): void {
  const imageBytes = <usize>(geo(g, G_INH) * geo(g, G_INW) * geo(g, G_INC)) << 2;
  memory.fill(dx + <usize>s0 * imageBytes, 0, <usize>(s1 - s0) * imageBytes);
  taps(1, dy, w, dx, g, s0, s1);
}

/** dw (and db when given) from samples [s0, s1): overwritten, or added to when `accumulate`. */
export function depthwiseBackwardFilter(dy: usize, x: usize, dw: usize, db: usize, g: usize, s0: i32, s1: i32, accumulate: bool): void {
  const C = geo(g, G_INC);
  const pixelBytes = <usize>C << 2;
  if (!accumulate) {
    memory.fill(dw, 0, <usize>(geo(g, G_KH) * geo(g, G_KW)) * pixelBytes);
    if (db != 0) memory.fill(db, 0, pixelBytes);
  }
  taps(2, x, dy, dw, g, s0, s1);
  if (db == 0) return;
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  let o = dy + <usize>(s0 * pixels) * pixelBytes;
  const end = dy + <usize>(s1 * pixels) * pixelBytes;
  for (; o < end; o += pixelBytes) {
    let c = 0;
    for (; c + 4 <= C; c += 4) {
      const off = <usize>c << 2;
      v128.store(db + off, f32x4.add(v128.load(db + off), v128.load(o + off)));
    }
    for (; c < C; c++) {
      const off = <usize>c << 2;
      store<f32>(db + off, load<f32>(db + off) + load<f32>(o + off));
    }
  }
}
