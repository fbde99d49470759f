/**
 * Grouped convolution as direct loops (NHWC input, HWIO weight [F_h, F_w, C_in/G, K]): the C_in channels split into
 * G groups of C_g = C_in/G, the K filters into G groups of K_g = K/G, and filter k sees only its group's channels:
 *   y[n, oy, ox, g·K_g + j] = b[g·K_g + j] + Σ_{fy, fx, c < C_g} x[n, oy·S − P + fy·D, ox·S − P + fx·D, g·C_g + c]
 *                                                                · w[fy, fx, c, g·K_g + j]
 * Depthwise is G = C_in (C_g = 1): each channel filtered on its own. im2col would copy F_h·F_w values per output
 * for only F_h·F_w·K_g multiply-adds, so the direct loop is both smaller and faster here; groups = 1 convolutions
 * keep the im2col + matmul path (engine/kernels/cpu/conv.ts). Out-of-image taps (padding) are skipped: zeros.
 * The three loops (forward, input gradient, weight gradient) visit the same (pixel, tap, channel, filter) tuples;
 * each is one multiply-add of the forward read in a different direction, so their adjointness is plain to see.
 */
import type { FloatArray } from '../../tensor/types';
import type { GroupedConvGeometry } from '../backend';

/** Calls `visit(xBase, wBase, o)` for every output pixel o (its first channel) and every in-image tap. */
function forEachTap(g: GroupedConvGeometry, visit: (xBase: number, wBase: number, o: number) => void): void {
  const { batch, inH, inW, inC, outH, outW, outC, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const cg = inC / g.groups;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * inH * inW * inC;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++, o += outC) {
        const x0 = ox * strideW - padLeft;
        for (let fy = 0; fy < kernelH; fy++) {
          const iy = y0 + fy * dilationH;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kernelW; fx++) {
            const ix = x0 + fx * dilationW;
            if (ix < 0 || ix >= inW) continue;
            visit(image + (iy * inW + ix) * inC, (fy * kernelW + fx) * cg * outC, o);
          }
        }
      }
    }
  }
}

export function groupedConv2dForward(
  a: { x: FloatArray; weight: FloatArray; bias: FloatArray | null; y: FloatArray }, g: GroupedConvGeometry,
): void {
  const { x, weight: w, bias, y } = a;
  const { outC: K, groups: G } = g;
  const cg = g.inC / G;
  const kg = K / G;
  const rows = g.batch * g.outH * g.outW;
  for (let r = 0, o = 0; r < rows; r++, o += K) {
    for (let k = 0; k < K; k++) y[o + k] = bias ? bias[k] : 0;
  }
  forEachTap(g, (xBase, wBase, o) => {
    for (let grp = 0; grp < G; grp++) {
      const xg = xBase + grp * cg;
      const og = o + grp * kg;
      for (let c = 0; c < cg; c++) {
        const v = x[xg + c];
        const wr = wBase + c * K + grp * kg;
        for (let j = 0; j < kg; j++) y[og + j] += v * w[wr + j];
      }
    }
  });
}

export function groupedConv2dBackwardInput(a: { dy: FloatArray; weight: FloatArray; dx: FloatArray }, g: GroupedConvGeometry): void {
  const { dy, weight: w, dx } = a;
  const { outC: K, groups: G } = g;
  const cg = g.inC / G;
  const kg = K / G;
  dx.fill(0, 0, g.batch * g.inH * g.inW * g.inC);
  forEachTap(g, (xBase, wBase, o) => {
    for (let grp = 0; grp < G; grp++) {
      const xg = xBase + grp * cg;
      const og = o + grp * kg;
      for (let c = 0; c < cg; c++) {
        const wr = wBase + c * K + grp * kg;
        let s = 0;
        for (let j = 0; j < kg; j++) s += dy[og + j] * w[wr + j];
        dx[xg + c] += s;
      }
    }
  });
}

export function groupedConv2dBackwardFilter(
  a: { dy: FloatArray; x: FloatArray; dweight: FloatArray; dbias: FloatArray | null }, g: GroupedConvGeometry, accumulate: boolean,
): void {
  const { dy, x, dweight: dw, dbias: db } = a;
  const { outC: K, groups: G } = g;
  const cg = g.inC / G;
  const kg = K / G;
  if (!accumulate) {
    dw.fill(0, 0, g.kernelH * g.kernelW * cg * K);
    if (db) db.fill(0, 0, K);
  }
  forEachTap(g, (xBase, wBase, o) => {
    for (let grp = 0; grp < G; grp++) {
      const xg = xBase + grp * cg;
      const og = o + grp * kg;
      for (let c = 0; c < cg; c++) {
        const v = x[xg + c];
        const wr = wBase + c * K + grp * kg;
        for (let j = 0; j < kg; j++) dw[wr + j] += v * dy[og + j];
      }
    }
  });
  if (!db) return;
  const rows = g.batch * g.outH * g.outW;
  for (let r = 0, o = 0; r < rows; r++) for (let k = 0; k < K; k++, o++) db[k] += dy[o];
}
