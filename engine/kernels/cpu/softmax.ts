/**
 * Softmax over the last axis (`rows` × `cols`), shifted by each row's max so exp never overflows.
 * Its backward never forms the cols × cols Jacobian: dx = y ⊙ (dy − ⟨dy, y⟩) per row.
 */
import type { FloatArray } from '../../tensor/types';

export function softmaxForward(x: FloatArray, y: FloatArray, rows: number, cols: number): void {
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) if (x[base + c] > max) max = x[base + c];
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(x[base + c] - max);
      y[base + c] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let c = 0; c < cols; c++) y[base + c] *= inv;
  }
}

export function softmaxBackward(y: FloatArray, dy: FloatArray, dx: FloatArray, rows: number, cols: number): void {
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let dot = 0;
    for (let c = 0; c < cols; c++) dot += dy[base + c] * y[base + c];
    for (let c = 0; c < cols; c++) dx[base + c] = y[base + c] * (dy[base + c] - dot);
  }
}
