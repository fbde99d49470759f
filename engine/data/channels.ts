/**
 * Channel conversion between grey and colour images: grey → RGB repeats the value; RGB → grey is the ITU-R BT.601
 * luma (0.299 R + 0.587 G + 0.114 B, what Pillow's convert('L') uses); an alpha channel is dropped.
 */

/** Converts `pixels` HWC pixels from `from` channels (1, 2 = grey+alpha, 3, 4 = RGBA) to `to` channels (1 or 3). */
export function convertChannels(src: ArrayLike<number>, pixels: number, from: number, to: 1 | 3, scale = 1): Float32Array {
  const out = new Float32Array(pixels * to);
  const colour = from >= 3;
  for (let p = 0; p < pixels; p++) {
    const s = p * from;
    if (to === 1) {
      out[p] = (colour ? 0.299 * src[s] + 0.587 * src[s + 1] + 0.114 * src[s + 2] : src[s]) * scale;
    } else if (colour) {
      out[p * 3] = src[s] * scale;
      out[p * 3 + 1] = src[s + 1] * scale;
      out[p * 3 + 2] = src[s + 2] * scale;
    } else {
      const v = src[s] * scale;
      out[p * 3] = v;
      out[p * 3 + 1] = v;
      out[p * 3 + 2] = v;
    }
  }
  return out;
}
