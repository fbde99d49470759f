/** How numbers and shapes are written for people: "32×32×3", "61,706", "2.33". */
import type { Shape } from './types';

/** A shape as the card and the summary write it: [32, 32, 3] → "32×32×3". */
export function formatShape(shape: Shape): string {
  return shape.join('×');
}

/** A shape as the file writes it, for messages that tell the user what to type: [28, 28, 1] → "[28, 28, 1]". */
export function shapeAsWritten(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Integer with thousands separators, as in Keras' and torchinfo's tables: 61706 → "61,706". */
export function formatCount(n: number): string {
  // Hand-rolled: toLocaleString is ~50× slower and this runs for every node on every keystroke.
  const digits = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** A ratio as the lecture writes it: exact integers stay integers, others get two decimals (7/3 → "2.33"). */
export function formatRatio(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/**
 * A receptive field (or jump) "r_h×r_w" in input pixels. After an upsampling or a transposed convolution the jump is
 * a fraction of a pixel (j/s), and so may a receptive field grown from it be: shown with two decimals ("6.50×6.50").
 */
export function formatPixels(p: readonly [number, number]): string {
  return `${formatRatio(p[0])}×${formatRatio(p[1])}`;
}

/** Bytes in binary units with one decimal, the one convention for every byte count shown: 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** The product of factors written with a middle dot: [5, 5, 3] → "5·5·3". */
export function product(factors: readonly (number | string)[]): string {
  return factors.join('·');
}
