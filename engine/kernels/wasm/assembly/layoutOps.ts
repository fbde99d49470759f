// Moves along the channel (last) axis and by whole-factor upsampling, rows or samples [r0, r1) per call: a
// channel concat's copy of one input into its columns of the output (and the backward's slice back out), and
// nearest/bilinear upsampling as engine/kernels/cpu/upsample.ts (PyTorch's nn.Upsample, align_corners=false).

@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

/** out[r, offset .. offset+width) = x[r, 0..width) for rows [r0, r1). */
export function copyColumns(x: usize, out: usize, width: i32, outCols: i32, offset: i32, r0: i32, r1: i32): void {
  for (let r = r0; r < r1; r++) copyFloats(out + (<usize>(r * outCols + offset) << 2), x + (<usize>(r * width) << 2), width);
}

/** out[r, 0..width) = x[r, offset .. offset+width) for rows [r0, r1). */
export function sliceColumns(x: usize, out: usize, width: i32, inCols: i32, offset: i32, r0: i32, r1: i32): void {
  for (let r = r0; r < r1; r++) copyFloats(out + (<usize>(r * width) << 2), x + (<usize>(r * inCols + offset) << 2), width);
}

/** Where output o samples one axis: src = max(0, (o + ½)/s − ½), in input pixels (f64, as the TypeScript kernel). */
@inline function source(o: i32, scale: i32): f64 {
  return Math.max(0, (<f64>o + 0.5) / <f64>scale - 0.5);
}

@inline function lower(src: f64, size: i32): i32 {
  return min(<i32>Math.floor(src), size - 1);
}

/** mode 0 nearest, 1 bilinear; samples [s0, s1). */
export function upsampleForward(
  mode: i32, x: usize, y: usize, inH: i32, inW: i32, C: i32, scaleH: i32, scaleW: i32, s0: i32, s1: i32,
): void {
  const outH = inH * scaleH, outW = inW * scaleW;
  let o = y + (<usize>(s0 * outH * outW * C) << 2);
  for (let n = s0; n < s1; n++) {
    const image = x + (<usize>(n * inH * inW * C) << 2);
    for (let oy = 0; oy < outH; oy++) {
      if (mode == 0) {
        const row = image + (<usize>((oy / scaleH) * inW * C) << 2);
        for (let ox = 0; ox < outW; ox++) {
          copyFloats(o, row + (<usize>((ox / scaleW) * C) << 2), C);
          o += <usize>C << 2;
        }
        continue;
      }
      const sy = source(oy, scaleH);
      const y0 = lower(sy, inH);
      const ly = sy - <f64>y0;
      const r0 = image + (<usize>(y0 * inW * C) << 2);
      const r1 = image + (<usize>(min(y0 + 1, inH - 1) * inW * C) << 2);
      for (let ox = 0; ox < outW; ox++) {
        const sx = source(ox, scaleW);
        const x0 = lower(sx, inW);
        const lx = sx - <f64>x0;
        const x1 = min(x0 + 1, inW - 1);
        const w00 = <f32>((1 - ly) * (1 - lx)), w01 = <f32>((1 - ly) * lx), w10 = <f32>(ly * (1 - lx)), w11 = <f32>(ly * lx);
        const a = r0 + (<usize>(x0 * C) << 2), b = r0 + (<usize>(x1 * C) << 2);
        const c0 = r1 + (<usize>(x0 * C) << 2), d = r1 + (<usize>(x1 * C) << 2);
        const v00 = f32x4.splat(w00), v01 = f32x4.splat(w01), v10 = f32x4.splat(w10), v11 = f32x4.splat(w11);
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          const k = <usize>c << 2;
          const s = f32x4.add(f32x4.add(f32x4.mul(v00, v128.load(a + k)), f32x4.mul(v01, v128.load(b + k))),
            f32x4.add(f32x4.mul(v10, v128.load(c0 + k)), f32x4.mul(v11, v128.load(d + k))));
          v128.store(o + k, s);
        }
        for (; c < C; c++) {
          const k = <usize>c << 2;
          store<f32>(o + k, w00 * load<f32>(a + k) + w01 * load<f32>(b + k) + w10 * load<f32>(c0 + k) + w11 * load<f32>(d + k));
        }
        o += <usize>C << 2;
      }
    }
  }
}

@inline function addScaled(dst: usize, src: usize, w: f32, n: i32): void {
  const v = f32x4.splat(w);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const k = <usize>i << 2;
    v128.store(dst + k, f32x4.add(v128.load(dst + k), f32x4.mul(v, v128.load(src + k))));
  }
  for (; i < n; i++) {
    const k = <usize>i << 2;
    store<f32>(dst + k, load<f32>(dst + k) + w * load<f32>(src + k));
  }
}

/** The adjoint of upsampleForward: dx (overwritten for samples [s0, s1)) gathers every dy with its weights. */
export function upsampleBackward(
  mode: i32, dy: usize, dx: usize, inH: i32, inW: i32, C: i32, scaleH: i32, scaleW: i32, s0: i32, s1: i32,
): void {
  const outH = inH * scaleH, outW = inW * scaleW;
  memory.fill(dx + (<usize>(s0 * inH * inW * C) << 2), 0, <usize>((s1 - s0) * inH * inW * C) << 2);
  let o = dy + (<usize>(s0 * outH * outW * C) << 2);
  for (let n = s0; n < s1; n++) {
    const image = dx + (<usize>(n * inH * inW * C) << 2);
    for (let oy = 0; oy < outH; oy++) {
      if (mode == 0) {
        const row = image + (<usize>((oy / scaleH) * inW * C) << 2);
        for (let ox = 0; ox < outW; ox++) {
          addScaled(row + (<usize>((ox / scaleW) * C) << 2), o, 1, C);
          o += <usize>C << 2;
        }
        continue;
      }
      const sy = source(oy, scaleH);
      const y0 = lower(sy, inH);
      const ly = sy - <f64>y0;
      const r0 = image + (<usize>(y0 * inW * C) << 2);
      const r1 = image + (<usize>(min(y0 + 1, inH - 1) * inW * C) << 2);
      for (let ox = 0; ox < outW; ox++) {
        const sx = source(ox, scaleW);
        const x0 = lower(sx, inW);
        const lx = sx - <f64>x0;
        const x1 = min(x0 + 1, inW - 1);
        addScaled(r0 + (<usize>(x0 * C) << 2), o, <f32>((1 - ly) * (1 - lx)), C);
        addScaled(r0 + (<usize>(x1 * C) << 2), o, <f32>((1 - ly) * lx), C);
        addScaled(r1 + (<usize>(x0 * C) << 2), o, <f32>(ly * (1 - lx)), C);
        addScaled(r1 + (<usize>(x1 * C) << 2), o, <f32>(ly * lx), C);
        o += <usize>C << 2;
      }
    }
  }
}
