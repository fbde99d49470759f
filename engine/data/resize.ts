/**
 * Image resampling for the user's image folders: bilinear when enlarging and area-weighted when shrinking (the
 * triangle filter widened by the shrink factor, as Pillow's antialiased BILINEAR does), so a photo shrunk to 32×32
 * is smoothed instead of aliased. Pixel centres are aligned (the half-pixel convention of Pillow and OpenCV).
 */

interface AxisWeights {
  /** First source index contributing to each output index. */
  readonly start: Int32Array;
  /** Number of contributing source indices per output index. */
  readonly size: Int32Array;
  /** `size[o]` weights per output index, packed with a stride of `stride`. */
  readonly weights: Float64Array;
  readonly stride: number;
}

function axisWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  const stride = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const size = new Int32Array(outSize);
  const weights = new Float64Array(outSize * stride);
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support));
    const hi = Math.min(inSize, Math.ceil(centre + support));
    let total = 0;
    let n = 0;
    for (let i = lo; i < hi; i++, n++) {
      const w = Math.max(0, 1 - Math.abs((i + 0.5 - centre) / support));
      weights[o * stride + n] = w;
      total += w;
    }
    // Normalising makes the weights sum to 1 even where the window is cut by the border (edge pixels are not darkened).
    for (let k = 0; k < n; k++) weights[o * stride + k] /= total;
    start[o] = lo;
    size[o] = n;
  }
  return { start, size, weights, stride };
}

/** Resizes an HWC float image to outH × outW (same channel count). */
export function resizeImage(src: Float32Array, h: number, w: number, c: number, outH: number, outW: number): Float32Array {
  if (h === outH && w === outW) return src.slice();
  // Separable: first along the width into a [h, outW, c] buffer, then along the height.
  const ax = axisWeights(w, outW);
  const mid = new Float32Array(h * outW * c);
  for (let y = 0; y < h; y++) {
    for (let ox = 0; ox < outW; ox++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < ax.size[ox]; k++) acc += ax.weights[ox * ax.stride + k] * src[(y * w + ax.start[ox] + k) * c + ch];
        mid[(y * outW + ox) * c + ch] = acc;
      }
    }
  }
  const ay = axisWeights(h, outH);
  const out = new Float32Array(outH * outW * c);
  for (let oy = 0; oy < outH; oy++) {
    for (let x = 0; x < outW; x++) {
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < ay.size[oy]; k++) acc += ay.weights[oy * ay.stride + k] * mid[((ay.start[oy] + k) * outW + x) * c + ch];
        out[(oy * outW + x) * c + ch] = acc;
      }
    }
  }
  return out;
}
