/** Elementwise arithmetic and channel (last-axis) layout moves: the add, mul and concat gates. */
import type { FloatArray } from '../../tensor/types';

export function multiply(a: FloatArray, b: FloatArray, out: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

export function addInto(acc: FloatArray, x: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) acc[i] += x[i];
}

export function copyColumns(x: FloatArray, out: FloatArray, rows: number, width: number, outCols: number, offset: number): void {
  for (let r = 0, i = 0, o = offset; r < rows; r++, o += outCols - width) {
    for (let c = 0; c < width; c++) out[o++] = x[i++];
  }
}

export function sliceColumns(x: FloatArray, out: FloatArray, rows: number, width: number, inCols: number, offset: number): void {
  for (let r = 0, o = 0, i = offset; r < rows; r++, i += inCols - width) {
    for (let c = 0; c < width; c++) out[o++] = x[i++];
  }
}
