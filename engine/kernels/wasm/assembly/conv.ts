// Convolution helpers for im2col + GEMM (NHWC input, HWIO weight): im2col gathers every receptive field into one
// row of `col` [rows, kh·kw·inC] in (fy, fx, c) order — the row order of the weight seen as [kh·kw·inC, K] — and
// col2im is its adjoint (scatter-add). The Range forms work on a range of samples [s0, s1), so threads split the
// batch without sharing a cache line of output; the Rows forms on any range of output rows (a tile). The geometry
// is read from a struct of i32 the JS side writes (see Geo below).

// Geometry struct (i32 offsets): the field order of ConvGeometry in engine/kernels/backend.ts.
export const G_BATCH = 0, G_INH = 1, G_INW = 2, G_INC = 3, G_OUTH = 4, G_OUTW = 5, G_OUTC = 6, G_KH = 7, G_KW = 8;
export const G_SH = 9, G_SW = 10, G_DH = 11, G_DW = 12, G_PADT = 13, G_PADL = 14;

@inline export function geo(g: usize, field: i32): i32 {
  return load<i32>(g + (<usize>field << 2));
}

/**
 * Copies `bytes` (a multiple of 4). Short runs — a pixel of 1–16 channels, the common case of a first layer — are
 * copied inline: memory.copy is an out-of-line call in V8, which dominated im2col for 1-channel input.
 */
@inline function copyRun(dst: usize, src: usize, bytes: usize): void {
  if (bytes >= 256) {
    memory.copy(dst, src, bytes);
    return;
  }
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, v128.load(src + i));
  for (; i < bytes; i += 4) store<f32>(dst + i, load<f32>(src + i));
}

@inline function zeroRun(dst: usize, bytes: usize): void {
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, i32x4.splat(0));
  for (; i < bytes; i += 4) store<f32>(dst + i, 0);
}

/**
 * Receptive fields of output rows [r0, r1) (row r = output pixel r mod outH·outW of sample ⌊r / outH·outW⌋; a range
 * may start and end anywhere, across samples too) into consecutive rows of `col`, starting at `col` itself. The
 * tiled conv kernels (convTiled.ts) gather one tile at a time into a small scratch this way.
 */
export function im2colRows(x: usize, col: usize, g: usize, r0: i32, r1: i32): void {
  const inH = geo(g, G_INH), inW = geo(g, G_INW), inC = geo(g, G_INC), outH = geo(g, G_OUTH), outW = geo(g, G_OUTW);
  const kh = geo(g, G_KH), kw = geo(g, G_KW), sh = geo(g, G_SH), sw = geo(g, G_SW), dh = geo(g, G_DH), dw = geo(g, G_DW);
  const padT = geo(g, G_PADT), padL = geo(g, G_PADL);
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  const pixelBytes = <usize>inC << 2;
  const runBytes = <usize>(kw * inC) << 2;
  const pixels = outH * outW;
  let n = r0 / pixels, oy = (r0 % pixels) / outW, ox = r0 % outW;
  let o = col;
  for (let r = r0; r < r1; r++) {
    const image = x + (<usize>(n * imageStride) << 2);
    const y0 = oy * sh - padT;
    const x0 = ox * sw - padL;
    // Without dilation a kernel row inside the image is one contiguous run of kw·inC values.
    const contiguous = dw == 1 && x0 >= 0 && x0 + kw <= inW;
    for (let fy = 0; fy < kh; fy++) {
      const iy = y0 + fy * dh;
      const rowInside = iy >= 0 && iy < inH;
      const rowBase = image + (<usize>(iy * rowStride) << 2);
      if (rowInside && contiguous) {
        copyRun(o, rowBase + (<usize>(x0 * inC) << 2), runBytes);
        o += runBytes;
        continue;
      }
      for (let fx = 0; fx < kw; fx++) {
        const ix = x0 + fx * dw;
        if (rowInside && ix >= 0 && ix < inW) copyRun(o, rowBase + (<usize>(ix * inC) << 2), pixelBytes);
        else zeroRun(o, pixelBytes);
        o += pixelBytes;
      }
    }
    if (++ox == outW) {
      ox = 0;
      if (++oy == outH) {
        oy = 0;
        n++;
      }
    }
  }
}

/** Receptive fields of samples [s0, s1) into their rows of `col` (row 0 of `col` = the first output of sample 0). */
export function im2colRange(x: usize, col: usize, g: usize, s0: i32, s1: i32): void {
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  im2colRows(x, col + (<usize>(s0 * pixels * patch) << 2), g, s0 * pixels, s1 * pixels);
}

@inline function addRun(dst: usize, src: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const off = <usize>i << 2;
    v128.store(dst + off, f32x4.add(v128.load(dst + off), v128.load(src + off)));
  }
  for (; i < count; i++) {
    const off = <usize>i << 2;
    store<f32>(dst + off, load<f32>(dst + off) + load<f32>(src + off));
  }
}

/**
 * The adjoint of im2colRows: adds rows [r0, r1) of the gradient of col, stored from `dcol` on, onto the pixels of dx
 * they were gathered from. Adds (the caller zeroes dx first); the rows' samples must belong to this thread alone.
 */
export function col2imRows(dcol: usize, dx: usize, g: usize, r0: i32, r1: i32): void {
  const inH = geo(g, G_INH), inW = geo(g, G_INW), inC = geo(g, G_INC), outH = geo(g, G_OUTH), outW = geo(g, G_OUTW);
  const kh = geo(g, G_KH), kw = geo(g, G_KW), sh = geo(g, G_SH), sw = geo(g, G_SW), dh = geo(g, G_DH), dw = geo(g, G_DW);
  const padT = geo(g, G_PADT), padL = geo(g, G_PADL);
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  const pixelBytes = <usize>inC << 2;
  const pixels = outH * outW;
  let n = r0 / pixels, oy = (r0 % pixels) / outW, ox = r0 % outW;
  let o = dcol;
  for (let r = r0; r < r1; r++) {
    const image = dx + (<usize>(n * imageStride) << 2);
    const y0 = oy * sh - padT;
    const x0 = ox * sw - padL;
    const contiguous = dw == 1 && x0 >= 0 && x0 + kw <= inW;
    for (let fy = 0; fy < kh; fy++) {
      const iy = y0 + fy * dh;
      const rowInside = iy >= 0 && iy < inH;
      const rowBase = image + (<usize>(iy * rowStride) << 2);
      if (rowInside && contiguous) {
        addRun(rowBase + (<usize>(x0 * inC) << 2), o, kw * inC);
        o += <usize>(kw * inC) << 2;
        continue;
      }
      for (let fx = 0; fx < kw; fx++) {
        const ix = x0 + fx * dw;
        if (rowInside && ix >= 0 && ix < inW) addRun(rowBase + (<usize>(ix * inC) << 2), o, inC);
        o += pixelBytes;
      }
    }
    if (++ox == outW) {
      ox = 0;
      if (++oy == outH) {
        oy = 0;
        n++;
      }
    }
  }
}

/** The adjoint of im2col for samples [s0, s1): overwrites their part of dx with the scatter-add of `dcol`. */
export function col2imRange(dcol: usize, dx: usize, g: usize, s0: i32, s1: i32): void {
  const imageStride = geo(g, G_INH) * geo(g, G_INW) * geo(g, G_INC);
  const pixels = geo(g, G_OUTH) * geo(g, G_OUTW);
  const patch = geo(g, G_KH) * geo(g, G_KW) * geo(g, G_INC);
  memory.fill(dx + (<usize>(s0 * imageStride) << 2), 0, <usize>((s1 - s0) * imageStride) << 2);
  col2imRows(dcol + (<usize>(s0 * pixels * patch) << 2), dx, g, s0 * pixels, s1 * pixels);
}
