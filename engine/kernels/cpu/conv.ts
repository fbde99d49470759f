/**
 * conv2d as im2col + matmul (NHWC input, HWIO weight). im2col lays every receptive field out as one row of
 * `col` [batch·outH·outW, kernelH·kernelW·inC] in (fy, fx, c) order, which is exactly the row order of the HWIO
 * weight seen as a [kernelH·kernelW·inC, K] matrix, so:
 *   forward          y    = col · W            (+ bias)
 *   backward filter  dW   = colᵀ · dy,  db = Σ_rows dy
 *   backward input   dcol = dy · Wᵀ,   dx = col2im(dcol)   (the scatter-add adjoint of im2col)
 * Zero padding and dilation live only in im2col/col2im.
 */
import type { FloatArray } from '../../tensor/types';
import type { Conv2dBackwardFilter, Conv2dBackwardInput, Conv2dForward, ConvGeometry } from '../backend';
import { addBias, matmul, matmulTransA, matmulTransB, sumRows } from './matmul';

/** Gathers receptive fields into rows of `col`; out-of-image taps are zeros. */
export function im2col(x: FloatArray, col: FloatArray, g: ConvGeometry): void {
  const { batch, inH, inW, inC, outH, outW, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  const runLength = kernelW * inC;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * imageStride;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - padLeft;
        // Without dilation a kernel row inside the image is one contiguous run of kernelW·inC values.
        const contiguous = dilationW === 1 && x0 >= 0 && x0 + kernelW <= inW;
        for (let fy = 0; fy < kernelH; fy++) {
          const iy = y0 + fy * dilationH;
          const rowInside = iy >= 0 && iy < inH;
          const rowBase = image + iy * rowStride;
          if (rowInside && contiguous) {
            let s = rowBase + x0 * inC;
            for (let t = 0; t < runLength; t++) col[o++] = x[s++];
            continue;
          }
          for (let fx = 0; fx < kernelW; fx++) {
            const ix = x0 + fx * dilationW;
            if (rowInside && ix >= 0 && ix < inW) {
              let s = rowBase + ix * inC;
              for (let c = 0; c < inC; c++) col[o++] = x[s++];
            } else {
              for (let c = 0; c < inC; c++) col[o++] = 0;
            }
          }
        }
      }
    }
  }
}

/** The adjoint of im2col: adds every row of `dcol` back onto the pixels it was gathered from. Overwrites dx. */
export function col2im(dcol: FloatArray, dx: FloatArray, g: ConvGeometry): void {
  const { batch, inH, inW, inC, outH, outW, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const rowStride = inW * inC;
  const imageStride = inH * rowStride;
  dx.fill(0, 0, batch * imageStride);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    const image = n * imageStride;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * strideW - padLeft;
        for (let fy = 0; fy < kernelH; fy++) {
          const iy = y0 + fy * dilationH;
          const rowInside = iy >= 0 && iy < inH;
          const rowBase = image + iy * rowStride;
          for (let fx = 0; fx < kernelW; fx++) {
            const ix = x0 + fx * dilationW;
            if (rowInside && ix >= 0 && ix < inW) {
              let s = rowBase + ix * inC;
              for (let c = 0; c < inC; c++) dx[s++] += dcol[o++];
            } else {
              o += inC;
            }
          }
        }
      }
    }
  }
}

function patchSize(g: ConvGeometry): number {
  return g.kernelH * g.kernelW * g.inC;
}

function outputRows(g: ConvGeometry): number {
  return g.batch * g.outH * g.outW;
}

/** The TypeScript kernels work through the im2col matrix (they do not set Backend.convGathersFields). */
function scratch(col: FloatArray | null, name: string): FloatArray {
  if (!col) throw new Error(`conv2d: the TypeScript kernels need the '${name}' scratch matrix`);
  return col;
}

export function conv2dForward({ x, weight: w, bias, y, col: given }: Conv2dForward, g: ConvGeometry): void {
  const col = scratch(given, 'col');
  im2col(x, col, g);
  const rows = outputRows(g);
  matmul(col, w, y, rows, patchSize(g), g.outC, false);
  if (bias) addBias(y, bias, rows, g.outC);
}

export function conv2dBackwardInput({ dy, weight: w, dx, dcol: given }: Conv2dBackwardInput, g: ConvGeometry): void {
  const dcol = scratch(given, 'dcol');
  matmulTransB(dy, w, dcol, outputRows(g), g.outC, patchSize(g), false);
  col2im(dcol, dx, g);
}

export function conv2dBackwardFilter({ dy, col: given, dweight: dw, dbias: db }: Conv2dBackwardFilter, g: ConvGeometry, accumulate: boolean): void {
  const col = scratch(given, 'col');
  const rows = outputRows(g);
  const K = g.outC;
  matmulTransA(col, dy, dw, patchSize(g), rows, K, accumulate);
  if (!db) return;
  if (!accumulate) {
    sumRows(dy, db, rows, K);
    return;
  }
  for (let r = 0, o = 0; r < rows; r++) for (let c = 0; c < K; c++, o++) db[c] += dy[o];
}
